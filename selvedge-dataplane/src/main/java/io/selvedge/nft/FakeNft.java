package io.selvedge.nft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * An in-memory {@link Nft} for unit tests, with nft 1.0.6's rules for what a transaction may do:
 *
 * <ul>
 *   <li>references: rules may only use sets/maps ({@code @name}) and jump/goto chains that exist
 *       at that point of the transaction; map verdicts likewise;</li>
 *   <li>missing objects: delete/flush of a missing table, chain, set, map, rule handle or element
 *       is {@link NftException.Kind#NOT_FOUND}; create of an existing one is
 *       {@link NftException.Kind#ALREADY_EXISTS}, as is re-adding a set with another type or a
 *       map key with another value; deleting a chain still jumped to, or a set still used by a
 *       rule, is OTHER ("busy");</li>
 *   <li>elements: overlapping elements of interval sets are refused (OTHER), identical ones are
 *       merged by {@code add} and refused by {@code create}; {@code add} of an existing element
 *       is a no-op; prefixes and interface wildcards need {@code flags interval}; values must fit
 *       the declared types;</li>
 *   <li>atomicity: a failing operation undoes the whole transaction.</li>
 * </ul>
 *
 * Each of these behaviours is checked against real nft in a network namespace by
 * {@code NftConformanceIT}, from the same scenario table {@code FakeNftConformanceTest} runs
 * here, so the fake cannot drift silently. Not modelled: rule syntax and expression types
 * (bodies are opaque tokens), chain loops, base-chain/regular-chain conversion (refused here),
 * counters (always 0), {@code flush table} side effects beyond rules.
 *
 * <p>{@link #dump()} prints the state as stable text (sorted chains, sets, elements; rule order
 * kept; no handles) for golden tests. Thread-safe: all methods are synchronised.
 */
public final class FakeNft implements Nft {

    private final Map<Table, FakeTable> tables = new LinkedHashMap<>();
    private final List<Runnable> onCommit = new ArrayList<>();
    private int transactions;

    @Override
    public synchronized void run(Transaction tx) {
        Deque<Runnable> undo = new ArrayDeque<>();
        onCommit.clear();
        int line = 1;
        for (Operation op : tx.operations()) {
            try {
                apply(op, undo);
            } catch (FakeFailure f) {
                while (!undo.isEmpty()) {
                    undo.pop().run();
                }
                onCommit.clear();
                String text = tx.line(line, NftErrorParser.LINE_EXCERPT);
                String msg = "nft (fake): " + f.getMessage() + " (script line " + line + "): " + text;
                throw new NftException(f.kind, msg, "",
                        List.of(new NftException.ScriptError(line, 1, Math.max(1, text.length()), f.getMessage(),
                                text.isEmpty() ? Optional.empty() : Optional.of(text))));
            }
            line += linesOf(op);
        }
        onCommit.forEach(Runnable::run);
        onCommit.clear();
        transactions++;
    }

    /** How many transactions succeeded. */
    public synchronized int transactions() {
        return transactions;
    }

    @Override
    public synchronized List<String> listChains(Table table) {
        return List.copyOf(existing(table).chains.keySet());
    }

    @Override
    public synchronized Map<String, Optional<String>> chainComments(Table table) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        existing(table).chains.forEach((name, c) -> out.put(name, c.definition.comment()));
        return out;
    }

    @Override
    public synchronized List<String> listSets(Table table) {
        return List.copyOf(existing(table).sets.keySet());
    }

    @Override
    public synchronized List<RuleInfo> listRules(Table table, String chain) {
        FakeTable.FakeChain c = existing(table).chains.get(chain);
        if (c == null) {
            throw new NftException(NftException.Kind.NOT_FOUND, "nft (fake): No such file or directory: chain " + chain, "", List.of());
        }
        List<RuleInfo> out = new ArrayList<>();
        for (int i = 0; i < c.rules.size(); i++) {
            out.add(new RuleInfo(c.handles.get(i), c.rules.get(i).comment(), 0, 0));
        }
        return out;
    }

    @Override
    public synchronized boolean hasTable(Table table) {
        return tables.containsKey(table);
    }

    /** The rules of a chain, in order (with handles). Empty if there is no such chain. */
    public synchronized List<Rule> rules(Table table, String chain) {
        FakeTable t = tables.get(table);
        FakeTable.FakeChain c = t == null ? null : t.chains.get(chain);
        if (c == null) {
            return List.of();
        }
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < c.rules.size(); i++) {
            out.add(c.rules.get(i).withHandle(c.handles.get(i)));
        }
        return out;
    }

    /** Elements of a set or map (key to optional value); empty if there is no such set. A copy. */
    public synchronized Map<Value, Optional<Value>> elements(Table table, String set) {
        FakeTable t = tables.get(table);
        FakeSet s = t == null ? null : t.sets.get(set);
        return s == null ? Map.of() : Map.copyOf(s.view());
    }

    /** The whole state as stable text; see the class comment. */
    public synchronized String dump() {
        StringBuilder sb = new StringBuilder();
        List<FakeTable> sorted = new ArrayList<>(tables.values());
        sorted.sort(Comparator.comparing((FakeTable t) -> t.table.family()).thenComparing(t -> t.table.name()));
        for (FakeTable t : sorted) {
            sb.append("table ").append(t.table.spec()).append('\n');
            t.chains.values().stream().sorted(Comparator.comparing(c -> c.definition.name())).forEach(c -> {
                Chain d = c.definition;
                sb.append("  chain ").append(d.name());
                d.base().ifPresent(b -> sb.append(" { ").append(b.declaration()).append(" }"));
                d.comment().ifPresent(cm -> sb.append(" # ").append(cm));
                sb.append('\n');
                for (Rule r : c.rules) {
                    sb.append("    ").append(r.body().render());
                    r.comment().ifPresent(cm -> sb.append(" comment ").append(ScriptText.quoted(cm)));
                    sb.append('\n');
                }
            });
            t.sets.values().stream().sorted(Comparator.comparing(s -> s.name)).forEach(s -> {
                sb.append(s.value.isPresent() ? "  map " : "  set ").append(s.name).append(" { type ")
                        .append(ScriptRenderer.typeOf(s.key));
                s.value.ifPresent(v -> sb.append(" : ").append(v.nftName()));
                sb.append(s.size > 0 ? " ; size " + s.size : "").append(s.interval ? " ; flags interval ; }" : " ; }").append('\n');
                s.view().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey(FakeNft::compareValues))
                        .forEach(e -> {
                            sb.append("    ");
                            new Element(e.getKey(), e.getValue()).appendTo(sb);
                            sb.append('\n');
                        });
            });
        }
        return sb.toString();
    }

    private static int compareValues(Value a, Value b) {
        if (a instanceof IpPrefix p && b instanceof IpPrefix q) {
            int c = new FakeSet.U128(p.firstHi(), p.firstLo()).compareTo(new FakeSet.U128(q.firstHi(), q.firstLo()));
            return c != 0 ? c : Integer.compare(p.length(), q.length());
        }
        return a.render().compareTo(b.render());
    }

    private FakeTable existing(Table table) {
        FakeTable t = tables.get(table);
        if (t == null) {
            throw new NftException(NftException.Kind.NOT_FOUND, "nft (fake): No such file or directory: table " + table.spec(), "", List.of());
        }
        return t;
    }

    private static int linesOf(Operation op) {
        if (op.object() instanceof Elements e) {
            int n = e.elements().size();
            return n == 0 ? 0 : 2 + (n + ScriptRenderer.ELEMENTS_PER_LINE - 1) / ScriptRenderer.ELEMENTS_PER_LINE;
        }
        return 1;
    }

    private FakeTable table(Table table) {
        FakeTable t = tables.get(table);
        if (t == null) {
            throw FakeFailure.notFound("table " + table.spec());
        }
        return t;
    }

    private void apply(Operation op, Deque<Runnable> undo) {
        NftObject o = op.object();
        if (o instanceof Table t) {
            applyTable(op.verb(), t, undo);
        } else if (o instanceof Chain c) {
            applyChain(op.verb(), c, table(c.table()), undo);
        } else if (o instanceof Rule r) {
            applyRule(op.verb(), r, table(r.table()), undo);
        } else if (o instanceof NftSet s) {
            applySet(op.verb(), s.name(), s, table(s.table()), undo);
        } else if (o instanceof NftMap m) {
            applySet(op.verb(), m.name(), m, table(m.table()), undo);
        } else if (o instanceof Elements e) {
            if (e.elements().isEmpty()) {
                return;   // renders to nothing
            }
            FakeTable t = table(e.table());
            FakeSet s = t.sets.get(e.set());
            if (s == null) {
                throw FakeFailure.notFound("set " + e.set());
            }
            if (op.verb() == Verb.DELETE) {
                s.delete(e.elements(), undo);
            } else {
                s.add(e.elements(), op.verb() == Verb.CREATE, t.chains.keySet(), undo);
            }
        }
    }

    private void applyTable(Verb verb, Table t, Deque<Runnable> undo) {
        FakeTable existing = tables.get(t);
        switch (verb) {
            case ADD, CREATE -> {
                if (existing != null) {
                    if (verb == Verb.CREATE) {
                        throw FakeFailure.exists("table " + t.spec());
                    }
                    return;
                }
                tables.put(t, new FakeTable(t));
                undo.push(() -> tables.remove(t));
            }
            case DELETE -> {
                table(t);
                tables.remove(t);
                undo.push(() -> tables.put(t, existing));
            }
            case FLUSH -> {
                for (FakeTable.FakeChain c : table(t).chains.values()) {
                    flushChain(c, undo);
                }
            }
            default -> throw new IllegalStateException(verb.toString());
        }
    }

    private void applyChain(Verb verb, Chain c, FakeTable t, Deque<Runnable> undo) {
        FakeTable.FakeChain existing = t.chains.get(c.name());
        switch (verb) {
            case ADD, CREATE -> {
                if (existing == null) {
                    FakeTable.FakeChain fc = new FakeTable.FakeChain(c);
                    long handle = t.nextHandle++;
                    t.chains.put(c.name(), fc);
                    undo.push(() -> {
                        t.chains.remove(c.name());
                        t.nextHandle = handle;
                    });
                    return;
                }
                if (verb == Verb.CREATE) {
                    throw FakeFailure.exists("chain " + c.name());
                }
                Chain old = existing.definition;
                if (old.base().isPresent() != c.base().isPresent()) {
                    throw FakeFailure.other("chain " + c.name() + " exists as a " + (old.base().isPresent() ? "base" : "regular")
                            + " chain (the fake refuses to convert it)");
                }
                if (old.base().isPresent()) {
                    BaseChain a = old.base().get();
                    BaseChain b = c.base().get();
                    if (a.type() != b.type() || a.hook() != b.hook() || a.priority() != b.priority()) {
                        throw FakeFailure.other("Operation not supported: chain " + c.name() + " has another type, hook or priority");
                    }
                    if (a.policy() != b.policy()) {
                        existing.definition = new Chain(old.table(), old.name(), c.base(), old.comment());
                        undo.push(() -> existing.definition = old);
                    }
                }
            }
            case DELETE -> {
                if (existing == null) {
                    throw FakeFailure.notFound("chain " + c.name());
                }
                String referrer = t.referrerOf(c.name());
                if (referrer != null) {
                    throw FakeFailure.busy("chain " + c.name() + " is used by " + referrer);
                }
                Map<String, FakeTable.FakeChain> before = new LinkedHashMap<>(t.chains);
                t.chains.remove(c.name());
                undo.push(() -> {
                    t.chains.clear();
                    t.chains.putAll(before);
                });
            }
            case FLUSH -> {
                if (existing == null) {
                    throw FakeFailure.notFound("chain " + c.name());
                }
                flushChain(existing, undo);
            }
            default -> throw new IllegalStateException(verb.toString());
        }
    }

    private static void flushChain(FakeTable.FakeChain c, Deque<Runnable> undo) {
        List<Rule> rules = new ArrayList<>(c.rules);
        List<Long> handles = new ArrayList<>(c.handles);
        c.rules.clear();
        c.handles.clear();
        undo.push(() -> {
            c.rules.addAll(rules);
            c.handles.addAll(handles);
        });
    }

    private void applyRule(Verb verb, Rule r, FakeTable t, Deque<Runnable> undo) {
        FakeTable.FakeChain c = t.chains.get(r.chain());
        if (c == null) {
            throw FakeFailure.notFound("chain " + r.chain());
        }
        if (verb != Verb.DELETE) {
            for (String s : r.body().setReferences()) {
                if (!t.sets.containsKey(s)) {
                    throw FakeFailure.notFound("set or map @" + s);
                }
            }
            for (String target : r.body().chainReferences()) {
                if (!t.chains.containsKey(target)) {
                    throw FakeFailure.notFound("chain " + target);
                }
            }
        }
        Rule stored = new Rule(r.table(), r.chain(), r.body(), r.comment(), OptionalLong.empty());
        switch (verb) {
            case ADD, INSERT -> {
                long handle = t.nextHandle++;
                int at = verb == Verb.ADD ? c.rules.size() : 0;
                c.rules.add(at, stored);
                c.handles.add(at, handle);
                undo.push(() -> {
                    c.rules.remove(at);
                    c.handles.remove(at);
                    t.nextHandle = handle;
                });
            }
            case REPLACE, DELETE -> {
                int at = c.handles.indexOf(r.handle().getAsLong());
                if (at < 0) {
                    throw FakeFailure.notFound("rule handle " + r.handle().getAsLong() + " in chain " + r.chain());
                }
                Rule old = c.rules.get(at);
                long handle = c.handles.get(at);
                if (verb == Verb.REPLACE) {
                    c.rules.set(at, stored);
                    undo.push(() -> c.rules.set(at, old));
                } else {
                    c.rules.remove(at);
                    c.handles.remove(at);
                    undo.push(() -> {
                        c.rules.add(at, old);
                        c.handles.add(at, handle);
                    });
                }
            }
            default -> throw new IllegalStateException(verb.toString());
        }
    }

    private void applySet(Verb verb, String name, NftObject def, FakeTable t, Deque<Runnable> undo) {
        FakeSet existing = t.sets.get(name);
        switch (verb) {
            case ADD, CREATE -> {
                if (existing != null) {
                    if (verb == Verb.CREATE || !existing.sameDefinition(def)) {
                        throw FakeFailure.exists((def instanceof NftMap ? "map " : "set ") + name
                                + (verb == Verb.CREATE ? "" : " with another definition"));
                    }
                    if (def instanceof NftSet ns && ns.size().isPresent() && ns.size().getAsInt() != existing.size) {
                        // the kernel (6.18) updates the size, effective once the transaction commits
                        int newSize = ns.size().getAsInt();
                        onCommit.add(() -> existing.size = newSize);
                    }
                    return;
                }
                FakeSet s = def instanceof NftSet ns ? new FakeSet(ns) : new FakeSet((NftMap) def);
                long handle = t.nextHandle++;
                t.sets.put(name, s);
                undo.push(() -> {
                    t.sets.remove(name);
                    t.nextHandle = handle;
                });
            }
            case DELETE -> {
                if (existing == null) {
                    throw FakeFailure.notFound("set " + name);
                }
                String user = t.userOf(name);
                if (user != null) {
                    throw FakeFailure.busy("set " + name + " is used by a rule in chain " + user);
                }
                Map<String, FakeSet> before = new LinkedHashMap<>(t.sets);
                t.sets.remove(name);
                undo.push(() -> {
                    t.sets.clear();
                    t.sets.putAll(before);
                });
            }
            case FLUSH -> {
                if (existing == null) {
                    throw FakeFailure.notFound("set " + name);
                }
                existing.flush(undo);
            }
            default -> throw new IllegalStateException(verb.toString());
        }
    }

    @Override
    public synchronized String toString() {
        return "FakeNft[" + tables.keySet().stream().map(Table::spec).collect(Collectors.joining(", ")) + "]";
    }
}
