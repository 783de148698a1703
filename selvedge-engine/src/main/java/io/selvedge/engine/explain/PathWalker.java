package io.selvedge.engine.explain;

import io.selvedge.engine.Direction;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.PolicyClass;
import io.selvedge.engine.explain.ChainEvaluator.Result;

/**
 * Walks a packet through a node's hooks in Calico's order (spec §4.4) and decides:
 *
 * <pre>
 * arriving:  raw prerouting    workload: reverse-path check; host: untracked ingress (Allow: notrack + accept mark)
 *            mangle prerouting established or accept mark: skip; preDNAT ingress (Allow: accept mark)
 * input:     filter input      workload: workload egress, then DefaultEndpointToHostAction;
 *                              host: accept mark → accept; else host endpoint ingress (or unpoliced)
 * forward:   filter forward    applyOnForward ingress of the in-interface (unless accept mark),
 *                              source workload egress, destination workload ingress,
 *                              applyOnForward egress of the out-interface; nothing dropped → accept
 * sent:      raw output        untracked egress of the out-interface (Allow: accepted)
 *            filter output     to a workload: not policed; else host endpoint egress (or unpoliced)
 * </pre>
 *
 * A drop anywhere ends the walk. Allocation-free with {@link TraceSink#NONE}; thread-safe.
 */
final class PathWalker {
  private static final int[] ICMPV6_ROUTER_TYPES = {130, 131, 132, 133, 135, 136};

  private final CompiledState state;
  private final DataplaneSettings settings;
  private final ChainEvaluator chains;

  PathWalker(CompiledState state, DataplaneSettings settings) {
    this.state = state;
    this.settings = settings;
    this.chains = new ChainEvaluator(settings);
  }

  boolean walk(ResolvedHop in, ResolvedHop out, Flow f, TraceSink sink) {
    if (in.isLocal() && out.isLocal()) {
      return fixed(Hook.FILTER_OUTPUT, Remark.LOOPBACK, true, sink);
    }
    if (in.isLocal()) {
      return sent(out, f, sink);
    }
    boolean established = f.established();
    boolean acceptMark = false;
    // raw prerouting
    if (in.isWorkload()) {
      if (in.endpoint() != null && !in.endpoint().ownsAddress(f.family(), f.srcHi(), f.srcLo())) {
        sink.beginStage(Hook.RAW_PREROUTING, in.endpoint(), null, null);
        sink.note(Remark.RPF_FAILED);
        sink.endStage(StageOutcome.DENIED);
        return false;
      }
    } else {
      CompiledEndpoint hep = in.untrackedHost();
      if (hep != null) {
        Result r = stage(Hook.RAW_PREROUTING, hep, PolicyClass.UNTRACKED, Direction.INGRESS, f, false, sink);
        if (r == Result.DROP) {
          return false;
        }
        if (r == Result.ACCEPT_MARKED) {
          acceptMark = true;
          established = false; // notrack: conntrack never sees it
        }
      }
    }
    // mangle prerouting
    if (!established && !acceptMark) {
      CompiledEndpoint hep = in.preDnatHost(state.wildcardHost);
      if (hep != null) {
        Result r = stage(Hook.MANGLE_PREROUTING, hep, PolicyClass.PRE_DNAT, Direction.INGRESS, f, false, sink);
        if (r == Result.DROP) {
          return false;
        }
        acceptMark = r == Result.ACCEPT_MARKED;
      }
    }
    return out.isLocal() ? input(in, f, established, acceptMark, sink) : forward(in, out, f, established, acceptMark,
        sink);
  }

  private boolean input(ResolvedHop in, Flow f, boolean established, boolean acceptMark, TraceSink sink) {
    if (in.isWorkload()) {
      CompiledEndpoint wep = in.endpoint();
      if (f.family() == IpFamily.V6 && f.protocol() == Flow.ICMPV6 && isRouterIcmp(f.icmpType())) {
        return fixed(Hook.FILTER_INPUT, Remark.ICMPV6_ROUTER, true, sink);
      }
      if (wep == null) {
        return fixed(Hook.FILTER_INPUT, Remark.UNKNOWN_WORKLOAD_INTERFACE, false, sink);
      }
      sink.beginStage(Hook.FILTER_INPUT, wep, Direction.EGRESS, PolicyClass.NORMAL);
      Result r = chains.run(wep, PolicyClass.NORMAL, Direction.EGRESS, f, established, sink);
      boolean allowed = r == Result.ACCEPT;
      if (r == Result.ACCEPT_MARKED) {
        allowed = settings.endpointToHostAction() != EndpointToHostAction.DROP;
        sink.note(allowed ? Remark.ENDPOINT_TO_HOST_ACCEPT : Remark.ENDPOINT_TO_HOST_DROP);
      }
      sink.endStage(allowed ? StageOutcome.ALLOWED : StageOutcome.DENIED);
      return allowed;
    }
    if (acceptMark) {
      return fixed(Hook.FILTER_INPUT, Remark.ALREADY_ACCEPTED, true, sink);
    }
    CompiledEndpoint hep = in.filterHost(state.wildcardHost);
    if (hep == null) {
      return fixed(Hook.FILTER_INPUT, Remark.NO_HOST_ENDPOINT, true, sink);
    }
    return stage(Hook.FILTER_INPUT, hep, PolicyClass.NORMAL, Direction.INGRESS, f, established, sink) != Result.DROP;
  }

