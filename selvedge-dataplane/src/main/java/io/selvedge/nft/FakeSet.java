package io.selvedge.nft;

import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * FakeNft's state of one set or map: its definition and elements, with the checks nft 1.0.6 and
 * the kernel apply to element statements (verified against real nft by {@code NftConformanceIT}).
 *
 * <p>Interval sets of addresses keep an index of [first, last] ranges so that overlapping
 * elements are refused as nft does; interface wildcards in interval maps overlap when one name
 * starts with the other's stem. Concatenated interval keys are only checked for exact
 * duplicates. Not thread-safe (FakeNft synchronises).
 */
final class FakeSet {

    /** An unsigned 128-bit bound (IPv4 uses only {@code lo}). */
    record U128(long hi, long lo) implements Comparable<U128> {
        @Override
        public int compareTo(U128 o) {
            int c = Long.compareUnsigned(hi, o.hi);
            return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
        }
    }

    final String name;
    final NftObject definition;   // NftSet or NftMap
    final List<DataType> key;
    final Optional<DataType> value;
    final boolean interval;
    int size;   // 0: no limit
    private final Map<Value, Optional<Value>> elements = new HashMap<>();
    private final TreeMap<U128, IpPrefix> ranges = new TreeMap<>();

    FakeSet(NftSet s) {
        this(s.name(), s, s.key(), Optional.empty(), s.isInterval());
        this.size = s.size().orElse(0);
    }

    FakeSet(NftMap m) {
        this(m.name(), m, m.key(), Optional.of(m.value()), m.isInterval());
    }

    private FakeSet(String name, NftObject def, List<DataType> key, Optional<DataType> value, boolean interval) {
        this.name = name;
        this.definition = def;
        this.key = key;
        this.value = value;
        this.interval = interval;
    }

    boolean sameDefinition(NftObject other) {
        if (other instanceof NftSet s) {
            return value.isEmpty() && key.equals(s.key()) && interval == s.isInterval();
        }
        NftMap m = (NftMap) other;
        return value.equals(Optional.of(m.value())) && key.equals(m.key()) && interval == m.isInterval();
    }

    int size() {
        return elements.size();
    }

    Map<Value, Optional<Value>> view() {
        return java.util.Collections.unmodifiableMap(elements);
    }

    /** Chains that map elements jump or go to. */
    boolean refersToChain(String chain) {
        for (Optional<Value> d : elements.values()) {
            if (d.isPresent() && d.get() instanceof Verdict v && v.chain().equals(Optional.of(chain))) {
                return true;
            }
        }
        return false;
    }

    void flush(Deque<Runnable> undo) {
        Map<Value, Optional<Value>> old = new HashMap<>(elements);
        TreeMap<U128, IpPrefix> oldRanges = new TreeMap<>(ranges);
        elements.clear();
        ranges.clear();
        undo.push(() -> {
            elements.putAll(old);
            ranges.putAll(oldRanges);
        });
    }

    /** add (create = false) or create (create = true) of one statement's elements. */
    void add(List<Element> els, boolean create, Set<String> chains, Deque<Runnable> undo) {
        Set<Value> inStatement = new HashSet<>();
        for (Element e : els) {
            check(e, chains);
            Optional<Value> existing = elements.get(e.key());
            boolean present = elements.containsKey(e.key());
            if (create && (present || inStatement.contains(e.key()))) {
                throw FakeFailure.exists("element " + e.key().render() + " in " + name);
            }
            if (present) {
                if (!existing.equals(e.data())) {
                    throw FakeFailure.exists("element " + e.key().render() + " in map " + name + " has another value");
                }
                continue;   // adding an element that is there changes nothing
            }
            if (interval) {
                checkOverlap(e.key(), inStatement);
            }
            if (size > 0 && elements.size() >= size) {
                throw FakeFailure.other("Too many open files in system: set " + name + " is full (size " + size + ")");
            }
            inStatement.add(e.key());
            put(e, undo);
        }
    }

