package io.selvedge.dataplane;

import io.selvedge.dataplane.Ruleset.ChainContent;
import io.selvedge.engine.Cidr;
import io.selvedge.engine.EndpointMatch;
import io.selvedge.engine.IcmpMatch;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.PortRange;
import io.selvedge.engine.ResolvedRule;
import io.selvedge.engine.RuleAction;
import io.selvedge.nft.Chain;
import io.selvedge.nft.IpPrefix;
import io.selvedge.nft.Ipv4Prefix;
import io.selvedge.nft.Ipv6Prefix;
import io.selvedge.nft.Rule;
import io.selvedge.nft.RuleBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Renders the rules of one policy or profile, for one direction and IP family, into its chain
 * (spec §3.4, §4.7), with the same meaning as the flow evaluator gives them:
 *
 * <ul>
 *   <li>A rule is a conjunction of criteria. Criteria with one nft form become inline matches:
 *       protocol, nets and notNets (one address or an anonymous set of the covering prefixes),
 *       ICMP type/code (a negated type with a code means "not this (type, code) pair"), ports of a
 *       rule whose protocol has ports, named-port exclusions, and IP-set exclusions (one
 *       {@code addr & mask != @set} per stored length of the {@link IpSetLayout}).</li>
 *   <li>Criteria that are a disjunction in nft become <em>alternatives</em>: membership in a
 *       selector IP set (one test per stored length), ports-or-named-ports, and the port
 *       exclusion of a rule without a protocol ("not a port protocol, or not this port").</li>
 *   <li>A rule with one such disjunction and a terminal action (Allow, Deny, Pass) becomes one nft
 *       rule per alternative, each with all the inline matches, a counter and the action — the
 *       deny-list case costs exactly one hash lookup per stored length, or, for a big set
 *       with a {@link IpSetLayout.Gate}, two (its covered and gate sets; the gated lengths are
 *       tested only behind the gate, in {@code CHAIN_gK}). Otherwise (several
 *       disjunctions, or a Log rule) the policy chain jumps to a chain of blocks
 *       ({@code CHAIN_rI_0}, {@code _1}, ...): each block's alternatives {@code goto} the next
 *       block, and the last block's alternatives carry the action; a jump that set the accept or
 *       pass bit is followed by a return.</li>
 *   <li>Actions: Allow sets the accept bit and returns; Deny drops; Pass sets the pass bit and
 *       returns (in a profile, Pass only ends the profile); Log logs and goes on. Every nft rule
 *       has a counter and the comment {@code TIER/OWNER DIRECTION[INDEX]}.</li>
 *   <li>A negated single value (an address or prefix, a port or port range, an ICMP type) is
 *       written as a range {@code x-y}: nft merges adjacent negated compares of payload fields
 *       ({@code th sport != 22 th dport != 80}) into one compare of their concatenation, which
 *       would mean "not both" instead of "neither"; a range compare (or a set lookup, for several
 *       values) is never merged. A negated ICMP type with a code is the one place where "not
 *       both" is meant: {@code icmp type . icmp code != { T . C }}.</li>
 *   <li>A criterion that can never hold (an empty IP set, ports on a protocol without ports)
 *       drops the rule; one that always holds (an IP set holding everything, notPorts on a
 *       protocol without ports) is left out.</li>
 * </ul>
 *
 * Does not decide which chains are needed or name IP sets (the {@link Renderer} and
 * {@link IpSetLayout} do). Stateless apart from its configuration; thread-safe.
 */
final class RuleRenderer {

    /** Protocols whose packets carry ports rules can match (TCP, UDP, SCTP). */
    static final Set<Integer> PORT_PROTOCOLS = Set.of(6, 17, 132);
    private static final List<String> PORT_PROTOCOL_SET = List.of("{", "6", ",", "17", ",", "132", "}");

    /** Whose rules these are: profiles end on Pass instead of skipping to the next tier. */
    enum OwnerKind {
        POLICY,
        PROFILE
    }

    /** What the renderer needs to know about the IP sets rules reference. */
    interface SetLookup {
        /** The layout of a selector set, or null if the state has no such set (read as empty). */
        IpSetLayout layout(String id, IpFamily family);

        /** The nft set of a named-port set, or null if the state has none or it is empty. */
        String namedPortSet(String id, IpFamily family);
    }

    private final MarkBits marks;
    private final List<String> logTokens;

