package io.selvedge.dataplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the multi-host test and benchmark put in the datastore: each host ({@code host1..3}) has a
 * host endpoint on eth0 under the guide's ip-protect policies (a deny-list GlobalNetworkSet) and
 * one workload: host1's is a database that admits {@code role == 'client'} on TCP 8080, host2's
 * is a client, host3's is not.
 */
final class MultiHostResources {
    private MultiHostResources() {}

    /** The repository's examples directory (tests run in the module directory). */
    private static final Path EXAMPLES = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("..").toAbsolutePath().normalize().toString()), "examples");

    static final String RESOURCES = """
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: allow-all}
            spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: db-clients, namespace: production}
            spec: {selector: app == 'db', types: [Ingress],
                   ingress: [{action: Allow, protocol: TCP, source: {selector: role == 'client'}, destination: {ports: [8080]}}]}
            """ + ipProtectPolicies()
            + workload(1, "db", "app: db") + workload(2, "client", "role: client") + workload(3, "other", "role: other")
            + hostEndpoint(1) + hostEndpoint(2) + hostEndpoint(3);

    /** The guide's step 3 (examples/03-ip-protect-policies.yaml): deny the deny-list on host endpoints. */
    private static String ipProtectPolicies() {
        try {
            return "---\n" + Files.readString(EXAMPLES.resolve("03-ip-protect-policies.yaml")) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Workload {@code name} on host {@code i}: interface cali1, address 10.0.0.(4+i). */
    private static String workload(int i, String name, String label) {
        return """
                ---
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata: {name: host%1$d-k8s-%2$s-eth0, namespace: production, labels: {%3$s}}
                spec: {orchestrator: k8s, node: host%1$d, pod: %2$s, endpoint: eth0, interfaceName: cali1,
                       ipNetworks: [10.0.0.%4$d/32], profiles: [allow-all]}
                """.formatted(i, name, label, 4 + i);
    }

    private static String hostEndpoint(int i) {
        return """
                ---
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: host%1$d-eth0, labels: {apply-ip-protect: 'true'}}
                spec: {node: host%1$d, interfaceName: eth0, expectedIPs: [198.51.100.1], profiles: [allow-all]}
                """.formatted(i);
    }

    /** The deny-list with {@code extra} added to the guide's two entries. */
    static String denyList(String... extra) {
        StringBuilder nets = new StringBuilder("192.0.2.55/32, 203.0.113.0/24");
        for (String e : extra) {
            nets.append(", ").append(e);
        }
        return """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: ip-protect, labels: {ip-deny-list: 'true'}}
                spec: {nets: [%s]}
                """.formatted(nets);
    }

}
