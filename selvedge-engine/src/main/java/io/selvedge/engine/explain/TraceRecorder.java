package io.selvedge.engine.explain;

import io.selvedge.engine.Direction;
import io.selvedge.engine.PolicyClass;
import io.selvedge.engine.ProfileId;
import io.selvedge.engine.ResolvedRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link TraceSink} that records: collects the stages of one evaluation and builds the
 * {@link NodeTrace}. Single use, not thread-safe.
 */
final class TraceRecorder implements TraceSink {
  private final List<StageTrace> stages = new ArrayList<>();
  private Hook hook;
  private CompiledEndpoint endpoint;
  private Direction direction;
  private PolicyClass policyClass;
  private List<TraceEvent> events;

  @Override
  public void beginStage(Hook h, CompiledEndpoint ep, Direction d, PolicyClass c) {
    if (events != null) {
      throw new IllegalStateException("stage " + hook + " not ended");
    }
    hook = h;
    endpoint = ep;
    direction = d;
    policyClass = c;
    events = new ArrayList<>();
  }

  @Override
  public void endStage(StageOutcome outcome) {
    stages.add(new StageTrace(hook, endpoint == null ? null : endpoint.id(), direction, policyClass, outcome, events));
    events = null;
  }

  private void add(TraceEvent e) {
    if (events == null) {
      throw new IllegalStateException("event outside a stage: " + e);
    }
    events.add(e);
  }

  @Override
  public void established() {
    add(new TraceEvent.Established());
  }

  @Override
  public void failsafe(FailsafePort port, boolean inbound, boolean bySourcePort) {
    add(new TraceEvent.FailsafeHit(port, inbound, bySourcePort));
  }

  @Override
  public void ruleHit(String tier, CompiledPolicy policy, CompiledRule rule, boolean staged) {
    ResolvedRule r = rule.resolved;
    add(new TraceEvent.RuleHit(tier, policy.owner, r.origin().direction(), r.origin().index(), r.action(),
        r.origin().rule(), staged, r.hasHttpMatch()));
  }

  @Override
  public void noRuleHit(String tier, CompiledPolicy policy, Direction d, boolean staged) {
    add(new TraceEvent.NoRuleHit(tier, policy.owner, d, staged));
  }

  @Override
  public void tierEnd(String tier, boolean drops) {
    add(new TraceEvent.TierEnd(tier, drops));
  }

  @Override
  public void missingProfile(CompiledPolicy profile, Direction d) {
    add(new TraceEvent.MissingProfile((ProfileId) profile.owner, d));
  }

  @Override
  public void noProfileMatched() {
    add(new TraceEvent.NoProfileMatched());
  }

  @Override
  public void note(Remark remark) {
    add(new TraceEvent.Note(remark));
  }

  @Override
  public boolean wantsStaged() {
    return true;
  }

  List<StageTrace> stages() {
    if (events != null) {
      throw new IllegalStateException("stage " + hook + " not ended");
    }
    return List.copyOf(stages);
  }
}
