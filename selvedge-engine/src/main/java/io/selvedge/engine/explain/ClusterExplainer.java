package io.selvedge.engine.explain;

import io.selvedge.engine.CalculationGraph;
import io.selvedge.engine.TypesDefaulting;
import io.selvedge.engine.explain.EndpointDirectory.Located;
import io.selvedge.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Explains flows against a whole cluster's resources. Without a node it follows the flow across
 * the cluster (DESIGN.md, {@code selvedge explain}): on the node of the source endpoint (egress
 * where the flow leaves it) and on the node of the destination endpoint (ingress where it enters
 * it), each node's dataplane evaluated with hops inferred from the addresses; the flow is allowed
 * iff every node involved allows it. When both endpoints are on one node, that node's single path
 * covers both (workload to workload forwarding, workload to host, host to workload). With a node
 * ({@link #explainAt}) it is that node's dataplane only.
 *
 * <p>One {@link CalculationGraph} per node, built on first use from all resources (rule selectors
 * see every node's endpoints). Not thread-safe: the per-node cache is unsynchronised.
 */
public final class ClusterExplainer {
  private final List<Resource> resources;
  private final DataplaneSettings settings;
  private final TypesDefaulting typesDefaulting;
  private final EndpointDirectory directory;
  private final Map<String, FlowEvaluator> evaluators = new HashMap<>();
  private final SortedMap<String, List<String>> problems = new TreeMap<>();

  /**
   * @param typesDefaulting how policies without {@code types} are read: {@link TypesDefaulting#CLIENT}
   *     for resources straight from files, {@link TypesDefaulting#FELIX} for a datastore's
   */
  public ClusterExplainer(List<? extends Resource> resources, DataplaneSettings settings,
      TypesDefaulting typesDefaulting) {
    this.resources = List.copyOf(resources);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.typesDefaulting = Objects.requireNonNull(typesDefaulting, "typesDefaulting");
    this.directory = new EndpointDirectory(this.resources);
  }

  /** Follows the flow across the cluster; the flow's interfaces are ignored (they are per node). */
  public Verdict explain(Flow flow) {
    Flow inferred = flow.via(null, null);
    Located src = directory.find(flow.src());
    Located dst = directory.find(flow.dst());
    List<String> notes = new ArrayList<>();
    notes.add(describe("source", flow.src().addressText(), src));
    notes.add(describe("destination", flow.dst().addressText(), dst));
    Set<String> nodes = new LinkedHashSet<>();
    if (src != null) {
      nodes.add(src.node());
    }
    if (dst != null) {
      nodes.add(dst.node());
    }
    List<NodeTrace> traces = new ArrayList<>();
    for (String node : nodes) {
      traces.add(evaluator(node).explain(inferred));
    }
    if (nodes.isEmpty()) {
      notes.add(Remark.NO_ENDPOINT.text());
    }
    return Verdict.of(flow, traces, notes);
  }

  /** The decision of {@link #explain}, without building traces. */
  public Decision decide(Flow flow) {
    Flow inferred = flow.via(null, null);
    Located src = directory.find(flow.src());
    Located dst = directory.find(flow.dst());
    if (src != null && evaluator(src.node()).decide(inferred) == Decision.DENY) {
      return Decision.DENY;
    }
    if (dst != null && (src == null || !dst.node().equals(src.node()))
        && evaluator(dst.node()).decide(inferred) == Decision.DENY) {
      return Decision.DENY;
    }
    return Decision.ALLOW;
  }

  /** What one node's dataplane does with the flow (its interfaces, if given, are used). */
  public Verdict explainAt(String node, Flow flow) {
    List<String> notes = new ArrayList<>();
    notes.add(describe("source", flow.src().addressText(), directory.find(flow.src())));
    notes.add(describe("destination", flow.dst().addressText(), directory.find(flow.dst())));
    return Verdict.of(flow, List.of(evaluator(node).explain(flow)), notes);
  }

  /** The evaluator of one node, building its calculation graph on first use. */
  public FlowEvaluator evaluator(String node) {
    FlowEvaluator ev = evaluators.get(node);
    if (ev == null) {
      CalculationGraph g = new CalculationGraph(node, typesDefaulting);
      for (Resource r : resources) {
        g.onUpdate(r);
      }
      ev = new FlowEvaluator(g.snapshot(), settings);
      evaluators.put(node, ev);
      problems.putAll(g.problems());
    }
    return ev;
  }

  /**
   * Problems the engine found in the resources (ignored resources, skipped entries), by resource,
   * as far as the nodes evaluated so far have seen them.
   */
  public SortedMap<String, List<String>> problems() {
    return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(problems));
  }

  private static String describe(String side, String address, Located l) {
    return l == null ? side + " " + address + " is not a known endpoint"
        : side + " " + address + " is " + l.id() + " on node " + l.node();
  }
}
