package io.selvedge.engine.index;

import io.selvedge.selector.LabelRestriction;
import io.selvedge.selector.Selector;
import io.selvedge.selector.ValueSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

  private static final class Item<S> {
    Map<String, String> own;
    List<String> parents;
    Map<String, String> effective = Map.of();
    final Set<S> matches = new HashSet<>();
  }

  private static final class Sel<I> {
    final Selector selector;
    final String anchorLabel; // null: unanchored (or unsatisfiable)
    final ValueSet anchorValues; // null: label must only be present
    final boolean unsatisfiable;
    final Set<I> matches = new HashSet<>();

    Sel(Selector selector) {
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
  private final Map<I, Item<S>> items = new HashMap<>();
  private final Map<String, Map<String, String>> parentLabels = new HashMap<>();
  private final Map<String, Set<I>> itemsByParent = new HashMap<>();
  private final Map<String, Map<String, Set<I>>> itemsByLabel = new HashMap<>();
  private final Map<S, Sel<I>> selectors = new HashMap<>();
  private final Map<String, Map<String, Set<S>>> selectorsByValue = new HashMap<>();
  private final Map<String, Set<S>> selectorsByLabel = new HashMap<>();
  private final Set<S> unanchored = new HashSet<>();

  public LabelIndex(MatchListener<I, S> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  // ---------------------------------------------------------------- items

  /** Adds or updates an item. */
  public void updateItem(I id, Map<String, String> ownLabels, List<String> parents) {
    Item<S> item = items.get(id);
    if (item == null) {
      item = new Item<>();
      items.put(id, item);
    } else {
      for (String p : item.parents) {
        removeFrom(itemsByParent, p, id);
      }
    }
    item.own = Map.copyOf(ownLabels);
    item.parents = List.copyOf(parents);
    for (String p : item.parents) {
      itemsByParent.computeIfAbsent(p, k -> new HashSet<>()).add(id);
    }
    relabel(id, item);
  }

  /** Removes an item; every match it had stops. */
  public void removeItem(I id) {
    Item<S> item = items.remove(id);
    if (item == null) {
      return;
    }
    for (String p : item.parents) {
      removeFrom(itemsByParent, p, id);
    }
    unindexLabels(id, item.effective);
    for (S s : new ArrayList<>(item.matches)) {
      selectors.get(s).matches.remove(id);
      listener.matchStopped(s, id);
    }
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
    Set<I> affected = itemsByParent.get(parent);
    if (affected != null) {
      for (I id : new ArrayList<>(affected)) {
        relabel(id, items.get(id));
      }
    }
  }

  public void removeParent(String parent) {
    updateParent(parent, Map.of());
  }

  /** The effective labels of an item, or null if unknown. */
  public Map<String, String> effectiveLabels(I id) {
    Item<S> item = items.get(id);
    return item == null ? null : item.effective;
  }

  public boolean containsItem(I id) {
    return items.containsKey(id);
  }

  /** The selectors an item currently matches (live, unmodifiable view). */
  public Set<S> matchingSelectors(I id) {
    Item<S> item = items.get(id);
    return item == null ? Set.of() : Collections.unmodifiableSet(item.matches);
  }

  private Map<String, String> effective(Item<S> item) {
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

  private void relabel(I id, Item<S> item) {
    Map<String, String> before = item.effective;
    Map<String, String> after = effective(item);
    boolean isNew = before.isEmpty() && item.matches.isEmpty();
    if (after.equals(before) && !isNew) {
      return;
    }
    unindexLabels(id, before);
    item.effective = after;
    indexLabels(id, after);
    if (item.matches.isEmpty()) {
      // Nothing matched before: each selector is filed under one anchor, so the candidates below
      // are distinct and need no set to collect them (the common case: endpoints being added).
      after.forEach((k, v) -> {
        Map<String, Set<S>> byValue = selectorsByValue.get(k);
        Set<S> s = byValue == null ? null : byValue.get(v);
        if (s != null) {
          startMatches(id, item, s, after);
        }
        Set<S> byLabel = selectorsByLabel.get(k);
        if (byLabel != null) {
          startMatches(id, item, byLabel, after);
        }
      });
      startMatches(id, item, unanchored, after);
      return;
    }
    Set<S> candidates = new LinkedHashSet<>(item.matches);
    after.forEach((k, v) -> {
      Map<String, Set<S>> byValue = selectorsByValue.get(k);
      if (byValue != null) {
        Set<S> s = byValue.get(v);
        if (s != null) {
          candidates.addAll(s);
        }
      }
      Set<S> byLabel = selectorsByLabel.get(k);
      if (byLabel != null) {
        candidates.addAll(byLabel);
      }
    });
    candidates.addAll(unanchored);
    for (S s : candidates) {
      Sel<I> sel = selectors.get(s);
      boolean now = sel.selector.matches(after);
      boolean was = item.matches.contains(s);
      if (now && !was) {
        item.matches.add(s);
        sel.matches.add(id);
        listener.matchStarted(s, id);
      } else if (!now && was) {
        item.matches.remove(s);
        sel.matches.remove(id);
        listener.matchStopped(s, id);
      }
    }
  }

  /** For an item that matched nothing: the selectors of {@code candidates} that match it start. */
  private void startMatches(I id, Item<S> item, Set<S> candidates, Map<String, String> labels) {
    for (S s : candidates) {
      Sel<I> sel = selectors.get(s);
      if (sel.selector.matches(labels)) {
        item.matches.add(s);
        sel.matches.add(id);
        listener.matchStarted(s, id);
      }
    }
  }

  private void indexLabels(I id, Map<String, String> labels) {
    labels.forEach((k, v) -> itemsByLabel.computeIfAbsent(k, x -> new HashMap<>())
        .computeIfAbsent(v, x -> new HashSet<>()).add(id));
  }

  private void unindexLabels(I id, Map<String, String> labels) {
    labels.forEach((k, v) -> {
      Map<String, Set<I>> byValue = itemsByLabel.get(k);
      if (byValue != null) {
        removeFrom(byValue, v, id);
        if (byValue.isEmpty()) {
          itemsByLabel.remove(k);
        }
      }
    });
  }

  // ---------------------------------------------------------------- selectors

  /** Adds a selector or changes the selector held under a key. */
  public void updateSelector(S id, Selector selector) {
    Sel<I> old = selectors.get(id);
    if (old != null) {
      if (old.selector.equals(selector)) {
        return;
      }
      removeSelector(id);
    }
    Sel<I> sel = new Sel<>(selector);
    selectors.put(id, sel);
    if (sel.unsatisfiable) {
      return; // can never match; needs no index entry
    }
    Iterable<I> candidates;
    if (sel.anchorLabel == null) {
      unanchored.add(id);
      candidates = new ArrayList<>(items.keySet());
    } else if (sel.anchorValues == null) {
      selectorsByLabel.computeIfAbsent(sel.anchorLabel, k -> new HashSet<>()).add(id);
      List<I> c = new ArrayList<>();
      Map<String, Set<I>> byValue = itemsByLabel.get(sel.anchorLabel);
      if (byValue != null) {
        byValue.values().forEach(c::addAll);
      }
      candidates = c;
    } else {
      Map<String, Set<S>> byValue = selectorsByValue.computeIfAbsent(sel.anchorLabel, k -> new HashMap<>());
      List<I> c = new ArrayList<>();
      Map<String, Set<I>> itemsByValue = itemsByLabel.get(sel.anchorLabel);
      for (String v : sel.anchorValues) {
        byValue.computeIfAbsent(v, k -> new HashSet<>()).add(id);
        if (itemsByValue != null && itemsByValue.get(v) != null) {
          c.addAll(itemsByValue.get(v));
        }
      }
      candidates = c;
    }
    for (I itemId : candidates) {
      Item<S> item = items.get(itemId);
      if (sel.selector.matches(item.effective)) {
        item.matches.add(id);
        sel.matches.add(itemId);
        listener.matchStarted(id, itemId);
      }
    }
  }

  /** Removes a selector; every match it had stops. */
  public void removeSelector(S id) {
    Sel<I> sel = selectors.remove(id);
    if (sel == null) {
      return;
    }
    if (sel.unsatisfiable) {
      // never indexed
    } else if (sel.anchorLabel == null) {
      unanchored.remove(id);
    } else if (sel.anchorValues == null) {
      removeFrom(selectorsByLabel, sel.anchorLabel, id);
    } else {
      Map<String, Set<S>> byValue = selectorsByValue.get(sel.anchorLabel);
      for (String v : sel.anchorValues) {
        removeFrom(byValue, v, id);
      }
      if (byValue.isEmpty()) {
        selectorsByValue.remove(sel.anchorLabel);
      }
    }
    for (I itemId : new ArrayList<>(sel.matches)) {
      items.get(itemId).matches.remove(id);
      listener.matchStopped(id, itemId);
    }
  }

  public boolean containsSelector(S id) {
    return selectors.containsKey(id);
  }

  /** The items a selector currently matches (live, unmodifiable view). */
  public Set<I> matchingItems(S id) {
    Sel<I> sel = selectors.get(id);
    return sel == null ? Set.of() : Collections.unmodifiableSet(sel.matches);
  }

  private static <K, V> void removeFrom(Map<K, Set<V>> map, K key, V value) {
    Set<V> s = map.get(key);
    if (s != null) {
      s.remove(value);
      if (s.isEmpty()) {
        map.remove(key);
      }
    }
  }
}
