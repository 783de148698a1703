package io.selvedge.engine.explain;

import io.selvedge.engine.DesiredState;
import java.util.Objects;

/**
 * Computes what one node's dataplane does with a packet, from the node's {@link DesiredState} —
 * the same state the nft renderer consumes — and the Felix settings around policy.
 *
 * <pre>
 * FlowEvaluator ev = new FlowEvaluator(graph.snapshot(), DataplaneSettings.defaults());
 * Decision d = ev.decide(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80));   // hot path
 * NodeTrace t = ev.explain(flow);                                         // with the why
 * </pre>
 *
 * <p>The packet path is Calico's (spec §4.4, see {@link PathWalker}); hops the flow does not name
 * are inferred from its addresses ({@link PathResolver}: hashed, with the inferred hops built
 * once). {@link #decide} allocates nothing for flows whose interfaces are inferred or local, runs
 * each chain as a flattened, indexed rule list ({@link FlatChain}) and looks IPv4 sets up in
 * structures made for them ({@link Ipv4PrefixTable} for big ones, {@link Ipv4HostSet} and
 * {@link Ipv4Ranges} for small ones; IPv6 sets by binary search over the state's
 * {@link io.selvedge.engine.DisjointCidrs}); {@link #explain} walks tiers and policies one by one
 * with a recording sink and also evaluates staged policies for the trace.
 *
 * <p>Construction compiles the state, O(size of the state). Immutable and thread-safe.
 */
public final class FlowEvaluator {
  private final CompiledState state;
  private final PathResolver resolver;
  private final PathWalker walker;

  public FlowEvaluator(DesiredState state, DataplaneSettings settings) {
    this(state, settings, SetResolver.TABLE_THRESHOLD);
  }

  /**
   * For tests: IPv4 sets of at least {@code tableThreshold} members are looked up in an
   * {@link Ipv4PrefixTable}, smaller ones as {@link SetResolver} says ({@link Integer#MAX_VALUE}:
   * every set by binary search over the state's sets, the reference behaviour).
   */
  FlowEvaluator(DesiredState state, DataplaneSettings settings, int tableThreshold) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(settings, "settings");
    this.state = CompiledState.compile(state, tableThreshold);
    this.resolver = new PathResolver(this.state, settings);
    this.walker = new PathWalker(this.state, settings);
  }

  /** The node this evaluator speaks for. */
  public String node() {
    return state.node;
  }

  /** The verdict, without a trace. */
  public Decision decide(Flow flow) {
    // Each address is looked up once for both hops.
    PathResolver.Role src = resolver.role(flow.family(), flow.srcHi(), flow.srcLo());
    PathResolver.Role dst = resolver.role(flow.family(), flow.dstHi(), flow.dstLo());
    return walker.walk(resolver.in(flow, src, dst), resolver.out(flow, src, dst), flow, TraceSink.NONE)
        ? Decision.ALLOW : Decision.DENY;
  }

  /** The verdict with every stage, tier, policy and rule that led to it. */
  public NodeTrace explain(Flow flow) {
    ResolvedHop in = resolver.in(flow);
    ResolvedHop out = resolver.out(flow);
    TraceRecorder recorder = new TraceRecorder();
    boolean allowed = walker.walk(in, out, flow, recorder);
    return new NodeTrace(state.node, in.describe(state.wildcardHost), out.describe(state.wildcardHost),
        allowed ? Decision.ALLOW : Decision.DENY, recorder.stages());
  }
}
