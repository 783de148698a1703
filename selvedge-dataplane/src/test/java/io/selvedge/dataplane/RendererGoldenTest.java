package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.DesiredState;
import io.selvedge.engine.explain.DataplaneSettings;
import io.selvedge.engine.explain.FailsafePort;
import io.selvedge.nft.FakeNft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of the renderer: each scenario is rendered, loaded into a {@link FakeNft} (which
 * checks every reference and refuses overlapping interval elements) and its dump compared with
 * {@code src/test/resources/golden/NAME.txt}. Run with {@code -Dselvedge.golden.update=true} to
 * rewrite the files, then read the diff.
 */
class RendererGoldenTest {

    private static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final InterfaceInventory NODE1 = InterfaceInventory.of(Map.of(
            "lo", List.of("127.0.0.1/8"), "eth0", List.of("198.51.100.10/24", "2001:db8::10/64"),
            "eth1", List.of("203.0.113.1/24"), "eth2", List.of("192.0.2.1/24")));

    /** The state rendered and loaded into a {@link FakeNft} (which checks every reference): its dump, then any problems. */
    static String renderedDump(DesiredState state, DataplaneConfig config, InterfaceInventory interfaces) {
        Ruleset r = new Renderer(config).render(state, interfaces);
        FakeNft fake = new FakeNft();
        fake.run(Renderer.replaceTable(r));
        return fake.dump() + (r.problems().isEmpty() ? "" : "# problems\n" + String.join("\n", r.problems()) + "\n");
    }