    RuleRenderer(MarkBits marks, String logPrefix) {
        this.marks = marks;
        String prefix = logPrefix.isEmpty() ? "" : logPrefix + ": ";
        // the logged bit keeps the flow's verdict out of the flow cache: Calico logs every packet
        this.logTokens = RuleBody.builder().tokens("log prefix").quoted(cut(prefix, 120)).tokens("level info")
                .tokens("meta mark set meta mark | " + MarkBits.hex(marks.logged())).build().tokens();
    }

    /**
     * The chain {@code chainName} holding {@code rules} (all of family {@code family}), plus the
     * block chains some rules need.
     *
     * @param comment the start of every rule's comment ({@code "default/gnp/foo ingress"})
     */
    List<ChainContent> render(String chainName, OwnerKind kind, String comment, List<ResolvedRule> rules, IpFamily family,
                              SetLookup sets) {
        Chain chain = Chain.regular(Ruleset.TABLE, chainName);
        List<Rule> out = new ArrayList<>();
        List<ChainContent> blocks = new ArrayList<>();
        int[] gateSites = {0};
        for (ResolvedRule r : rules) {
            if (r.family() != family) {
                throw new IllegalArgumentException("a " + r.family() + " rule in the " + family + " chain " + chainName);
            }
            renderRule(chain, kind, comment + "[" + r.origin().index() + "]", r, sets, out, blocks, gateSites);
        }
        List<ChainContent> all = new ArrayList<>();
        all.add(new ChainContent(chain, out));
        all.addAll(blocks);
        return all;
    }

    /**
     * A membership test of a set whose layout has a gate: rendered through the gate when it is
     * the rule's only disjunction and the action ends the rule, else as its per-length alternatives.
     */
    private record GatedTest(String ip, String addr, IpSetLayout layout, List<List<String>> perLength) {
    }

    /** The criteria of one rule: inline token groups, disjunctions of alternatives, and gated set tests. */
    private static final class Criteria {
        final List<String> inline = new ArrayList<>();
        final List<List<List<String>>> disjunctions = new ArrayList<>();
        final List<GatedTest> gated = new ArrayList<>();
        boolean never;

        void add(List<String> tokens) {
            inline.addAll(tokens);
        }

        /** A disjunction; an alternative that always holds makes it vanish, none at all makes the rule never match. */
        void anyOf(List<List<String>> alternatives) {
            if (alternatives.isEmpty()) {
                never = true;
            } else if (alternatives.stream().anyMatch(List::isEmpty)) {
                return;
            } else if (alternatives.size() == 1) {
                add(alternatives.get(0));
            } else {
                disjunctions.add(alternatives);
            }
        }
    }

    private void renderRule(Chain chain, OwnerKind kind, String comment, ResolvedRule r, SetLookup sets, List<Rule> out,
                            List<ChainContent> blocks, int[] gateSites) {
        Criteria c = new Criteria();
        IpFamily f = r.family();
        if (r.protocol() != null) {
            c.add(List.of("meta", "l4proto", Integer.toString(r.protocol())));
        }
        if (r.notProtocol() != null) {
            c.add(List.of("meta", "l4proto", "!=", Integer.toString(r.notProtocol())));
        }
        side(c, r, r.source(), true, sets);
        side(c, r, r.destination(), false, sets);
        String icmp = f == IpFamily.V4 ? "icmp" : "icmpv6";
        IcmpMatch im = r.icmp();
        if (im != null) {
            c.add(List.of(icmp, "type", Integer.toString(im.type())));
            if (im.code() != null) {
                c.add(List.of(icmp, "code", Integer.toString(im.code())));
            }
        }
        IcmpMatch nim = r.notIcmp();
        if (nim != null) {
            c.add(negatedIcmp(icmp, nim));
        }
        if (c.never) {
            return;
        }
        RuleAction action = r.action();
        boolean terminal = action != RuleAction.LOG;
        if (c.gated.size() == 1 && c.disjunctions.isEmpty() && gateable(kind, action)) {
            renderGate(chain, kind, comment, action, c.inline, c.gated.get(0), gateSites[0]++, out, blocks);
            return;
        }
        for (GatedTest g : c.gated) {
            c.anyOf(g.perLength());
        }
        if (c.disjunctions.isEmpty()) {
            out.add(rule(chain, concat(c.inline, action(kind, action, false)), comment));
        } else if (c.disjunctions.size() == 1 && terminal) {
            for (List<String> alt : c.disjunctions.get(0)) {
                out.add(rule(chain, concat(c.inline, alt, action(kind, action, false)), comment));
            }
        } else {
            int index = r.origin().index();
            List<String> enter = new ArrayList<>(c.inline);
            enter.addAll(List.of("counter", "jump", ChainNames.ruleBlock(chain.name(), index, 0)));
            out.add(rule(chain, enter, comment));
            if (action == RuleAction.ALLOW || action == RuleAction.PASS) {
                out.add(rule(chain, List.of("meta", "mark", "&", MarkBits.hex(marks.both()), "!=", "0", "counter", "return"),
                        comment + " verdict"));
            }
            for (int b = 0; b < c.disjunctions.size(); b++) {
                Chain block = Chain.regular(Ruleset.TABLE, ChainNames.ruleBlock(chain.name(), index, b));
                boolean last = b == c.disjunctions.size() - 1;
                List<Rule> rules = new ArrayList<>();
                for (List<String> alt : c.disjunctions.get(b)) {
                    List<String> then = last ? action(kind, action, true)
                            : List.of("counter", "goto", ChainNames.ruleBlock(chain.name(), index, b + 1));
                    rules.add(rule(block, concat(alt, then), comment));
                }
                blocks.add(new ChainContent(block, rules));
            }
        }
    }

