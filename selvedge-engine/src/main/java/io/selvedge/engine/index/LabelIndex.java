package io.selvedge.engine.index;

import io.selvedge.selector.LabelRestriction;
import io.selvedge.selector.Selector;
import io.selvedge.selector.ValueSet;
import io.selvedge.selector.Labels;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Which items (endpoints, network sets) match which selectors, kept up to date incrementally and
 * reported as match started/stopped events. Items have their own labels and an ordered list of
 * parents (profiles) whose labels they inherit: effective labels are the own labels, then each
 * parent's labels in order, the first definition of a key winning (spec §3.1). The graph uses
 * two instances: local endpoints × policy selectors (which policies apply), and every endpoint
 * and network set of the cluster × rule selectors (IP-set members).
 *
 * <p>How it avoids evaluating every selector against every item: each selector is filed under
 * one <em>anchor</em> taken from its {@link Selector#labelRestrictions() label restrictions} — a
 * label it needs with one of a few values (filed under each label=value), else a label it needs
 * present (filed under the label), else nowhere special ("unanchored", e.g. {@code all()},
 * {@code a != "x"}). Items are indexed by their effective label=value pairs.
 *
 * <ul>
 *   <li>Item added or relabelled: evaluates the selectors filed under its label=value pairs and
 *       labels, the unanchored ones, and those it matched before. O(candidates × selector size).
 *   <li>Selector added: evaluates only the items carrying its anchor (all items if unanchored).
 *   <li>Parent relabelled: re-evaluates the parent's items as above.
 * </ul>
 *
 * <p>Memory: items and selectors get dense slot numbers, and every relation between them (the
 * matches in both directions, items by label=value and by parent, selectors by anchor) is an
 * {@link IntHashSet} of slots, with no object per entry: a cold start's 1.2 million
 * endpoint-policy matches cost ~10 MB instead of ~50 MB of hash nodes for the garbage collector
 * to trace, and candidates are reached by array index instead of hashing their keys.
 *
 * <p>Listeners are called synchronously, must not call back into the index, and see each
 * transition exactly once. Not thread-safe: the calculation graph is single-threaded.
 *
 * @param <I> item key type
 * @param <S> selector key type (several keys may hold equal selectors)
 */
public final class LabelIndex<I, S> {

  /** Receives match transitions. */
  public interface MatchListener<I, S> {
    void matchStarted(S selector, I item);

    void matchStopped(S selector, I item);
  }

  private static final class Item<I> {
    final I key;
    final int slot;
    Map<String, String> own;
    List<String> parents;
    Map<String, String> effective = Map.of();
    /** Slots of the selectors it matches. */
    final IntHashSet matches = new IntHashSet();

    Item(I key, int slot) {
      this.key = key;
      this.slot = slot;
    }
  }

  private static final class Sel<S> {
    final S key;
    final int slot;
    final Selector selector;
    final String anchorLabel; // null: unanchored (or unsatisfiable)
    final ValueSet anchorValues; // null: label must only be present
    final boolean unsatisfiable;
    /** Slots of the items it matches. */
    final IntHashSet matches = new IntHashSet();

    Sel(S key, int slot, Selector selector) {
      this.key = key;
      this.slot = slot;
      this.selector = selector;
      this.unsatisfiable = selector.labelRestrictions().isUnsatisfiable();
      String bestValued = null;
      ValueSet bestValues = null;
      String firstPresent = null;
      for (Map.Entry<String, LabelRestriction> e : selector.labelRestrictions().asMap().entrySet()) {
        LabelRestriction r = e.getValue();
        if (!r.mustBePresent()) {
          continue;
        }
        if (r.mustHaveOneOfValues() != null) {
          if (bestValues == null || r.mustHaveOneOfValues().size() < bestValues.size()) {
            bestValued = e.getKey();
            bestValues = r.mustHaveOneOfValues();
          }
        } else if (firstPresent == null) {
          firstPresent = e.getKey();
        }
      }
      this.anchorLabel = bestValued != null ? bestValued : firstPresent;
      this.anchorValues = bestValues;
    }
  }

  private final MatchListener<I, S> listener;
  private final Map<I, Item<I>> items = new HashMap<>();
  private final Slots<Item<I>> itemSlots = new Slots<>();
  private final Map<String, Map<String, String>> parentLabels = new HashMap<>();
  private final Map<String, IntHashSet> itemsByParent = new HashMap<>();
  private final Map<String, Map<String, IntHashSet>> itemsByLabel = new HashMap<>();
  private final Map<S, Sel<S>> selectors = new HashMap<>();
  private final Slots<Sel<S>> selectorSlots = new Slots<>();
  private final Map<String, Map<String, IntHashSet>> selectorsByValue = new HashMap<>();
  private final Map<String, IntHashSet> selectorsByLabel = new HashMap<>();
  private final IntHashSet unanchored = new IntHashSet();

  public LabelIndex(MatchListener<I, S> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  // ---------------------------------------------------------------- items

  /** Adds or updates an item. */
  public void updateItem(I id, Map<String, String> ownLabels, List<String> parents) {
    Item<I> item = items.get(id);
    if (item == null) {
      item = new Item<>(id, itemSlots.add(null));
      itemSlots.set(item.slot, item);
      items.put(id, item);
    } else {
      for (String p : item.parents) {
        removeFrom(itemsByParent, p, item.slot);
      }
    }
    item.own = Map.copyOf(ownLabels);
    item.parents = List.copyOf(parents);
    for (String p : item.parents) {
      itemsByParent.computeIfAbsent(p, k -> new IntHashSet()).add(item.slot);
    }
    relabel(item);
  }

  /** Removes an item; every match it had stops. */
  public void removeItem(I id) {
    Item<I> item = items.remove(id);
    if (item == null) {
      return;
    }
    for (String p : item.parents) {
      removeFrom(itemsByParent, p, item.slot);
    }
    unindexLabels(item.slot, item.effective);
    for (int s : item.matches.toArray()) {
      Sel<S> sel = selectorSlots.get(s);
      sel.matches.remove(item.slot);
      item.matches.remove(s);
      listener.matchStopped(sel.key, id);
    }
    itemSlots.free(item.slot);
  }

  /** Sets the labels a parent (profile) gives its items; re-evaluates those items. */
  public void updateParent(String parent, Map<String, String> labels) {
    Map<String, String> copy = Map.copyOf(labels);
    if (copy.equals(parentLabels.get(parent))) {
      return;
    }
    if (copy.isEmpty()) {
      parentLabels.remove(parent);
    } else {
      parentLabels.put(parent, copy);
    }
    IntHashSet affected = itemsByParent.get(parent);
    if (affected != null) {
      for (int slot : affected.toArray()) {
        relabel(itemSlots.get(slot));
      }
    }
  }

  public void removeParent(String parent) {
    updateParent(parent, Map.of());
  }

  /** The effective labels of an item, or null if unknown. */
  public Map<String, String> effectiveLabels(I id) {
    Item<I> item = items.get(id);
    return item == null ? null : item.effective;
  }

  public boolean containsItem(I id) {
    return items.containsKey(id);
  }

  /** The selectors an item currently matches (live, unmodifiable view). */
  public Set<S> matchingSelectors(I id) {
    Item<I> item = items.get(id);
    if (item == null) {
      return Set.of();
    }
    return new SlotSetView<>(item.matches, slot -> selectorSlots.get(slot).key, o -> {
      Sel<S> sel = selectors.get(o);
      return sel != null && item.matches.contains(sel.slot);
    });
  }

  /**
   * A value that is equal for two items exactly when they match the same selectors: a cheap key
   * (sorted slot numbers, no set of selector keys to copy and hash) for sharing work between
   * items of the same selection. Valid only until the index next changes. Null if unknown.
   */
  public Object selectionKey(I id) {
    Item<I> item = items.get(id);
    if (item == null) {
      return null;
    }
    int[] slots = item.matches.toArray();
    Arrays.sort(slots);
    return new Selection(slots);
  }

  /** Sorted selector slots of an item, compared by value. */
  private static final class Selection {
    private final int[] slots;
    private final int hash;

    Selection(int[] slots) {
      this.slots = slots;
      this.hash = Arrays.hashCode(slots);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Selection s && s.hash == hash && Arrays.equals(s.slots, slots);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private Map<String, String> effective(Item<I> item) {
    if (item.parents.isEmpty()) {
      return item.own;
    }
    Map<String, String> out = new HashMap<>(item.own);
    for (String p : item.parents) {
      Map<String, String> pl = parentLabels.get(p);
      if (pl != null) {
        pl.forEach(out::putIfAbsent);
      }
    }
    return Map.copyOf(out);
  }

  private void relabel(Item<I> item) {
    Map<String, String> before = item.effective;
    Map<String, String> after = effective(item);
    boolean isNew = before.isEmpty() && item.matches.isEmpty();
    if (after.equals(before) && !isNew) {
      return;
    }
    unindexLabels(item.slot, before);
    item.effective = after;
    indexLabels(item.slot, after);
    Labels labels = Labels.of(after); // one view for every candidate's evaluation
    if (item.matches.isEmpty()) {
      // Nothing matched before: each selector is filed under one anchor, so the candidates below
      // are distinct and need no set to collect them (the common case: endpoints being added).
      for (Map.Entry<String, String> e : after.entrySet()) {
        Map<String, IntHashSet> byValue = selectorsByValue.get(e.getKey());
        if (byValue != null) {
          startMatches(item, byValue.get(e.getValue()), labels);
        }
        startMatches(item, selectorsByLabel.get(e.getKey()), labels);
      }
      startMatches(item, unanchored, labels);
      return;
    }
    IntHashSet candidates = new IntHashSet();
    for (int s : item.matches.toArray()) {
      candidates.add(s);
    }
    for (Map.Entry<String, String> e : after.entrySet()) {
      Map<String, IntHashSet> byValue = selectorsByValue.get(e.getKey());
      if (byValue != null) {
        addAll(candidates, byValue.get(e.getValue()));
      }
      addAll(candidates, selectorsByLabel.get(e.getKey()));
    }
    addAll(candidates, unanchored);
    for (IntHashSet.Iteration it = candidates.iteration(); it.hasNext(); ) {
      Sel<S> sel = selectorSlots.get(it.next());
      boolean now = sel.selector.matches(labels);
      boolean was = item.matches.contains(sel.slot);
      if (now && !was) {
        item.matches.add(sel.slot);
        sel.matches.add(item.slot);
        listener.matchStarted(sel.key, item.key);
      } else if (!now && was) {
        item.matches.remove(sel.slot);
        sel.matches.remove(item.slot);
        listener.matchStopped(sel.key, item.key);
      }
    }
  }

  /** For an item that matched nothing: the selectors of {@code candidates} that match it start. */
  private void startMatches(Item<I> item, IntHashSet candidates, Labels labels) {
    if (candidates == null) {
      return;
    }
    for (IntHashSet.Iteration it = candidates.iteration(); it.hasNext(); ) {
      Sel<S> sel = selectorSlots.get(it.next());
      if (sel.selector.matches(labels)) {
        item.matches.add(sel.slot);
        sel.matches.add(item.slot);
        listener.matchStarted(sel.key, item.key);
      }
    }
  }

  private void indexLabels(int slot, Map<String, String> labels) {
    for (Map.Entry<String, String> e : labels.entrySet()) {
      itemsByLabel.computeIfAbsent(e.getKey(), x -> new HashMap<>())
          .computeIfAbsent(e.getValue(), x -> new IntHashSet()).add(slot);
    }
  }

  private void unindexLabels(int slot, Map<String, String> labels) {
    for (Map.Entry<String, String> e : labels.entrySet()) {
      Map<String, IntHashSet> byValue = itemsByLabel.get(e.getKey());
      if (byValue != null) {
        removeFrom(byValue, e.getValue(), slot);
        if (byValue.isEmpty()) {
          itemsByLabel.remove(e.getKey());
        }
      }
    }
  }

  // ---------------------------------------------------------------- selectors

  /** Adds a selector or changes the selector held under a key. */
  public void updateSelector(S id, Selector selector) {
    Sel<S> old = selectors.get(id);
    if (old != null) {
      if (old.selector.equals(selector)) {
        return;
      }
      removeSelector(id);
    }
    Sel<S> sel = new Sel<>(id, selectorSlots.add(null), selector);
    selectorSlots.set(sel.slot, sel);
    selectors.put(id, sel);
    if (sel.unsatisfiable) {
      return; // can never match; needs no index entry
    }
    if (sel.anchorLabel == null) {
      unanchored.add(sel.slot);
      for (Item<I> item : items.values()) {
        startMatch(sel, item);
      }
    } else if (sel.anchorValues == null) {
      selectorsByLabel.computeIfAbsent(sel.anchorLabel, k -> new IntHashSet()).add(sel.slot);
      Map<String, IntHashSet> byValue = itemsByLabel.get(sel.anchorLabel);
      if (byValue != null) {
        for (IntHashSet slots : byValue.values()) {
          startMatches(sel, slots);
        }
      }
    } else {
      Map<String, IntHashSet> byValue = selectorsByValue.computeIfAbsent(sel.anchorLabel, k -> new HashMap<>());
      Map<String, IntHashSet> itemsByValue = itemsByLabel.get(sel.anchorLabel);
      for (String v : sel.anchorValues) {
        byValue.computeIfAbsent(v, k -> new IntHashSet()).add(sel.slot);
        if (itemsByValue != null) {
          startMatches(sel, itemsByValue.get(v));
        }
      }
    }
  }

  /** A new selector: the items of {@code candidates} (one label's items) that it matches start. */
  private void startMatches(Sel<S> sel, IntHashSet candidates) {
    if (candidates == null) {
      return;
    }
    for (IntHashSet.Iteration it = candidates.iteration(); it.hasNext(); ) {
      startMatch(sel, itemSlots.get(it.next()));
    }
  }

  private void startMatch(Sel<S> sel, Item<I> item) {
    if (sel.selector.matches(item.effective)) {
      item.matches.add(sel.slot);
      sel.matches.add(item.slot);
      listener.matchStarted(sel.key, item.key);
    }
  }

  /** Removes a selector; every match it had stops. */
  public void removeSelector(S id) {
    Sel<S> sel = selectors.remove(id);
    if (sel == null) {
      return;
    }
    if (sel.unsatisfiable) {
      // never indexed
    } else if (sel.anchorLabel == null) {
      unanchored.remove(sel.slot);
    } else if (sel.anchorValues == null) {
      removeFrom(selectorsByLabel, sel.anchorLabel, sel.slot);
    } else {
      Map<String, IntHashSet> byValue = selectorsByValue.get(sel.anchorLabel);
      for (String v : sel.anchorValues) {
        removeFrom(byValue, v, sel.slot);
      }
      if (byValue.isEmpty()) {
        selectorsByValue.remove(sel.anchorLabel);
      }
    }
    for (int i : sel.matches.toArray()) {
      Item<I> item = itemSlots.get(i);
      item.matches.remove(sel.slot);
      sel.matches.remove(i);
      listener.matchStopped(id, item.key);
    }
    selectorSlots.free(sel.slot);
  }

  public boolean containsSelector(S id) {
    return selectors.containsKey(id);
  }

  /** The items a selector currently matches (live, unmodifiable view). */
  public Set<I> matchingItems(S id) {
    Sel<S> sel = selectors.get(id);
    if (sel == null) {
      return Set.of();
    }
    return new SlotSetView<>(sel.matches, slot -> itemSlots.get(slot).key, o -> {
      Item<I> item = items.get(o);
      return item != null && sel.matches.contains(item.slot);
    });
  }

  private static void addAll(IntHashSet into, IntHashSet from) {
    if (from != null) {
      for (IntHashSet.Iteration it = from.iteration(); it.hasNext(); ) {
        into.add(it.next());
      }
    }
  }

  private static <K> void removeFrom(Map<K, IntHashSet> map, K key, int slot) {
    IntHashSet s = map.get(key);
    if (s != null) {
      s.remove(slot);
      if (s.isEmpty()) {
        map.remove(key);
      }
    }
  }

  /** Objects by dense slot number; freed slots are reused. */
  private static final class Slots<T> {
    private Object[] bySlot = new Object[16];
    private int used;
    private int[] free = new int[16];
    private int freeCount;

    int add(T value) {
      int slot;
      if (freeCount > 0) {
        slot = free[--freeCount];
      } else {
        if (used == bySlot.length) {
          bySlot = Arrays.copyOf(bySlot, used * 2);
        }
        slot = used++;
      }
      bySlot[slot] = value;
      return slot;
    }

    void set(int slot, T value) {
      bySlot[slot] = value;
    }

    @SuppressWarnings("unchecked")
    T get(int slot) {
      return (T) bySlot[slot];
    }

    void free(int slot) {
      bySlot[slot] = null;
      if (freeCount == free.length) {
        free = Arrays.copyOf(free, freeCount * 2);
      }
      free[freeCount++] = slot;
    }
  }

  /** A live, unmodifiable view of a slot set as the keys of the objects in those slots. */
  private static final class SlotSetView<K> extends AbstractSet<K> {
    private final IntHashSet slots;
    private final IntFunction<K> keyOf;
    private final Predicate<Object> contains;

    SlotSetView(IntHashSet slots, IntFunction<K> keyOf, Predicate<Object> contains) {
      this.slots = slots;
      this.keyOf = keyOf;
      this.contains = contains;
    }

    @Override
    public boolean contains(Object o) {
      return contains.test(o);
    }

    @Override
    public int size() {
      return slots.size();
    }

    @Override
    public boolean isEmpty() {
      return slots.isEmpty();
    }

    @Override
    public Iterator<K> iterator() {
      IntHashSet.Iteration it = slots.iteration();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public K next() {
          return keyOf.apply(it.next());
        }
      };
    }
  }
}
