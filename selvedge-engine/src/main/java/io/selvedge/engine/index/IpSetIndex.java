package io.selvedge.engine.index;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.DisjointCidrs;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.NamedPortMember;
import io.selvedge.selector.Selector;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members of every active IP set. Items are the address-bearing objects of the whole
 * cluster (endpoints of every node, network sets) with their labels, parents (profiles),
 * addresses and named ports. Sets are activated by the graph while some active rule references
 * them:
 *
 * <ul>
 *   <li>a selector set holds the covering addresses of the items its selector matches, one
 *       {@link CidrTrie} per family (reference-counted, overlap-free);
 *   <li>a named-port set holds (address, protocol, port) of the items its selector matches
 *       that declare the named port with an accepted protocol.
 * </ul>
 *
 * Matching is delegated to a {@link LabelIndex} keyed by selector unique ID (selectors shared by
 * several sets are registered once). Selector-set members change immediately, O(depth) per
 * address; their changes since the last send are kept per family ({@link #drainDelta}).
 * Named-port sets are only marked dirty and computed on demand ({@link #namedPortMembers}).
 * The neighbour {@code DesiredStateSequencer} decides what to send. Not thread-safe.
 *
 * @param <I> item key type
 */
public final class IpSetIndex<I> {

  private record ItemData(PatchableCidrs cidrs, List<NamedPort> ports) {}

  private static final class NetsSet {
    final long generation;
    final CidrTrie v4 = new CidrTrie(IpFamily.V4);
    final CidrTrie v6 = new CidrTrie(IpFamily.V6);
    final CidrDeltaBuffer d4 = new CidrDeltaBuffer(IpFamily.V4);
    final CidrDeltaBuffer d6 = new CidrDeltaBuffer(IpFamily.V6);

    NetsSet(long generation) {
      this.generation = generation;
    }

    void add(IpFamily family, long hi, long lo, int length) {
      if (family == IpFamily.V4) {
        v4.add(hi, lo, length, d4);
      } else {
        v6.add(hi, lo, length, d6);
      }
    }

    /** Adds every prefix of an item (a set's first item fills an empty trie in one pass). */
    void addAll(PackedCidrs cidrs) {
      v4.addAll(cidrs, d4);
      v6.addAll(cidrs, d6);
    }

    void remove(IpFamily family, long hi, long lo, int length) {
      if (family == IpFamily.V4) {
        v4.remove(hi, lo, length, d4);
      } else {
        v6.remove(hi, lo, length, d6);
      }
    }
  }

  private final LabelIndex<I, String> labels;
  private final Map<I, ItemData> items = new HashMap<>();
  private final Map<String, Integer> selectorRefs = new HashMap<>();
  private final Map<String, NetsSet> netsSets = new HashMap<>();
  private final Map<String, NamedPortSetId> portSets = new HashMap<>();
  private final Map<String, Set<String>> portSetsBySelector = new HashMap<>();
  private final Set<String> touched = new HashSet<>();
  private long generations;

  public IpSetIndex() {
    this.labels = new LabelIndex<>(new LabelIndex.MatchListener<>() {
      @Override
      public void matchStarted(String selector, I item) {
        onMatch(selector, item, true);
      }

      @Override
      public void matchStopped(String selector, I item) {
        onMatch(selector, item, false);
      }
    });
  }

  private void onMatch(String selectorId, I item, boolean started) {
    ItemData data = items.get(item);
    NetsSet set = netsSets.get(selectorId);
    if (set != null && !data.cidrs.isEmpty()) {
      if (started) {
        set.addAll(data.cidrs.packed());
      } else {
        data.cidrs.packed().forEach(set::remove);
      }
      touched.add(selectorId);
    }
    Set<String> ports = portSetsBySelector.get(selectorId);
    if (ports != null && !data.ports.isEmpty()) {
      touched.addAll(ports);
    }
  }

  // ---------------------------------------------------------------- items and parents

  /** Adds or updates an item: its own (and implicit) labels, parents, addresses, named ports. */
  public void updateItem(I id, Map<String, String> ownLabels, List<String> parents, List<Cidr> cidrs,
      List<NamedPort> ports) {
    updateItem(id, ownLabels, parents, PackedCidrs.of(cidrs), ports);
  }

  /**
   * Adds or updates an item. An address change is applied as a difference (one linear merge of
   * the old and new address lists) to the sets the item is in; label changes then move it
   * between sets.
   */
  public void updateItem(I id, Map<String, String> ownLabels, List<String> parents, PackedCidrs cidrs,
      List<NamedPort> ports) {
    ItemData old = items.get(id);
    ItemData now = new ItemData(new PatchableCidrs(cidrs), List.copyOf(ports));
    if (old != null) {
      Set<String> matched = labels.matchingSelectors(id);
      PackedCidrs before = old.cidrs.packed();
      boolean cidrsChanged = !before.equals(cidrs);
      if (cidrsChanged) {
        for (String s : matched) {
          NetsSet set = netsSets.get(s);
          if (set != null) {
            PackedCidrs.diff(before, cidrs, set::remove, set::add);
            touched.add(s);
          }
        }
      }
      // An item without named ports (every network set) is in no named-port set, whatever its
      // addresses: touching those sets would recompute them, O(items matching their selector)
      // each — for all()-based sets, the whole cluster on every network-set update.
      boolean hasPorts = !old.ports.isEmpty() || !now.ports.isEmpty();
      if (hasPorts && (cidrsChanged || !old.ports.equals(now.ports))) {
        for (String s : matched) {
          Set<String> p = portSetsBySelector.get(s);
          if (p != null) {
            touched.addAll(p);
          }
        }
      }
    }
    items.put(id, now);
    labels.updateItem(id, ownLabels, parents);
  }

  /**
   * Changes the addresses of an item without named ports (a network set) by a delta, in time
   * proportional to the delta: the sets the item is in get exactly those prefixes removed and
   * added. Labels stay.
   *
   * @return false, changing nothing, if the item is unknown, has named ports, or does not hold
   *     every prefix of {@code removed} (with repeats): the caller then sends a full update
   */
  public boolean patchItemAddresses(I id, List<Cidr> removed, List<Cidr> added) {
    ItemData data = items.get(id);
    if (data == null || !data.ports.isEmpty() || !data.cidrs.containsAll(removed)) {
      return false;
    }
    if (removed.isEmpty() && added.isEmpty()) {
      return true;
    }
    for (String s : labels.matchingSelectors(id)) {
      NetsSet set = netsSets.get(s);
      if (set != null) {
        for (Cidr c : removed) {
          set.remove(c.family(), c.hi(), c.lo(), c.length());
        }
        for (Cidr c : added) {
          set.add(c.family(), c.hi(), c.lo(), c.length());
        }
        touched.add(s);
      }
    }
    data.cidrs.patch(removed, added);
    return true;
  }

  public void removeItem(I id) {
    if (items.containsKey(id)) {
      labels.removeItem(id);
      items.remove(id);
    }
  }

  public void updateParent(String parent, Map<String, String> parentLabels) {
    labels.updateParent(parent, parentLabels);
  }

  public void removeParent(String parent) {
    labels.removeParent(parent);
  }

  // ---------------------------------------------------------------- sets

  /** Starts maintaining the selector set {@code selector.uniqueId()}. No-op if active. */
  public void activateSelectorSet(Selector selector) {
    String id = selector.uniqueId();
    if (netsSets.containsKey(id)) {
      return;
    }
    NetsSet set = new NetsSet(++generations);
    netsSets.put(id, set);
    touched.add(id);
    if (selectorRefs.containsKey(id)) {
      for (I item : labels.matchingItems(id)) {
        set.addAll(items.get(item).cidrs.packed());
      }
    }
    acquire(id, selector);
  }

  public void deactivateSelectorSet(String id) {
    if (netsSets.remove(id) != null) {
      touched.add(id);
      release(id);
    }
  }

  public boolean isSelectorSetActive(String id) {
    return netsSets.containsKey(id);
  }

  /** Starts maintaining a named-port set; {@code selector} must have the spec's selector ID. */
  public void activateNamedPortSet(NamedPortSetId spec, Selector selector) {
    if (!selector.uniqueId().equals(spec.selectorId())) {
      throw new IllegalArgumentException("selector " + selector + " is not " + spec.selectorId());
    }
    if (portSets.putIfAbsent(spec.id(), spec) != null) {
      return;
    }
    portSetsBySelector.computeIfAbsent(spec.selectorId(), k -> new HashSet<>()).add(spec.id());
    touched.add(spec.id());
    acquire(spec.selectorId(), selector);
  }

  public void deactivateNamedPortSet(String id) {
    NamedPortSetId spec = portSets.remove(id);
    if (spec == null) {
      return;
    }
    Set<String> s = portSetsBySelector.get(spec.selectorId());
    s.remove(id);
    if (s.isEmpty()) {
      portSetsBySelector.remove(spec.selectorId());
    }
    touched.add(id);
    release(spec.selectorId());
  }

  public boolean isNamedPortSetActive(String id) {
    return portSets.containsKey(id);
  }

  private void acquire(String selectorId, Selector selector) {
    if (selectorRefs.merge(selectorId, 1, Integer::sum) == 1) {
      labels.updateSelector(selectorId, selector);
    }
  }

  private void release(String selectorId) {
    int n = selectorRefs.get(selectorId) - 1;
    if (n == 0) {
      selectorRefs.remove(selectorId);
      labels.removeSelector(selectorId);
    } else {
      selectorRefs.put(selectorId, n);
    }
  }

  // ---------------------------------------------------------------- read side

  /**
   * IDs of sets whose members (may have) changed, or that were activated or deactivated, since
   * the last call; clears the record.
   */
  public Set<String> takeTouched() {
    Set<String> out = new HashSet<>(touched);
    touched.clear();
    return out;
  }

  /**
   * Identifies one activation of a selector set: a set deactivated and activated again has a new
   * generation, so a sequencer knows to send it whole rather than as a delta. 0 if inactive.
   */
  public long generation(String id) {
    NetsSet s = netsSets.get(id);
    return s == null ? 0 : s.generation;
  }

  /** The covering members of an active selector set. O(n). */
  public DisjointCidrs members(String id, IpFamily family) {
    NetsSet s = Objects.requireNonNull(netsSets.get(id), id);
    return family == IpFamily.V4 ? s.v4.snapshot() : s.v6.snapshot();
  }

  /** Starts recording changes of an active selector set's family relative to its current members. */
  public void startDelta(String id, IpFamily family) {
    NetsSet s = Objects.requireNonNull(netsSets.get(id), id);
    (family == IpFamily.V4 ? s.d4 : s.d6).track();
  }

  /** Stops recording changes of a family no longer sent (its key was removed). No-op if inactive. */
  public void stopDelta(String id, IpFamily family) {
    NetsSet s = netsSets.get(id);
    if (s != null) {
      (family == IpFamily.V4 ? s.d4 : s.d6).untrack();
    }
  }

  /** Moves the changes recorded since {@link #startDelta} (or the last drain) out. */
  public void drainDelta(String id, IpFamily family, List<Cidr> removed, List<Cidr> added) {
    NetsSet s = Objects.requireNonNull(netsSets.get(id), id);
    (family == IpFamily.V4 ? s.d4 : s.d6).drain(removed, added);
  }

  /** The members of an active named-port set in one family, sorted. O(matching items). */
  public List<NamedPortMember> namedPortMembers(String id, IpFamily family) {
    NamedPortSetId spec = Objects.requireNonNull(portSets.get(id), id);
    TreeSet<NamedPortMember> out = new TreeSet<>();
    for (I item : labels.matchingItems(spec.selectorId())) {
      ItemData data = items.get(item);
      for (NamedPort p : data.ports) {
        if (!p.name().equals(spec.portName()) || !spec.acceptsProtocol(p.protocol())) {
          continue;
        }
        data.cidrs.packed().forEach(family,
            (f, hi, lo, len) -> out.add(new NamedPortMember(Cidr.of(f, hi, lo, len), p.protocol(), p.port())));
      }
    }
    return List.copyOf(out);
  }

  /** The effective labels of an item (for tests and explanations), or null. */
  public Map<String, String> effectiveLabels(I id) {
    return labels.effectiveLabels(id);
  }
}