    /**
     * Actions a gate can end in: those that end the rule's chain and, taken in the chain behind the
     * gate (reached by {@code jump}), either end the packet's walk (Deny) or leave a mark bit the
     * rule's chain tests right after the gate (Allow, a policy's Pass). A profile's Pass ends the
     * profile without a mark, and Log goes on: neither is gated.
     */
    private static boolean gateable(OwnerKind kind, RuleAction action) {
        return action == RuleAction.DENY || action == RuleAction.ALLOW || (action == RuleAction.PASS && kind == OwnerKind.POLICY);
    }

    /**
     * One rule through a gate ({@link IpSetLayout.Gate}): a rule per separate stored length, as
     * without a gate; the covered set's rule; then {@code INLINE ADDR & MASK @GATE jump CHAIN_gK}
     * where {@code CHAIN_gK} tests each gated length with the action. An Allow or Pass taken
     * there returns to the rule's chain with its mark bit set, which the rule after the gate tests.
     */
    private void renderGate(Chain chain, OwnerKind kind, String comment, RuleAction action, List<String> inline, GatedTest g,
                            int site, List<Rule> out, List<ChainContent> blocks) {
        IpSetLayout.Gate gate = g.layout().gate();
        IpFamily f = g.layout().key().family();
        List<String> act = action(kind, action, false);
        List<IpSetLayout.StoredLength> tested = new ArrayList<>();
        for (IpSetLayout.StoredLength s : g.layout().stored()) {
            if (gate.separate().contains(s.length())) {
                out.add(rule(chain, concat(inline, membership(f, g.ip(), g.addr(), s, false), act), comment));
            } else if (gate.gated().contains(s.length())) {
                tested.add(s);
            }
        }
        List<String> masked = masked(f, g.ip(), g.addr(), gate.pivot());
        out.add(rule(chain, concat(inline, masked, List.of("@" + gate.coveredSet()), act), comment));
        String behind = ChainNames.gateLong(chain.name(), site);
        out.add(rule(chain, concat(inline, masked, List.of("@" + gate.gateSet(), "jump", behind)), comment));
        if (action != RuleAction.DENY) {
            out.add(rule(chain, List.of("meta", "mark", "&", MarkBits.hex(marks.both()), "!=", "0", "counter", "return"),
                    comment + " verdict"));
        }
        Chain longer = Chain.regular(Ruleset.TABLE, behind);
        List<Rule> tests = new ArrayList<>();
        for (IpSetLayout.StoredLength s : tested) {
            tests.add(rule(longer, concat(membership(f, g.ip(), g.addr(), s, false), act), comment));
        }
        blocks.add(new ChainContent(longer, tests));
    }

    /**
     * {@code notICMP}: a type alone is {@code icmp type != T-T} (a range, never merged with
     * another negated compare); a type with a code is "not this (type, code) pair", written as a
     * negated lookup of the concatenated fields, {@code icmp type . icmp code != { T . C }}. That is
     * what the kernel does with Calico's own {@code icmp type != T icmp code != C} (nft 1.0.6 merges
     * the two compares into one compare of the pair; spec G9 reads it as "both differ") and what
     * Calico's iptables mode means by {@code ! --icmp-type T/C}; written explicitly it no longer
     * depends on nft's merging. The evaluator matches the same way ({@code CompiledRule}).
     */
    private static List<String> negatedIcmp(String icmp, IcmpMatch nim) {
        String type = Integer.toString(nim.type());
        if (nim.code() == null) {
            return List.of(icmp, "type", "!=", type + "-" + type);
        }
        return List.of(icmp, "type", ".", icmp, "code", "!=", "{", type, ".", Integer.toString(nim.code()), "}");
    }

