package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.codec.DecodeResult;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.DesiredState;
import io.selvedge.engine.TypesDefaulting;
import io.selvedge.model.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Resources written as YAML (apiVersion may be left out), turned into node states through the
 * real calculation graph, and evaluated: the tests read like Calico configurations.
 */
final class Scenario {
  /** Two workloads on node1 in ns1 that allow everything through their profile. */
  static final String PODS = """
      kind: Profile
      metadata: {name: allow-all}
      spec:
        ingress: [{action: Allow}]
        egress: [{action: Allow}]
      ---
      kind: WorkloadEndpoint
      metadata: {name: a, namespace: ns1, labels: {app: a}}
      spec: {node: node1, orchestrator: k8s, interfaceName: cali-a, ipNetworks: [10.0.0.1/32, "fd00::1/128"],
             profiles: [allow-all]}
      ---
      kind: WorkloadEndpoint
      metadata: {name: b, namespace: ns1, labels: {app: b}}
      spec: {node: node1, orchestrator: k8s, interfaceName: cali-b, ipNetworks: [10.0.0.2/32, "fd00::2/128"],
             profiles: [allow-all]}
      """;

  /** A host endpoint of node1 on eth0 at 192.168.0.1, no profile. */
  static final String HOST = """
      kind: HostEndpoint
      metadata: {name: node1-eth0, labels: {role: host}}
      spec: {node: node1, interfaceName: eth0, expectedIPs: [192.168.0.1]}
      """;

  private final List<Resource> resources;
  private final DataplaneSettings settings;

  private Scenario(List<Resource> resources, DataplaneSettings settings) {
    this.resources = resources;
    this.settings = settings;
  }

  static Scenario of(String... yamlParts) {
    StringBuilder text = new StringBuilder();
    for (String part : yamlParts) {
      for (String doc : part.split("(?m)^---\\s*$")) {
        if (doc.isBlank()) {
          continue;
        }
        text.append("---\n");
        if (!doc.contains("apiVersion:")) {
          text.append("apiVersion: projectcalico.org/v3\n");
        }
        text.append(doc.strip()).append('\n');
      }
    }
    DecodeResult r = ResourceCodec.strict().decode("scenario", text.toString());
    assertThat(r.problems()).as("decoding the scenario").isEmpty();
    return new Scenario(r.resourceList(), DataplaneSettings.defaults());
  }

  List<Resource> stateResources() {
    return resources;
  }

  Scenario with(DataplaneSettings s) {
    return new Scenario(resources, s);
  }

  DesiredState state(String node) {
    CalculationGraph g = new CalculationGraph(node, TypesDefaulting.CLIENT);
    resources.forEach(g::onUpdate);
    return g.snapshot();
  }

  FlowEvaluator evaluator(String node) {
    return new FlowEvaluator(state(node), settings);
  }

  /** The decision on node1, checking that the fast path and the traced path agree. */
  Decision decide(Flow f) {
    return decide("node1", f);
  }

  Decision decide(String node, Flow f) {
    FlowEvaluator ev = evaluator(node);
    Decision fast = ev.decide(f);
    NodeTrace t = ev.explain(f);
    assertThat(t.decision()).as("explain agrees with decide%n%s", text(t)).isEqualTo(fast);
    return fast;
  }

  /** Asserts the decision on node1 (both paths), printing the trace when it differs. */
  Scenario expect(Flow f, Decision d) {
    return expect("node1", f, d);
  }

  Scenario expect(String node, Flow f, Decision d) {
    NodeTrace t = evaluator(node).explain(f);
    assertThat(decide(node, f)).as("%s%n%s", f, text(t)).isEqualTo(d);
    return this;
  }

  NodeTrace explain(Flow f) {
    return evaluator("node1").explain(f);
  }

  ClusterExplainer cluster() {
    return new ClusterExplainer(resources, settings, TypesDefaulting.CLIENT);
  }

  static String text(NodeTrace t) {
    return VerdictText.format(Verdict.of(Flow.of("0.0.0.0", "0.0.0.0", 0), List.of(t), List.of()));
  }

  /** The events of the last stage (for a workload-to-workload flow: the destination's ingress). */
  static List<TraceEvent> lastStageEvents(NodeTrace t) {
    return t.stages().get(t.stages().size() - 1).events();
  }

  /** All events of all stages, in order. */
  static List<TraceEvent> events(NodeTrace t) {
    List<TraceEvent> out = new ArrayList<>();
    t.stages().forEach(s -> out.addAll(s.events()));
    return out;
  }
}
