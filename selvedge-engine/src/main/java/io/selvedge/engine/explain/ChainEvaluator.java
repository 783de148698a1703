package io.selvedge.engine.explain;

import io.selvedge.engine.Direction;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.PolicyClass;
import io.selvedge.engine.RuleAction;

/**
 * Runs one endpoint chain (spec §4.8) against a packet: the conntrack shortcut (all but
 * untracked chains), failsafe ports (host endpoint normal, preDNAT and untracked chains, spec
 * §4.3), the encapsulation drops of workload egress, then the tiers (spec §3.7: first terminal
 * rule wins, Log goes on, Pass skips to the next tier, end-of-tier Deny unless the tier passes),
 * then, for the normal class only, the profiles and the final drop. Forward chains without a tier
 * in the direction allow by default (spec G15). Staged policies are evaluated only for the trace.
 *
 * <p>With {@link TraceSink#NONE} the tiers run as a {@link FlatChain} (indexed by protocol and
 * port, shared by endpoints with the same chain) and nothing is allocated once the chain is
 * built; with a recording sink they run tier by tier so that every policy consulted is reported.
 * Thread-safe.
 */
final class ChainEvaluator {

  /** How a chain ended, in nft terms. */
  enum Result {
    /** An {@code accept} verdict: the packet leaves this hook accepted (conntrack, failsafe). */
    ACCEPT,
    /** Returned with the accept mark set (policy or profile Allow, forward default). */
    ACCEPT_MARKED,
    /** Dropped. */
    DROP,
    /** Returned without a verdict (untracked / preDNAT no match, forward tiers all passed). */
    RETURN
  }

  private enum Outcome {
    ALLOW,
    DENY,
    PASS,
    NONE
  }

  private static final int IPIP = 4;

  private final DataplaneSettings settings;
  private final FailsafePort[] inbound;
  private final FailsafePort[] outbound;

  private final FlatChainCache flatChains = new FlatChainCache();

  ChainEvaluator(DataplaneSettings settings) {
    this.settings = settings;
    this.inbound = settings.failsafeInbound().toArray(new FailsafePort[0]);
    this.outbound = settings.failsafeOutbound().toArray(new FailsafePort[0]);
  }

  Result run(CompiledEndpoint ep, PolicyClass cls, Direction dir, Flow f, boolean established, TraceSink sink) {
    if (cls != PolicyClass.UNTRACKED && established) {
      sink.established();
      return Result.ACCEPT;
    }
    if (cls == PolicyClass.FORWARD && !ep.hasTiers(cls, dir)) {
      // Known before any rule: forward chains have no failsafes, and this one no tier.
      sink.note(Remark.FORWARD_DEFAULT_ALLOW);
      return Result.ACCEPT_MARKED;
    }
    if (ep.host && cls != PolicyClass.FORWARD && failsafe(cls == PolicyClass.UNTRACKED, dir, f, sink)) {
      return Result.ACCEPT;
    }
    if (!ep.host && cls == PolicyClass.NORMAL && dir == Direction.EGRESS) {
      if (!settings.allowVxlanFromWorkloads() && f.protocol() == Flow.UDP && f.dstPort() == settings.vxlanPort()) {
        sink.note(Remark.VXLAN_FROM_WORKLOAD);
        return Result.DROP;
      }
      if (!settings.allowIpipFromWorkloads() && f.protocol() == IPIP) {
        sink.note(Remark.IPIP_FROM_WORKLOAD);
        return Result.DROP;
      }
    }
    boolean hasPorts = f.hasPorts();
    IpFamily family = f.family();
    // Untraced: the flattened, indexed chain. Traced: tier by tier, reporting every policy.
    Result tiered = sink == TraceSink.NONE ? ep.flat(cls, dir, family, flatChains).evaluate(f, hasPorts)
        : tiers(ep.tiers(cls, dir), dir, family, f, hasPorts, sink);
    if (tiered != Result.RETURN) {
      return tiered;
    }
    if (cls != PolicyClass.NORMAL) {
      return Result.RETURN;
    }
    for (CompiledPolicy p : ep.profiles) {
      if (p.missingProfile) {
        sink.missingProfile(p, dir);
        return Result.DROP;
      }
      // Pass inside a profile only ends that profile.
      Outcome o = policy("", p, dir, family, f, hasPorts, sink, false);
      if (o == Outcome.ALLOW) {
        return Result.ACCEPT_MARKED;
      }
      if (o == Outcome.DENY) {
        return Result.DROP;
      }
    }
    sink.noProfileMatched();
    return Result.DROP;
  }

