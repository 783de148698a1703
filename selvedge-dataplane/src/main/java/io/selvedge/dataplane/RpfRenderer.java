package io.selvedge.dataplane;

import io.selvedge.dataplane.Ruleset.ChainContent;
import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.LocalEndpoint;
import io.selvedge.nft.Chain;
import io.selvedge.nft.Rule;
import io.selvedge.nft.RuleBody;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a workload interface's reverse-path check ({@code rpf-IFACE}, reached from raw
 * prerouting): a packet from a workload must come from one of the workload's addresses
 * ({@code ipNetworks}), else it is dropped before anything else — the flow evaluator's reading of
 * Felix's {@code fib saddr . iif oif 0} check. A workload without addresses of a family can send
 * nothing of that family. Stateless; thread-safe.
 */
final class RpfRenderer {

    private RpfRenderer() {
    }

    static ChainContent render(LocalEndpoint wep) {
        Chain chain = Chain.regular(Ruleset.TABLE, ChainNames.rpf(wep.interfaceName()));
        List<Rule> rules = new ArrayList<>();
        for (IpFamily f : IpFamily.values()) {
            List<Cidr> own = RuleRenderer.covering(wep.addresses().stream().filter(c -> c.family() == f).toList());
            if (own.isEmpty()) {
                continue;
            }
            RuleBody.Builder b = RuleBody.builder().tokens(f == IpFamily.V4 ? "ip saddr" : "ip6 saddr");
            if (own.size() == 1) {
                b.value(RuleRenderer.prefix(own.get(0)));
            } else {
                b.anonymousSet(own.stream().map(RuleRenderer::prefix).toList());
            }
            rules.add(Rule.of(chain, b.tokens("return").build(), wep.id() + ": own address"));
        }
        rules.add(Rule.of(chain, RuleBody.of("counter drop"), wep.id() + ": reverse-path check failed"));
        return new ChainContent(chain, rules);
    }
}
