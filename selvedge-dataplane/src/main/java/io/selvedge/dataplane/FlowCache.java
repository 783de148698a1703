package io.selvedge.dataplane;

import io.selvedge.dataplane.Ruleset.ChainContent;
import io.selvedge.nft.Chain;
import io.selvedge.nft.Rule;
import io.selvedge.nft.RuleBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remembers in the conntrack mark that policy allowed a tracked flow, so that the flow's later
 * packets skip policy while the ruleset stays the same ({@code docs/design/dataplane.md}, "Flow
 * cache").
 *
 * <p>Why: a tracked flow that never sees a reply (one-way UDP: telemetry, syslog, a flood with
 * fixed ports) stays in conntrack state {@code new}, so Calico's layout runs every one of its
 * packets through all of the policy, a million-entry deny-list included. Calico's eBPF dataplane
 * keeps the verdict in its own conntrack table for the same reason.
 *
 * <p>How: in each filter hook ({@code filter-input}, {@code filter-forward},
 * {@code filter-output}) the last rule writes the current <em>generation</em> into the mask's
 * bits of the conntrack mark of a flow that got there allowed (store); a rule near the top
 * accepts a packet whose conntrack mark holds the current generation (check). Every transaction
 * the {@link Syncer} sends carries a new generation (the two rules are rewritten in it), so a
 * change of policy, sets or endpoints takes effect for cached flows at the same commit as for
 * every other packet: the verdicts stay Calico's, packet by packet. The generation survives
 * restarts in the comment of an empty record chain ({@link #RECORD_CHAIN}), so a restarted agent
 * never reuses a generation that live flows may still carry.
 *
 * <p>What is not cached: denied packets (no conntrack entry is confirmed), untracked ones (no
 * entry), flows whose packet met a Log rule (the {@link MarkBits#logged()} bit blocks the store:
 * Calico logs each such packet), traffic from a workload to its host (it ends in
 * {@code filter-wl-to-host}) and packets accepted by untracked or preDNAT policy. A cached flow
 * keeps its verdict if the same addresses and ports suddenly arrive on another interface, exactly
 * as an established flow does in Calico. A generation comes round again after
 * {@link #maxGeneration()} transactions (16.7M with the default mask). Immutable.
 */
final class FlowCache {

    static final String CHECK_COMMENT = "flow cache: allowed under the current policy before";
    static final String STORE_COMMENT = "flow cache: remember that the current policy allows this flow";
    /** The empty chain whose comment records the programmed generation. */
    static final String RECORD_CHAIN = "flow-generation";

    private static final String RECORD_FORMAT = "selvedge flow cache generation %d";
    private static final Pattern RECORD = Pattern.compile("selvedge flow cache generation (\\d{1,10})");

    private final long mask;
    private final int shift;
    private final MarkBits marks;

    /** @param mask the conntrack-mark bits (see {@link #checkMask}); 0: no cache */
    FlowCache(long mask, MarkBits marks) {
        checkMask(mask);
        this.mask = mask;
        this.shift = mask == 0 ? 0 : Long.numberOfTrailingZeros(mask);
        this.marks = marks;
    }

    /** Refuses a mask that is not 0 and not one run of 8 to 32 contiguous bits of 32. */
    static void checkMask(long mask) {
        if (mask == 0) {
            return;
        }
        long run = mask >>> Long.numberOfTrailingZeros(mask);
        if ((mask & ~0xFFFF_FFFFL) != 0 || (run & (run + 1)) != 0 || Long.bitCount(mask) < 8) {
            throw new IllegalArgumentException("flow cache mask 0x" + Long.toHexString(mask)
                    + " is not 0 or one run of 8 to 32 contiguous bits of 32");
        }
    }

    boolean enabled() {
        return mask != 0;
    }

    /** The largest generation; generations run 1 to this and then start again at 1 (0 marks no flow). */
    long maxGeneration() {
        return mask >>> shift;
    }

    /** The generation after {@code generation}. */
    long next(long generation) {
        return generation % maxGeneration() + 1;
    }

    /** A random generation, for a table without a record (any flow it would match is a one in {@link #maxGeneration()} chance). */
    long random(RandomGenerator random) {
        return 1 + random.nextLong(maxGeneration());
    }

    /** The check rule's tokens: accept a packet of a flow stored under {@code generation}. */
    String check(long generation) {
        return "ct mark & " + MarkBits.hex(mask) + " == " + MarkBits.hex(value(generation)) + " counter accept";
    }

    /**
     * The store rule's tokens: put {@code generation} into the flow's conntrack mark, unless a Log
     * rule saw the packet. Only {@code new} packets get there with a conntrack entry (established
     * and related ones were accepted before); the state test first lets untracked ones pass on one compare.
     */
    String store(long generation) {
        return "ct state new meta mark & " + MarkBits.hex(marks.logged()) + " == 0 ct mark set ct mark & " + MarkBits.clearMask(mask)
                + " | " + MarkBits.hex(value(generation));
    }

    /** The base chains that hold a check and a store rule. */
    static final List<String> CHAINS = List.of(ChainNames.FILTER_INPUT, ChainNames.FILTER_FORWARD, ChainNames.FILTER_OUTPUT);

    /** {@code r} with the check and store rules of the filter hooks rewritten for {@code generation}. */
    Ruleset withGeneration(Ruleset r, long generation) {
        if (!enabled()) {
            return r;
        }
        TreeMap<String, ChainContent> chains = new TreeMap<>(r.chains());
        for (String name : CHAINS) {
            ChainContent base = r.chains().get(name);
            if (base == null) {
                continue;
            }
            List<Rule> rules = new ArrayList<>(base.rules().size());
            for (Rule rule : base.rules()) {
                Optional<String> c = rule.comment();
                if (c.equals(Optional.of(CHECK_COMMENT))) {
                    rule = rule(base.chain(), check(generation), CHECK_COMMENT);
                } else if (c.equals(Optional.of(STORE_COMMENT))) {
                    rule = rule(base.chain(), store(generation), STORE_COMMENT);
                }
                rules.add(rule);
            }
            chains.put(name, new ChainContent(base.chain(), rules));
        }
        return new Ruleset(chains, r.maps(), r.sets(), r.problems(), r.members());
    }

    /**
     * How many of the filter hooks of {@code programmed} are the same in {@code unchanged} (the new
     * ruleset under the programmed generation): a transaction rewrites them for the new
     * generation alone.
     */
    int rewrittenForGenerationOnly(Ruleset programmed, Ruleset unchanged) {
        int n = 0;
        for (String name : CHAINS) {
            ChainContent before = programmed.chains().get(name);
            if (before != null && before.equals(unchanged.chains().get(name))) {
                n++;
            }
        }
        return n;
    }

    /** The record chain holding {@code generation} in its comment. */
    static Chain record(long generation) {
        return Chain.regular(Ruleset.TABLE, RECORD_CHAIN).withComment(String.format(RECORD_FORMAT, generation));
    }

    /** The generation a record chain's comment holds. */
    static OptionalLong parseRecord(String comment) {
        Matcher m = RECORD.matcher(comment);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    static Rule rule(Chain chain, String tokens, String comment) {
        return Rule.of(chain, RuleBody.of(tokens), comment);
    }

    private long value(long generation) {
        if (generation < 1 || generation > maxGeneration()) {
            throw new IllegalArgumentException("generation " + generation + " is not 1.." + maxGeneration());
        }
        return generation << shift;
    }
}