    void delete(List<Element> els, Deque<Runnable> undo) {
        for (Element e : els) {
            if (!elements.containsKey(e.key())) {
                throw new FakeFailure(NftException.Kind.NOT_FOUND,
                        (interval ? "element does not exist: " : "No such file or directory: element ") + e.key().render() + " in " + name);
            }
            Optional<Value> old = elements.remove(e.key());
            IpPrefix range = e.key() instanceof IpPrefix p ? p : null;
            if (range != null) {
                ranges.remove(start(range));
            }
            undo.push(() -> {
                elements.put(e.key(), old);
                if (range != null && interval) {
                    ranges.put(start(range), range);
                }
            });
        }
    }

    private void put(Element e, Deque<Runnable> undo) {
        elements.put(e.key(), e.data());
        if (interval && e.key() instanceof IpPrefix p) {
            ranges.put(start(p), p);
        }
        undo.push(() -> {
            elements.remove(e.key());
            if (e.key() instanceof IpPrefix p) {
                ranges.remove(start(p));
            }
        });
    }

    private void check(Element e, Set<String> chains) {
        Value k = e.key();
        boolean fits = k instanceof Concat c ? c.fits(key) : key.size() == 1 && k.fits(key.get(0));
        if (!fits) {
            throw FakeFailure.other("datatype mismatch: " + k.render() + " is not " + ScriptRenderer.typeOf(key) + " (set " + name + ")");
        }
        if (!interval && k instanceof IpPrefix p && !p.isHost()) {
            throw FakeFailure.other("You must add 'flags interval' to your set declaration if you want to add prefix elements: " + k.render());
        }
        if (!interval && k instanceof IfName n && n.isWildcard()) {
            throw FakeFailure.other("You must add 'flags interval' to your map declaration if you want to add prefix elements: " + k.render());
        }
        if (value.isPresent() != e.data().isPresent()) {
            throw FakeFailure.other(value.isPresent() ? "map " + name + " needs key : value elements" : "set " + name + " takes keys only");
        }
        if (e.data().isPresent()) {
            Value d = e.data().get();
            if (!d.fits(value.get())) {
                throw FakeFailure.other("datatype mismatch: " + d.render() + " is not " + value.get().nftName());
            }
            if (d instanceof Verdict v && v.chain().isPresent() && !chains.contains(v.chain().get())) {
                throw FakeFailure.notFound("chain " + v.chain().get());
            }
        }
    }

    private void checkOverlap(Value k, Set<Value> inStatement) {
        if (k instanceof IpPrefix p) {
            U128 s = start(p);
            U128 e = new U128(p.lastHi(), p.lastLo());
            Map.Entry<U128, IpPrefix> floor = ranges.floorEntry(s);
            Map.Entry<U128, IpPrefix> ceiling = ranges.ceilingEntry(s);
            IpPrefix hit = null;
            if (floor != null && new U128(floor.getValue().lastHi(), floor.getValue().lastLo()).compareTo(s) >= 0) {
                hit = floor.getValue();
            } else if (ceiling != null && ceiling.getKey().compareTo(e) <= 0) {
                hit = ceiling.getValue();
            }
            if (hit != null) {
                throw FakeFailure.other((inStatement.contains(hit) ? "conflicting intervals specified: " : "interval overlaps with an existing one: ")
                        + p.render() + " and " + hit.render() + " in " + name);
            }
        } else if (k instanceof IfName n) {
            for (Value other : new ArrayList<>(elements.keySet())) {
                if (other instanceof IfName o && (n.isWildcard() && o.name().startsWith(n.stem())
                        || o.isWildcard() && n.name().startsWith(o.stem()))) {
                    throw FakeFailure.other("interval overlaps with an existing one: " + n.render() + " and " + o.render() + " in " + name);
                }
            }
        }
    }

    private static U128 start(IpPrefix p) {
        return new U128(p.firstHi(), p.firstLo());
    }
}
