package io.selvedge.engine.explain;

import io.selvedge.engine.Direction;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.ResolvedRule;
import io.selvedge.engine.RuleLists;
import io.selvedge.engine.RuleOwner;
import java.util.List;

/**
 * The rules of one policy or profile, compiled per direction and family, in order. Shared by
 * every endpoint chain that references it. Immutable.
 *
 * @see CompiledRule
 */
final class CompiledPolicy {
  final RuleOwner owner;
  /** A staged policy: evaluated for traces only, never enforced. */
  final boolean staged;
  /** A profile the endpoint references but that does not exist (synthetic deny, spec G26). */
  final boolean missingProfile;
  private final CompiledRule[][] rules = new CompiledRule[4][];

  CompiledPolicy(RuleOwner owner, boolean staged, boolean missingProfile, RuleLists lists, SetResolver ipSets) {
    this.owner = owner;
    this.staged = staged;
    this.missingProfile = missingProfile;
    for (Direction d : Direction.values()) {
      for (IpFamily f : IpFamily.values()) {
        List<ResolvedRule> in = lists.get(d, f);
        CompiledRule[] out = new CompiledRule[in.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = new CompiledRule(in.get(i), ipSets);
        }
        rules[index(d, f)] = out;
      }
    }
  }

  private static int index(Direction d, IpFamily f) {
    return d.ordinal() * 2 + f.ordinal();
  }

  CompiledRule[] rules(Direction d, IpFamily f) {
    return rules[index(d, f)];
  }
}