    /** The source (src = true) or destination criteria. */
    private void side(Criteria c, ResolvedRule r, EndpointMatch m, boolean src, SetLookup sets) {
        IpFamily f = r.family();
        String ip = f == IpFamily.V4 ? "ip" : "ip6";
        String addr = src ? "saddr" : "daddr";
        String port = src ? "sport" : "dport";
        if (!m.nets().isEmpty()) {
            c.add(concat(List.of(ip, addr), addresses(m.nets())));
        }
        if (!m.notNets().isEmpty()) {
            c.add(concat(List.of(ip, addr, "!="), negatedAddresses(m.notNets())));
        }
        for (String id : m.ipSets()) {
            IpSetLayout layout = sets.layout(id, f);
            List<List<String>> alts = new ArrayList<>();
            if (layout != null && layout.matchesEverything()) {
                alts.add(List.of());
            } else if (layout != null) {
                for (IpSetLayout.StoredLength s : layout.stored()) {
                    alts.add(membership(f, ip, addr, s, false));
                }
            }
            if (layout != null && layout.gate() != null && !layout.matchesEverything()) {
                c.gated.add(new GatedTest(ip, addr, layout, alts));
            } else {
                c.anyOf(alts);
            }
        }
        for (String id : m.notIpSets()) {
            IpSetLayout layout = sets.layout(id, f);
            if (layout == null || layout.isEmpty()) {
                continue;   // not in an empty set: always true
            }
            if (layout.matchesEverything()) {
                c.never = true;
                continue;
            }
            for (IpSetLayout.StoredLength s : layout.stored()) {
                c.add(membership(f, ip, addr, s, true));
            }
        }
        Integer proto = r.protocol();
        boolean noPorts = proto != null && !PORT_PROTOCOLS.contains(proto);
        if (m.hasPortMatch()) {
            List<List<String>> alts = new ArrayList<>();
            if (!m.ports().isEmpty() && !noPorts) {
                List<String> alt = new ArrayList<>();
                if (proto == null) {
                    alt.addAll(concat(List.of("meta", "l4proto"), PORT_PROTOCOL_SET));
                }
                alt.addAll(concat(List.of("th", port), ports(m.ports())));
                alts.add(alt);
            }
            for (String id : m.namedPortSets()) {
                String set = sets.namedPortSet(id, f);
                if (set != null) {
                    alts.add(List.of(ip, addr, ".", "meta", "l4proto", ".", "th", port, "@" + set));
                }
            }
            c.anyOf(alts);
        }
        if (!m.notPorts().isEmpty() && !noPorts) {
            List<String> notThese = concat(List.of("th", port, "!="), negatedPorts(m.notPorts()));
            if (proto == null) {
                c.anyOf(List.of(concat(List.of("meta", "l4proto", "!="), PORT_PROTOCOL_SET), notThese));
            } else {
                c.add(notThese);
            }
        }
        for (String id : m.notNamedPortSets()) {
            String set = sets.namedPortSet(id, f);
            if (set != null) {
                c.add(List.of(ip, addr, ".", "meta", "l4proto", ".", "th", port, "!=", "@" + set));
            }
        }
    }

    /** {@code ip saddr & MASK @set} (no mask at full length), negated with {@code !=}. */
    private static List<String> membership(IpFamily f, String ip, String addr, IpSetLayout.StoredLength s, boolean negated) {
        List<String> t = masked(f, ip, addr, s.length());
        if (negated) {
            t.add("!=");
        }
        t.add("@" + s.setName());
        return t;
    }

    /** {@code ip saddr & MASK}, or {@code ip saddr} at full length. */
    private static List<String> masked(IpFamily f, String ip, String addr, int length) {
        List<String> t = new ArrayList<>(List.of(ip, addr));
        if (length < f.bits()) {
            t.add("&");
            t.add(mask(f, length));
        }
        return t;
    }

    /** The netmask of a prefix length (1..bits-1) as nft writes it. */
    static String mask(IpFamily f, int length) {
        if (f == IpFamily.V4) {
            return Ipv4Prefix.host(Ipv4Prefix.mask(length)).render();
        }
        return new Ipv6Prefix(Ipv6Prefix.maskHi(length), Ipv6Prefix.maskLo(length), 128).render();
    }

