package io.selvedge.dataplane;

import io.selvedge.dataplane.Ruleset.ChainContent;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.explain.FailsafePort;
import io.selvedge.nft.Chain;
import io.selvedge.nft.Rule;
import io.selvedge.nft.RuleBody;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders the four failsafe chains (spec §4.3, G17) that host endpoint chains jump to right after
 * the conntrack rules, so that the configured ports stay open whatever the policy says:
 *
 * <ul>
 *   <li>{@code failsafe-in}: inbound entries by destination port (and source net);</li>
 *   <li>{@code failsafe-out}: outbound entries by destination port (and destination net);</li>
 *   <li>{@code failsafe-in-raw}: as {@code failsafe-in}, plus the outbound entries by
 *       <em>source</em> port and source net (replies to the host's own connections, which
 *       untracked policy would otherwise see as new packets);</li>
 *   <li>{@code failsafe-out-raw}: as {@code failsafe-out}, plus the inbound entries by source port
 *       and destination net.</li>
 * </ul>
 *
 * Entries without a net are grouped per protocol into one anonymous set
 * ({@code tcp dport { 22, 179, ... } accept}); entries with a net get one rule each. Every rule
 * accepts (ends the hook's processing). Forward and workload chains never jump here.
 * Stateless; thread-safe.
 */
final class FailsafeRenderer {

    private static final int TCP = 6;

    private final DataplaneConfig config;

    FailsafeRenderer(DataplaneConfig config) {
        this.config = config;
    }

    List<ChainContent> render() {
        return List.of(
                chain(ChainNames.FAILSAFE_IN, config.settings().failsafeInbound(), null, true),
                chain(ChainNames.FAILSAFE_OUT, config.settings().failsafeOutbound(), null, false),
                chain(ChainNames.FAILSAFE_IN_RAW, config.settings().failsafeInbound(), config.settings().failsafeOutbound(), true),
                chain(ChainNames.FAILSAFE_OUT_RAW, config.settings().failsafeOutbound(), config.settings().failsafeInbound(), false));
    }

    /**
     * @param forward entries matched by destination port
     * @param reverse entries matched by source port (raw chains), or null
     * @param inbound whether the packet enters the host (the remote side is the source)
     */
    private ChainContent chain(String name, List<FailsafePort> forward, List<FailsafePort> reverse, boolean inbound) {
        Chain chain = Chain.regular(Ruleset.TABLE, name);
        List<Rule> rules = new ArrayList<>();
        String remote = inbound ? "saddr" : "daddr";
        add(chain, rules, forward, "dport", remote, inbound ? "failsafe inbound" : "failsafe outbound");
        if (reverse != null) {
            add(chain, rules, reverse, "sport", remote, inbound ? "failsafe outbound (reply)" : "failsafe inbound (reply)");
        }
        return new ChainContent(chain, rules);
    }

    private static void add(Chain chain, List<Rule> rules, List<FailsafePort> entries, String portField, String remote,
                            String comment) {
        TreeMap<Integer, TreeSet<Integer>> plain = new TreeMap<>();
        List<FailsafePort> withNet = new ArrayList<>();
        for (FailsafePort p : entries) {
            if (p.net() == null) {
                plain.computeIfAbsent(p.protocol(), k -> new TreeSet<>()).add(p.port());
            } else {
                withNet.add(p);
            }
        }
        plain.forEach((proto, ports) -> {
            StringBuilder sb = new StringBuilder(proto == TCP ? "tcp " : "udp ").append(portField).append(' ');
            if (ports.size() == 1) {
                sb.append(ports.first());
            } else {
                sb.append("{ ");
                sb.append(String.join(" , ", ports.stream().map(String::valueOf).toList()));
                sb.append(" }");
            }
            rules.add(Rule.of(chain, RuleBody.of(sb + " counter accept"), comment));
        });
        for (FailsafePort p : withNet) {
            String ip = p.net().family() == IpFamily.V4 ? "ip" : "ip6";
            RuleBody body = RuleBody.builder().tokens(ip + " " + remote).value(RuleRenderer.prefix(p.net()))
                    .tokens((p.protocol() == TCP ? "tcp " : "udp ") + portField + " " + p.port() + " counter accept")
                    .build();
            rules.add(Rule.of(chain, body, comment + " " + p));
        }
    }
}