    private static void golden(String name, DesiredState state, DataplaneConfig config, InterfaceInventory interfaces)
            throws IOException {
        String dump = renderedDump(state, config, interfaces);
        Path file = DIR.resolve(name + ".txt");
        if (Boolean.getBoolean("selvedge.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, dump);
        }
        assertThat(dump).as("golden file %s (rerun with -Dselvedge.golden.update=true to rewrite)", file)
                .isEqualTo(Files.readString(file));
    }

    private static void golden(String name, String yaml) throws IOException {
        golden(name, States.of("node1", yaml), DataplaneConfig.defaults(), NODE1);
    }

    /** Calico's external-IPs guide: NP allow egress to 192.0.2.0/24 for color == 'red'; the ip-protect deny-list. */
    @Test
    void guideExample() throws IOException {
        golden("guide", States.guide(), DataplaneConfig.defaults(), NODE1);
    }

    /** Spec §4.11: GNP allow-web, TCP from role == 'lb' to port 80, on a KDD pod with kns and ksa profiles. */
    @Test
    void workedExample() throws IOException {
        golden("worked-example", """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: allow-web}
                spec:
                  selector: role == 'web'
                  types: [Ingress]
                  ingress:
                    - action: Allow
                      protocol: TCP
                      source: {selector: role == 'lb'}
                      destination: {ports: [80]}
                ---
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata: {name: kns.shop}
                spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata: {name: ksa.shop.default}
                spec: {}
                ---
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata: {name: node1-k8s-web-eth0, namespace: shop, labels: {role: web}}
                spec: {orchestrator: k8s, node: node1, pod: web, endpoint: eth0, interfaceName: cali1234,
                       ipNetworks: [10.65.0.2/32, 'fd00:65::2/128'], profiles: [kns.shop, ksa.shop.default]}
                ---
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata: {name: node2-k8s-lb-eth0, namespace: shop, labels: {role: lb}}
                spec: {orchestrator: k8s, node: node2, pod: lb, endpoint: eth0, interfaceName: cali99,
                       ipNetworks: [10.65.1.7/32, 'fd00:65:1::7/128'], profiles: [kns.shop]}
                """);
    }

    /**
     * A gate (on from one element here): a Deny with an inline protocol match and an Allow of the
     * same set share its covered and gate sets, each rule with its chain behind the gate; the Allow
     * tests its mark after the gate; the /16 keeps its own lookup. The Log rule and the negated
     * test use the per-length sets.
     */
    @Test
    void gate() throws IOException {
        golden("gate", States.of("node1", """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: block}
                spec:
                  selector: all()
                  types: [Ingress, Egress]
                  ingress:
                    - {action: Deny, protocol: TCP, source: {selector: deny == 'true'}}
                    - {action: Log, source: {selector: deny == 'true'}}
                    - {action: Allow, source: {notSelector: deny == 'true'}}
                  egress:
                    - {action: Allow, destination: {selector: deny == 'true'}}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: list, labels: {deny: 'true'}}
                spec:
                  nets: [192.0.2.0/24, 198.51.100.0/22, 203.0.113.5/32, 203.0.113.64/27, 203.0.113.128/29, 10.1.0.0/16]
                ---
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata: {name: node1-k8s-web-eth0, namespace: shop}
                spec: {orchestrator: k8s, node: node1, pod: web, endpoint: eth0, interfaceName: cali1234,
                       ipNetworks: [10.65.0.2/32]}
                """), DataplaneConfig.defaults().withGateMinElements(1).withCpeBudget(0), NODE1);
    }

    /** Configured failsafe ports (with nets, IPv6) on a host endpoint whose policy denies everything. */
    @Test
    void failsafe() throws IOException {
        DataplaneConfig config = DataplaneConfig.of(DataplaneSettings.defaults().withFailsafe(
                FailsafePort.parseList("tcp:22,udp:68,tcp:10.0.0.0/8:6443,tcp:[fd00::/8]:6443"),
                FailsafePort.parseList("udp:53,tcp:[2001:db8::/32]:443")));
        golden("failsafe", States.of("node1", """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: deny-all}
                spec:
                  selector: all()
                  types: [Ingress, Egress]
                  ingress: [{action: Deny}]
                  egress: [{action: Deny}]
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: node1-eth0}
                spec: {node: node1, interfaceName: eth0}
                """), config, NODE1);
    }

    /** Two tiers: Pass skips to the next tier; a Pass tier default; end-of-tier drops; a staged policy is never rendered. */
    @Test
    void tiersWithPass() throws IOException {
        golden("tiers", """
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: security}
                spec: {order: 100}
                ---
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: platform}
                spec: {order: 200, defaultAction: Pass}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: security.quarantine}
                spec:
                  tier: security
                  order: 10
                  selector: all()
                  types: [Ingress]
                  ingress:
                    - {action: Deny, source: {nets: [192.0.2.0/24, 192.0.2.128/25, 198.51.100.0/24]}}
                    - {action: Pass}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: platform.monitoring}
                spec:
                  tier: platform
                  selector: all()
                  types: [Ingress]
                  ingress:
                    - {action: Log, protocol: TCP, destination: {ports: [9100]}}
                    - {action: Allow, protocol: TCP, destination: {ports: [9100]}}
                ---
                apiVersion: projectcalico.org/v3
                kind: StagedGlobalNetworkPolicy
                metadata: {name: platform.would-deny}
                spec:
                  tier: platform
                  selector: all()
                  types: [Ingress]
                  ingress: [{action: Deny}]
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: allow-icmp, namespace: shop}
                spec:
                  selector: all()
                  types: [Ingress, Egress]
                  ingress:
                    - {action: Allow, protocol: ICMP, icmp: {type: 8}}
                    - {action: Allow, protocol: ICMPv6, notICMP: {type: 128, code: 1}}
                    - {action: Deny, protocol: UDP, destination: {notPorts: ['1000:2000', 53]}}
                ---
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata: {name: node1-k8s-app-eth0, namespace: shop, labels: {app: shop}}
                spec: {orchestrator: k8s, node: node1, pod: app, endpoint: eth0, interfaceName: cali7,
                       ipNetworks: [10.65.0.7/32], profiles: [kns.shop]}
                ---
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata: {name: kns.shop}
                spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
                """);
    }

    /** Profiles in order, a missing one denies at its place (G26); a profile Pass ends only that profile. */
    @Test
    void profilesAndAMissingProfile() throws IOException {
        golden("profiles", """
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata: {name: first}
                spec:
                  ingress:
                    - {action: Pass, source: {nets: [10.0.0.0/8]}}
                    - {action: Deny, protocol: TCP, destination: {ports: [23]}}
                ---
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata: {name: last}
                spec: {ingress: [{action: Allow}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata: {name: node1-k8s-a-eth0, namespace: shop}
                spec: {orchestrator: k8s, node: node1, pod: a, endpoint: eth0, interfaceName: cali1,
                       ipNetworks: [10.65.0.1/32], profiles: [first, last]}
                ---
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata: {name: node1-k8s-b-eth0, namespace: shop}
                spec: {orchestrator: k8s, node: node1, pod: b, endpoint: eth0, interfaceName: cali2,
                       ipNetworks: [10.65.0.2/32], profiles: [first, does-not-exist, last]}
                ---
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata: {name: node1-k8s-c-eth0, namespace: shop}
                spec: {orchestrator: k8s, node: node1, pod: c, endpoint: eth0, interfaceName: cali3,
                       ipNetworks: [10.65.0.3/32]}
                """);
    }

    /**
     * Host endpoints: bound by name (eth0), by expected IP (eth1's address), and "*" for the
     * rest; preDNAT, doNotTrack and applyOnForward policy; a host endpoint naming an interface
     * the host does not have.
     */
    @Test
    void hostEndpoints() throws IOException {
        golden("host-endpoints", """
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: a-eth0, labels: {role: edge}}
                spec: {node: node1, interfaceName: eth0, expectedIPs: [198.51.100.10], profiles: [allow-all]}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: b-by-ip, labels: {role: edge}}
                spec: {node: node1, expectedIPs: [203.0.113.1]}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: z-star, labels: {role: any}}
                spec: {node: node1, interfaceName: '*'}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: c-eth9, labels: {role: edge}}
                spec: {node: node1, interfaceName: eth9}
                ---
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata: {name: allow-all}
                spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: edge-untracked}
                spec:
                  selector: role == 'edge'
                  doNotTrack: true
                  applyOnForward: true
                  types: [Ingress, Egress]
                  ingress: [{action: Allow, protocol: UDP, destination: {ports: [4789]}}]
                  egress: [{action: Allow, protocol: UDP, source: {ports: [4789]}}]
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: prednat-block}
                spec:
                  selector: has(role)
                  preDNAT: true
                  applyOnForward: true
                  types: [Ingress]
                  ingress: [{action: Deny, source: {nets: [203.0.113.66/32]}}]
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: forward-only-web}
                spec:
                  selector: role == 'any'
                  applyOnForward: true
                  types: [Ingress]
                  ingress: [{action: Allow, protocol: TCP, destination: {ports: [80, 443]}}]
                """);
    }

    /**
     * Rules that need more than one nft rule: a source selector over several prefix lengths and
     * ports-or-named-ports (two alternatives each: a chain of blocks), a Log rule with a
     * selector, a negated selector (IPv4 and IPv6), and a rule that can never match.
     */
    @Test
    void rulesWithAlternatives() throws IOException {
        golden("alternatives", """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: partners, labels: {kind: partner}}
                spec: {nets: [192.0.2.0/24, 198.51.100.7/32, 198.51.100.64/26, '2001:db8:1::/48']}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: partners-in}
                spec:
                  selector: app == 'api'
                  types: [Ingress]
                  ingress:
                    - action: Log
                      source: {selector: kind == 'partner'}
                    - action: Allow
                      protocol: TCP
                      source: {selector: kind == 'partner'}
                      destination: {ports: [http, 8443]}
                    - action: Deny
                      source: {notSelector: kind == 'partner'}
                    - action: Allow
                      source: {selector: kind == 'nobody'}
                ---
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata: {name: node1-k8s-api-eth0, namespace: shop, labels: {app: api}}
                spec: {orchestrator: k8s, node: node1, pod: api, endpoint: eth0, interfaceName: cali5,
                       ipNetworks: [10.65.0.5/32], profiles: [kns.shop],
                       ports: [{name: http, protocol: TCP, port: 8080}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata: {name: kns.shop}
                spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
                """);
    }
}