  private Result tiers(CompiledTier[] tiers, Direction dir, IpFamily family, Flow f, boolean hasPorts,
      TraceSink sink) {
    for (CompiledTier t : tiers) {
      Outcome o = tier(t, dir, family, f, hasPorts, sink);
      if (o == Outcome.ALLOW) {
        return Result.ACCEPT_MARKED;
      }
      if (o == Outcome.DENY) {
        return Result.DROP;
      }
      if (o == Outcome.NONE) {
        sink.tierEnd(t.name, t.dropsAtEnd);
        if (t.dropsAtEnd) {
          return Result.DROP;
        }
      }
    }
    return Result.RETURN;
  }

  private Outcome tier(CompiledTier t, Direction dir, IpFamily family, Flow f, boolean hasPorts, TraceSink sink) {
    for (CompiledPolicy p : t.policies) {
      if (p.staged) {
        if (sink.wantsStaged()) {
          policy(t.name, p, dir, family, f, hasPorts, sink, true);
        }
        continue;
      }
      Outcome o = policy(t.name, p, dir, family, f, hasPorts, sink, false);
      if (o != Outcome.NONE) {
        return o;
      }
    }
    return Outcome.NONE;
  }

  private static Outcome policy(String tier, CompiledPolicy p, Direction dir, IpFamily family, Flow f,
      boolean hasPorts, TraceSink sink, boolean staged) {
    for (CompiledRule r : p.rules(dir, family)) {
      if (!r.matches(f, hasPorts)) {
        continue;
      }
      sink.ruleHit(tier, p, r, staged);
      if (r.action == RuleAction.LOG) {
        continue;
      }
      return r.action == RuleAction.ALLOW ? Outcome.ALLOW : r.action == RuleAction.DENY ? Outcome.DENY : Outcome.PASS;
    }
    sink.noRuleHit(tier, p, dir, staged);
    return Outcome.NONE;
  }

  /**
   * Failsafe rules (Felix's {@code failsafeInChain}/{@code failsafeOutChain}): inbound entries by
   * destination port and source net, outbound entries by destination port and destination net;
   * in the raw table also the reverse, by source port, so replies escape untracked policy.
   */
  private boolean failsafe(boolean raw, Direction dir, Flow f, TraceSink sink) {
    if (f.protocol() != Flow.TCP && f.protocol() != Flow.UDP) {
      return false;
    }
    IpFamily fam = f.family();
    int proto = f.protocol();
    if (dir == Direction.INGRESS) {
      long hi = f.srcHi();
      long lo = f.srcLo();
      for (FailsafePort p : inbound) {
        if (p.matches(proto, f.dstPort(), fam, hi, lo)) {
          sink.failsafe(p, true, false);
          return true;
        }
      }
      if (raw) {
        for (FailsafePort p : outbound) {
          if (p.matches(proto, f.srcPort(), fam, hi, lo)) {
            sink.failsafe(p, false, true);
            return true;
          }
        }
      }
      return false;
    }
    long hi = f.dstHi();
    long lo = f.dstLo();
    for (FailsafePort p : outbound) {
      if (p.matches(proto, f.dstPort(), fam, hi, lo)) {
        sink.failsafe(p, false, false);
        return true;
      }
    }
    if (raw) {
      for (FailsafePort p : inbound) {
        if (p.matches(proto, f.srcPort(), fam, hi, lo)) {
          sink.failsafe(p, true, true);
          return true;
        }
      }
    }
    return false;
  }
}