    /** One address or prefix, or an anonymous set of the covering prefixes (overlaps removed). */
    private static List<String> addresses(List<Cidr> nets) {
        List<Cidr> covering = covering(nets);
        if (covering.size() == 1) {
            return List.of(prefix(covering.get(0)).render());
        }
        List<String> t = new ArrayList<>();
        t.add("{");
        for (int i = 0; i < covering.size(); i++) {
            if (i > 0) {
                t.add(",");
            }
            t.add(prefix(covering.get(i)).render());
        }
        t.add("}");
        return t;
    }

    /**
     * The operand of a negated address match. One prefix is written as a range ({@code first-last}):
     * nft merges adjacent negated payload compares into one compare of the concatenation, which
     * would turn "a != x and b != y" into "not (a == x and b == y)"; a range compare is never
     * merged. Several prefixes are an anonymous set (a lookup, never merged either).
     */
    private static List<String> negatedAddresses(List<Cidr> nets) {
        List<Cidr> covering = covering(nets);
        if (covering.size() > 1) {
            return addresses(covering);
        }
        IpPrefix p = prefix(covering.get(0));
        IpPrefix last = p.version() == 4 ? Ipv4Prefix.host((int) p.lastLo()) : new Ipv6Prefix(p.lastHi(), p.lastLo(), 128);
        IpPrefix first = p.version() == 4 ? Ipv4Prefix.host((int) p.firstLo()) : new Ipv6Prefix(p.firstHi(), p.firstLo(), 128);
        return List.of(first.render() + "-" + last.render());
    }

    /** The operand of a negated port match: one port or range is a range (see {@link #negatedAddresses}). */
    private static List<String> negatedPorts(List<PortRange> ranges) {
        if (ranges.size() > 1) {
            return ports(ranges);
        }
        PortRange r = ranges.get(0);
        return List.of(r.min() + "-" + r.max());
    }

    /** The prefixes not contained in another one, sorted (anonymous interval sets refuse overlaps). */
    static List<Cidr> covering(List<Cidr> nets) {
        List<Cidr> sorted = new ArrayList<>(nets);
        sorted.sort(null);
        List<Cidr> covering = new ArrayList<>();
        for (Cidr c : sorted) {
            if (covering.isEmpty() || !covering.get(covering.size() - 1).contains(c)) {
                covering.add(c);
            }
        }
        return covering;
    }

    /** The nft value of an engine prefix. */
    static IpPrefix prefix(Cidr c) {
        return c.family() == IpFamily.V4 ? Ipv4Prefix.of((int) (c.hi() >>> 32), c.length()) : Ipv6Prefix.of(c.hi(), c.lo(), c.length());
    }

    private static List<String> ports(List<PortRange> ranges) {
        List<PortRange> sorted = new ArrayList<>(ranges);
        sorted.sort(null);
        if (sorted.size() == 1) {
            return List.of(port(sorted.get(0)));
        }
        List<String> t = new ArrayList<>();
        t.add("{");
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) {
                t.add(",");
            }
            t.add(port(sorted.get(i)));
        }
        t.add("}");
        return t;
    }

    private static String port(PortRange r) {
        return r.min() == r.max() ? Integer.toString(r.min()) : r.min() + "-" + r.max();
    }

    /** The statements that end a matching rule; {@code inBlock}: reached by goto from the rule's chain. */
    private List<String> action(OwnerKind kind, RuleAction action, boolean inBlock) {
        return switch (action) {
            case ALLOW -> setMarkAndReturn(marks.accept());
            case DENY -> List.of("counter", "drop");
            case PASS -> kind == OwnerKind.PROFILE && !inBlock ? List.of("counter", "return") : setMarkAndReturn(marks.pass());
            case LOG -> inBlock ? concat(List.of("counter"), logTokens, List.of("return")) : concat(List.of("counter"), logTokens);
        };
    }

    private static List<String> setMarkAndReturn(long bit) {
        return List.of("counter", "meta", "mark", "set", "meta", "mark", "|", MarkBits.hex(bit), "return");
    }

    private static Rule rule(Chain chain, List<String> tokens, String comment) {
        return Rule.of(chain, new RuleBody(tokens), comment);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    private static String cut(String s, int maxChars) {
        return s.length() <= maxChars ? s : s.substring(0, maxChars);
    }
}
