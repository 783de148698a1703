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
 * rules that can match the packet's protocol and port are tested. Allow and Deny rules that look
 * an address up in a big set are tested last, and only when they could change the result (see
 * {@link #evaluate}). Immutable and thread-safe;
 * {@link #evaluate} is allocation-free. It gives the same verdicts as the traced evaluation in
 * {@link ChainEvaluator} (tests hold them to it).
 */
final class FlatChain {
  static final int INDEX_THRESHOLD = 8;

  /** {@link #meta}: the rule's action (ordinal of {@link RuleAction}). */
  private static final int ACTION = 3;
  private static final int ALLOW = RuleAction.ALLOW.ordinal();
  private static final int DENY = RuleAction.DENY.ordinal();
  private static final int PASS = RuleAction.PASS.ordinal();
  /** {@link #meta}: the rule matches every packet of the chain's family (Pass-all): not tested. */
  private static final int MATCHES_ALL = 4;
  /** {@link #meta}: the rule is {@link #deferrable}. */
  private static final int DEFERRABLE = 8;
  /** {@link #meta}: the tier's index is in the bits from here. */
  private static final int TIER_SHIFT = 4;

  private final CompiledRule[] rules;
  /**
   * Per rule, what the loop needs before testing it, in one int: tier, action and flags. The
   * loop visits rules it does not test (Pass-all rules, rules of a tier left by Pass), and
   * reading one int for them is cheaper than three arrays and the rule object.
   */
  private final int[] meta;
  private final boolean[] tierDrops;
  private final CandidateIndex index;
  private final int[] all;
  /**
   * Per rule, the chain's result when it matches if the rule may be tested late: an Allow or Deny
   * rule that looks an address up in a big set (see {@link #evaluate}); else null.
   */
  private final Result[] deferrable;

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
    all = new int[rules.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    index = rules.length >= INDEX_THRESHOLD ? new CandidateIndex(rules) : null;
    deferrable = new Result[rules.length];
    for (int i = 0; i < rules.length; i++) {
      RuleAction a = rules[i].action;
      if ((a == RuleAction.ALLOW || a == RuleAction.DENY) && rules[i].looksUpBigSet()) {
        deferrable[i] = a == RuleAction.ALLOW ? Result.ACCEPT_MARKED : Result.DROP;
      }
    }
    meta = new int[rules.length];
    for (int i = 0; i < rules.length; i++) {
      meta[i] = ts.get(i) << TIER_SHIFT | rules[i].action.ordinal() | (rules[i].matchesEverything() ? MATCHES_ALL : 0)
          | (deferrable[i] != null ? DEFERRABLE : 0);
    }
  }

  /**
   * ACCEPT_MARKED (Allow), DROP (Deny or end-of-tier) or RETURN (no tier decided).
   *
   * <p>Up to two {@link #deferrable} rules are tested only after the rest of the chain has given
   * its result, and only if they could change it: an Allow or Deny rule ends the chain when it
   * matches, so the chain's result is that rule's if it matches and otherwise what the rules
   * after it give, which is what the walk computes by going on as if it did not match. When that
   * result is the rule's own (a block-list Deny in front of a chain that denies the packet
   * anyway), the rule's big-set lookup, a likely cache miss, is not needed.
   */
  Result evaluate(Flow f, boolean hasPorts) {
    int[] candidates = index == null ? all : index.candidates(f.protocol(), f.dstPort());
    int tier = 0;
    int first = -1;
    int second = -1;
    for (int c : candidates) {
      int m = meta[c];
      int t = m >>> TIER_SHIFT;
      if (t < tier) {
        continue; // left by Pass
      }
      while (tier < t) {
        if (tierDrops[tier]) {
          return settle(Result.DROP, first, second, f, hasPorts);
        }
        tier++;
      }
      if ((m & DEFERRABLE) != 0 && second < 0) {
        if (first < 0) {
          first = c;
        } else {
          second = c;
        }
        continue;
      }
      if ((m & MATCHES_ALL) == 0 && !rules[c].matches(f, hasPorts)) {
        continue;
      }
      int a = m & ACTION;
      if (a == ALLOW) {
        return settle(Result.ACCEPT_MARKED, first, second, f, hasPorts);
      }
      if (a == DENY) {
        return settle(Result.DROP, first, second, f, hasPorts);
      }
      if (a == PASS) {
        tier = t + 1;
      }
    }
    while (tier < tierDrops.length) {
      if (tierDrops[tier]) {
        return settle(Result.DROP, first, second, f, hasPorts);
      }
      tier++;
    }
    return settle(Result.RETURN, first, second, f, hasPorts);
  }

  /**
   * The chain's result given what the rules after the deferred ones gave ({@code rest}): the
   * first deferred rule that matches decides, so going backwards each one replaces the result if
   * it matches, and is not tested when its result is the same either way.
   */
  private Result settle(Result rest, int first, int second, Flow f, boolean hasPorts) {
    Result r = rest;
    if (second >= 0 && deferrable[second] != r && rules[second].matches(f, hasPorts)) {
      r = deferrable[second];
    }
    if (first >= 0 && deferrable[first] != r && rules[first].matches(f, hasPorts)) {
      r = deferrable[first];
    }
    return r;
  }
}
