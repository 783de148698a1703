package io.selvedge.dataplane;

import io.selvedge.codec.ResourceCodec;
import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.DesiredState;
import io.selvedge.model.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Desired states for tests, from YAML through the real codec and calculation graph. */
final class States {

    private States() {
    }

    /** Resources of a multi-document YAML text (decoding problems fail the test). */
    static List<Resource> decode(String yaml) {
        var result = ResourceCodec.strict().decode("test.yaml", yaml);
        if (!result.problems().isEmpty()) {
            throw new IllegalArgumentException("bad test YAML: " + result.problems());
        }
        return new ArrayList<>(result.resourceList());
    }

    /** The desired state of {@code node} for the resources of {@code yaml}. */
    static DesiredState of(String node, String yaml) {
        return of(node, decode(yaml));
    }

    static DesiredState of(String node, List<Resource> resources) {
        CalculationGraph g = new CalculationGraph(node);
        resources.forEach(g::onUpdate);
        g.flush(u -> { });
        return g.snapshot();
    }

    /** The repository's examples/ (Calico's external-IPs guide): the policies and the network set. */
    static String guideExamples() {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(Path.of("..", "examples"))) {
            for (Path f : files.sorted().toList()) {
                sb.append("---\n").append(Files.readString(f)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /**
     * The guide's endpoints on node1: pods red (10.0.0.5, cali1) and blue (10.0.0.6, cali2) in
     * production with a kns.production allow-all profile; a workload elsewhere claiming the
     * deny-list label; host endpoint node1-eth0 (eth0, 198.51.100.10) labelled apply-ip-protect.
     */
    static final String GUIDE_ENDPOINTS = """
            ---
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata: {name: kns.production}
            spec:
              ingress: [{action: Allow}]
              egress: [{action: Allow}]
            ---
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata: {name: node1-k8s-red-eth0, namespace: production, labels: {color: red}}
            spec: {orchestrator: k8s, node: node1, pod: red, endpoint: eth0, interfaceName: cali1,
                   ipNetworks: [10.0.0.5/32], profiles: [kns.production]}
            ---
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata: {name: node1-k8s-blue-eth0, namespace: production, labels: {color: blue}}
            spec: {orchestrator: k8s, node: node1, pod: blue, endpoint: eth0, interfaceName: cali2,
                   ipNetworks: [10.0.0.6/32], profiles: [kns.production]}
            ---
            apiVersion: projectcalico.org/v3
            kind: WorkloadEndpoint
            metadata: {name: node2-k8s-sneaky-eth0, namespace: production, labels: {ip-deny-list: 'true'}}
            spec: {orchestrator: k8s, node: node2, pod: sneaky, endpoint: eth0, interfaceName: cali3,
                   ipNetworks: [10.0.0.7/32], profiles: [kns.production]}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: node1-eth0, labels: {apply-ip-protect: 'true'}}
            spec: {node: node1, interfaceName: eth0, expectedIPs: [198.51.100.10]}
            """;

    /** The guide example on node1. */
    static DesiredState guide() {
        return of("node1", guideExamples() + GUIDE_ENDPOINTS);
    }
}
