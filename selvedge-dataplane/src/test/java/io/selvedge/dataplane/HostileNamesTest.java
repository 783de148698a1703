package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.nft.FakeNft;
import io.selvedge.nft.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Names and labels from users reach the script only as checked identifiers (or hashes of them)
 * and sanitised comments: a hostile policy, tier, profile, endpoint or interface name cannot
 * add a statement. (Resources are decoded but not validated here, as if a bad one slipped past.)
 */
class HostileNamesTest {

    @Test
    void hostileNamesCannotChangeTheScript() {
        String evil = "x\\\"; flush ruleset; #";
        var state = States.of("node1", """
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: "%1$s"}
                spec: {order: 1}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: "%1$s.p"}
                spec:
                  tier: "%1$s"
                  selector: all()
                  ingress: [{action: Log}, {action: Allow}]
                ---
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata: {name: "%1$s"}
                spec: {ingress: [{action: Allow}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: "%1$s"}
                spec: {node: node1, interfaceName: eth0, profiles: ["%1$s"]}
                ---
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata: {name: node1-k8s-a-eth0, namespace: ns}
                spec: {orchestrator: k8s, node: node1, pod: a, endpoint: eth0, interfaceName: "cali;drop",
                       ipNetworks: [10.0.0.1/32], profiles: ["%1$s"]}
                """.formatted(evil));
        Ruleset r = new Renderer(DataplaneConfig.defaults()).render(state, InterfaceInventory.empty());
        Transaction tx = Renderer.replaceTable(r);
        String script = tx.toScript();
        for (String line : script.split("\n")) {
            // every line is one of our statements (or an element line), and its quotes pair up
            assertThat(line).matches("(add|delete) (table|chain|map|set|rule|element) .*|\\s+.*|\\}");
            assertThat(line.chars().filter(c -> c == '"').count() % 2).as(line).isZero();
        }
        // the hostile text survives only inside comments, with its quote and backslash replaced
        assertThat(script).contains("comment \"profile/x_; flush ruleset; #\"");
        assertThat(r.problems()).anyMatch(p -> p.contains("is not a workload interface"));
        new FakeNft().run(tx);
    }
}
