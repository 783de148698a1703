package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The renderer leaves out tests that cannot hold on a packet's path (docs/design/dataplane.md,
 * "Counters and the cost of the fixed layout"): the pass-bit test before a policy's jump until a
 * policy of the tier has a Pass rule, the accept-bit test after a policy without an Allow rule,
 * and, while no host endpoint has forward egress policy, the forward rules an accepted packet
 * would only pass through. The verdicts themselves are held by the real-packet tests
 * ({@code DifferentialIT}, {@code GotchasIT}).
 */
class PacketPathTrimTest {

    private static final InterfaceInventory NODE1 = InterfaceInventory.of(Map.of(
            "lo", List.of("127.0.0.1/8"), "eth0", List.of("198.51.100.10/24")));

    private static final String POLICIES = """
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: node1-eth0, labels: {role: edge}}
            spec: {node: node1, interfaceName: eth0}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: deny-only}
            spec:
              order: 10
              selector: role == 'edge'
              types: [Ingress]
              ingress: [{action: Deny, source: {nets: [192.0.2.0/24]}}]
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: pass-some}
            spec:
              order: 20
              selector: role == 'edge'
              types: [Ingress]
              ingress:
                - {action: Pass, source: {nets: [203.0.113.0/24]}}
                - {action: Allow, protocol: TCP, destination: {ports: [22]}}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: allow-web}
            spec:
              order: 30
              selector: role == 'edge'
              types: [Ingress]
              ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]
            """;

    /** The rules of one chain in the renderer's dump, stripped. */
    private static List<String> chain(String dump, String name) {
        String[] lines = dump.split("\n");
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (l.startsWith("  chain ")) {
                in = l.startsWith("  chain " + name + " ") || l.equals("  chain " + name);
            } else if (in) {
                out.add(l.strip());
            }
        }
        return out;
    }

    private static String render(String yaml) {
        return RendererGoldenTest.renderedDump(States.of("node1", yaml), DataplaneConfig.defaults(), NODE1);
    }

    @Test
    void passGuardOnlyAfterAPolicyThatCanPassAndAcceptTestOnlyAfterOneThatCanAllow() {
        List<String> ingress = chain(render(POLICIES), "fh-node1-eth0");
        assertThat(ingress).anyMatch(l -> l.startsWith("meta nfproto ipv4 jump pi4-gnp/deny-only"));
        assertThat(ingress).noneMatch(l -> l.contains("gnp/deny-only allowed"));
        assertThat(ingress).anyMatch(l -> l.startsWith("meta nfproto ipv4 jump pi4-gnp/pass-some"));
        assertThat(ingress).anyMatch(l -> l.contains("return comment \"tier default: gnp/pass-some allowed\""));
        // after pass-some (which can Pass) the next policy's jump tests the pass bit
        assertThat(ingress).anyMatch(l -> l.startsWith("meta nfproto ipv4 meta mark & 0x20000 == 0 jump pi4-gnp/allow-web"));
        assertThat(ingress).anyMatch(l -> l.contains("gnp/allow-web allowed"));
    }

    @Test
    void acceptedForwardedPacketsLeaveEarlyOnlyWithoutForwardEgressPolicy() {
        String early = "meta mark & 0x10000 == 0x10000 iifname != \"cali*\" oifname != \"cali*\" counter accept";
        assertThat(chain(render(POLICIES), "filter-forward").get(0)).startsWith(early);
        String egressOnForward = POLICIES + """
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: egress-on-forward}
                spec:
                  selector: role == 'edge'
                  applyOnForward: true
                  types: [Egress]
                  egress: [{action: Deny, destination: {nets: [198.51.100.0/24]}}]
                """;
        assertThat(chain(render(egressOnForward), "filter-forward")).noneMatch(l -> l.startsWith(early));
    }

    @Test
    void loopbackIsMatchedByIndex() {
        String dump = render(POLICIES);
        assertThat(chain(dump, "raw-prerouting").get(0)).startsWith("iif \"lo\" counter accept");
        assertThat(chain(dump, "filter-output").get(0)).startsWith("oif \"lo\" counter accept");
        assertThat(dump).doesNotContain("ifname \"lo\"");
    }
}
