package io.selvedge.engine;

import io.selvedge.engine.index.IpSetIndex;
import io.selvedge.engine.index.NamedPortSetId;
import io.selvedge.selector.Selector;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which IP sets the active policies and profiles reference, reference-counted per
 * {@link IpSetKey} (a set is sent per family only while a rule of that family uses it) and per
 * ID (the {@link IpSetIndex} maintains a set while any family of it is referenced). Updating an
 * owner's references activates new sets before releasing old ones, so a set moving from one
 * rule to another is never torn down. Records the keys whose referenced-ness changed (first
 * reference taken, last one released) for the sequencer; member changes of a referenced set
 * reach it through {@link IpSetIndex#takeTouched}. Not thread-safe; O(references of the owner) per update.
 */
final class IpSetReferences {
  private final IpSetIndex<?> index;
  private final Map<RuleOwner, Set<IpSetKey>> byOwner = new HashMap<>();
  private final Map<IpSetKey, Integer> keyRefs = new HashMap<>();
  private final Map<String, Integer> idRefs = new HashMap<>();
  private final Set<IpSetKey> changed = new HashSet<>();

  IpSetReferences(IpSetIndex<?> index) {
    this.index = index;
  }

  /** Sets what an owner references; {@code rules} resolved, {@code parsed} for the set specs. */
  void update(RuleOwner owner, RuleLists rules, ParsedRules parsed) {
    Set<IpSetKey> now = new HashSet<>();
    for (Direction d : Direction.values()) {
      for (IpFamily f : IpFamily.values()) {
        for (ResolvedRule r : rules.get(d, f)) {
          for (EndpointMatch m : List.of(r.source(), r.destination())) {
            m.ipSets().forEach(id -> now.add(new IpSetKey(id, f)));
            m.notIpSets().forEach(id -> now.add(new IpSetKey(id, f)));
            m.namedPortSets().forEach(id -> now.add(new IpSetKey(id, f)));
            m.notNamedPortSets().forEach(id -> now.add(new IpSetKey(id, f)));
          }
        }
      }
    }
    Set<IpSetKey> before = byOwner.getOrDefault(owner, Set.of());
    for (IpSetKey k : now) {
      if (!before.contains(k)) {
        acquire(k, parsed);
      }
    }
    for (IpSetKey k : before) {
      if (!now.contains(k)) {
        release(k);
      }
    }
    if (now.isEmpty()) {
      byOwner.remove(owner);
    } else {
      byOwner.put(owner, now);
    }
  }

  void clear(RuleOwner owner) {
    update(owner, RuleLists.EMPTY, ParsedRules.EMPTY);
  }

  boolean isReferenced(IpSetKey key) {
    return keyRefs.containsKey(key);
  }

  /** Keys whose reference state may have changed since the last call; clears the record. */
  Set<IpSetKey> takeChanged() {
    Set<IpSetKey> out = new HashSet<>(changed);
    changed.clear();
    return out;
  }

  private void acquire(IpSetKey k, ParsedRules parsed) {
    // Only a key that becomes referenced is news to the sequencer: one more reference to a set
    // already sent changes nothing, and re-checking it would recompute a named-port set
    // (O(items its selector matches)) whenever another policy using it comes or goes.
    if (keyRefs.merge(k, 1, Integer::sum) == 1) {
      changed.add(k);
    }
    if (idRefs.merge(k.id(), 1, Integer::sum) == 1) {
      Selector s = parsed.selectors().get(k.id());
      if (s != null) {
        index.activateSelectorSet(s);
      } else {
        NamedPortSetId np = parsed.namedPortSets().get(k.id());
        index.activateNamedPortSet(np, parsed.selectors().get(np.selectorId()));
      }
    }
  }

  private void release(IpSetKey k) {
    if (keyRefs.merge(k, -1, Integer::sum) == 0) {
      keyRefs.remove(k);
      changed.add(k);
    }
    if (idRefs.merge(k.id(), -1, Integer::sum) == 0) {
      idRefs.remove(k.id());
      if (index.isSelectorSetActive(k.id())) {
        index.deactivateSelectorSet(k.id());
      } else {
        index.deactivateNamedPortSet(k.id());
      }
    }
  }
}
