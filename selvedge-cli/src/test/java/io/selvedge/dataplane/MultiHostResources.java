package io.selvedge.dataplane;

/**
 * What the multi-host test and benchmark put in the datastore: each host ({@code host1..3}) has a
 * host endpoint on eth0 under the guide's ip-protect policies (a deny-list GlobalNetworkSet) and
 * one workload: host1's is a database that admits {@code role == 'client'} on TCP 8080, host2's
 * is a client, host3's is not.
 */
final class MultiHostResources {
    private MultiHostResources() {}

    static final String RESOURCES = """
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: allow-all}
            spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: forward-default-allow}
            spec: {selector: apply-ip-protect == 'true', order: 1000, doNotTrack: true, applyOnForward: true,
                   types: [Ingress], ingress: [{action: Allow}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: ip-protect}
            spec: {selector: apply-ip-protect == 'true', order: 0, doNotTrack: true, applyOnForward: true, types: [Ingress],
                   ingress: [{action: Deny, source: {selector: ip-deny-list == 'true' && !has(projectcalico.org/namespace)}}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: db-clients, namespace: production}
            spec: {selector: app == 'db', types: [Ingress],
                   ingress: [{action: Allow, protocol: TCP, source: {selector: role == 'client'}, destination: {ports: [8080]}}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata: {name: host1-k8s-db-eth0, namespace: production, labels: {app: db}}
            spec: {orchestrator: k8s, node: host1, pod: db, endpoint: eth0, interfaceName: cali1,
                   ipNetworks: [10.0.0.5/32], profiles: [allow-all]}
            ---
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata: {name: host2-k8s-client-eth0, namespace: production, labels: {role: client}}
            spec: {orchestrator: k8s, node: host2, pod: client, endpoint: eth0, interfaceName: cali1,
                   ipNetworks: [10.0.0.6/32], profiles: [allow-all]}
            ---
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata: {name: host3-k8s-other-eth0, namespace: production, labels: {role: other}}
            spec: {orchestrator: k8s, node: host3, pod: other, endpoint: eth0, interfaceName: cali1,
                   ipNetworks: [10.0.0.7/32], profiles: [allow-all]}
            """ + hostEndpoints();

    private static String hostEndpoints() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            b.append("""
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: HostEndpoint
                    metadata: {name: host%d-eth0, labels: {apply-ip-protect: 'true'}}
                    spec: {node: host%d, interfaceName: eth0, expectedIPs: [198.51.100.1], profiles: [allow-all]}
                    """.formatted(i, i));
        }
        return b.toString();
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
