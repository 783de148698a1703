package io.selvedge.engine.explain;

import io.selvedge.engine.Direction;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.RuleAction;
import io.selvedge.engine.explain.ChainEvaluator.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * The tiers of one endpoint chain (one class, direction and family) flattened for the hot path:
 * every enforced rule in evaluation order with the index of its tier, and which tiers drop at
 * their end. Staged policies are left out (they never decide), and so are the rules of a tier
 * that follow a rule matching everything with Pass, Allow or Deny (no packet reaches them).
 * Evaluating the flat list with tier bookkeeping is the tier algorithm of spec §3.7: a rule of
 * a later tier can only be reached if every tier before it ended without a verdict (so their
 * end-of-tier Deny applies first) or was left by Pass; falling off a policy just continues with
 * the next rule.
 *
 * <p>Chains of {@link #INDEX_THRESHOLD} rules or more get a {@link CandidateIndex}, so that only
 * rules that can match the packet's protocol and port are tested. Immutable and thread-safe;
 * {@link #evaluate} is allocation-free. It gives the same verdicts as the traced evaluation in
 * {@link ChainEvaluator} (tests hold them to it).
 */
final class FlatChain {
  static final int INDEX_THRESHOLD = 8;

  private final CompiledRule[] rules;
  private final int[] tierOf;
  /** Rules that match every packet of the chain's family (no need to test them): Pass-all rules. */
  private final boolean[] matchesAll;
  private final boolean[] tierDrops;
  private final CandidateIndex index;
  private final int[] all;

  FlatChain(CompiledTier[] tiers, Direction dir, IpFamily family) {
    List<CompiledRule> rs = new ArrayList<>();
    List<Integer> ts = new ArrayList<>();
    tierDrops = new boolean[tiers.length];
    for (int t = 0; t < tiers.length; t++) {
      tierDrops[t] = tiers[t].dropsAtEnd;
      boolean closed = false;
      for (CompiledPolicy p : tiers[t].policies) {
        if (p.staged) {
          continue;
        }
        for (CompiledRule r : p.rules(dir, family)) {
          if (closed) {
            break;
          }
          rs.add(r);
          ts.add(t);
          // The rest of a tier after a rule that matches everything and passes, allows or
          // denies is never reached: left out, so that no packet walks past it. (Later tiers
          // stay: a Pass before that rule leads there.)
          closed = r.action != RuleAction.LOG && r.matchesEverything();
        }
      }
    }
    rules = rs.toArray(new CompiledRule[0]);
    tierOf = new int[rules.length];
    matchesAll = new boolean[rules.length];
    for (int i = 0; i < rules.length; i++) {
      tierOf[i] = ts.get(i);
      matchesAll[i] = rules[i].matchesEverything();
    }
    all = new int[rules.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    index = rules.length >= INDEX_THRESHOLD ? new CandidateIndex(rules) : null;
  }

  /** ACCEPT_MARKED (Allow), DROP (Deny or end-of-tier) or RETURN (no tier decided). */
  Result evaluate(Flow f, boolean hasPorts) {
    int[] candidates = index == null ? all : index.candidates(f.protocol(), f.dstPort());
    int tier = 0;
    for (int c : candidates) {
      int t = tierOf[c];
      if (t < tier) {
        continue; // left by Pass
      }
      while (tier < t) {
        if (tierDrops[tier]) {
          return Result.DROP;
        }
        tier++;
      }
      CompiledRule r = rules[c];
      if (!matchesAll[c] && !r.matches(f, hasPorts)) {
        continue;
      }
      RuleAction a = r.action;
      if (a == RuleAction.ALLOW) {
        return Result.ACCEPT_MARKED;
      }
      if (a == RuleAction.DENY) {
        return Result.DROP;
      }
      if (a == RuleAction.PASS) {
        tier = t + 1;
      }
    }
    while (tier < tierDrops.length) {
      if (tierDrops[tier]) {
        return Result.DROP;
      }
      tier++;
    }
    return Result.RETURN;
  }
}