  private boolean forward(ResolvedHop in, ResolvedHop out, Flow f, boolean established, boolean acceptMark,
      TraceSink sink) {
    CompiledEndpoint inHep = in.filterHost(state.wildcardHost);
    if (acceptMark && inHep != null) {
      fixed(Hook.FILTER_FORWARD, Remark.ALREADY_ACCEPTED, true, sink);
    } else if (inHep != null) {
      Result r = stage(Hook.FILTER_FORWARD, inHep, PolicyClass.FORWARD, Direction.INGRESS, f, established, sink);
      if (r == Result.DROP || r == Result.ACCEPT) {
        return r == Result.ACCEPT;
      }
    }
    if (in.isWorkload()) {
      if (in.endpoint() == null) {
        return fixed(Hook.FILTER_FORWARD, Remark.UNKNOWN_WORKLOAD_INTERFACE, false, sink);
      }
      Result r = stage(Hook.FILTER_FORWARD, in.endpoint(), PolicyClass.NORMAL, Direction.EGRESS, f, established,
          sink);
      if (r == Result.DROP || r == Result.ACCEPT) {
        return r == Result.ACCEPT;
      }
    }
    if (out.isWorkload()) {
      if (out.endpoint() == null) {
        return fixed(Hook.FILTER_FORWARD, Remark.UNKNOWN_WORKLOAD_INTERFACE, false, sink);
      }
      Result r = stage(Hook.FILTER_FORWARD, out.endpoint(), PolicyClass.NORMAL, Direction.INGRESS, f, established,
          sink);
      if (r == Result.DROP || r == Result.ACCEPT) {
        return r == Result.ACCEPT;
      }
    }
    CompiledEndpoint hep = out.filterHost(state.wildcardHost);
    if (hep != null) {
      Result r = stage(Hook.FILTER_FORWARD, hep, PolicyClass.FORWARD, Direction.EGRESS, f, established, sink);
      if (r == Result.DROP) {
        return false;
      }
    }
    return true;
  }

  /** A packet sent by the host itself. */
  private boolean sent(ResolvedHop out, Flow f, TraceSink sink) {
    CompiledEndpoint raw = out.untrackedHost();
    if (raw != null) {
      Result r = stage(Hook.RAW_OUTPUT, raw, PolicyClass.UNTRACKED, Direction.EGRESS, f, false, sink);
      if (r == Result.DROP) {
        return false;
      }
      if (r == Result.ACCEPT_MARKED) {
        // Filter output accepts packets the raw table already accepted.
        return fixed(Hook.FILTER_OUTPUT, Remark.UNTRACKED_ACCEPTED, true, sink);
      }
    }
    if (out.isWorkload()) {
      return fixed(Hook.FILTER_OUTPUT, Remark.HOST_TO_LOCAL_WORKLOAD, true, sink);
    }
    CompiledEndpoint hep = out.filterHost(state.wildcardHost);
    if (hep == null) {
      return fixed(Hook.FILTER_OUTPUT, Remark.NO_HOST_ENDPOINT, true, sink);
    }
    return stage(Hook.FILTER_OUTPUT, hep, PolicyClass.NORMAL, Direction.EGRESS, f, f.established(), sink)
        != Result.DROP;
  }

  private Result stage(Hook hook, CompiledEndpoint ep, PolicyClass cls, Direction dir, Flow f, boolean established,
      TraceSink sink) {
    sink.beginStage(hook, ep, dir, cls);
    Result r = chains.run(ep, cls, dir, f, established, sink);
    sink.endStage(r == Result.DROP ? StageOutcome.DENIED
        : r == Result.RETURN ? StageOutcome.NO_VERDICT : StageOutcome.ALLOWED);
    return r;
  }

  private static boolean fixed(Hook hook, Remark remark, boolean allowed, TraceSink sink) {
    sink.beginStage(hook, null, null, null);
    sink.note(remark);
    sink.endStage(allowed ? StageOutcome.ALLOWED : StageOutcome.DENIED);
    return allowed;
  }

  private static boolean isRouterIcmp(int type) {
    for (int t : ICMPV6_ROUTER_TYPES) {
      if (t == type) {
        return true;
      }
    }
    return false;
  }
}
