package io.selvedge.engine.explain;

import io.selvedge.engine.Direction;
import io.selvedge.engine.PolicyClass;

/**
 * Receives what the evaluator does, as it does it. {@link #NONE} ignores everything, so that
 * {@link FlowEvaluator#decide} pays one predictable call per event and allocates nothing;
 * {@link TraceRecorder} builds a {@link NodeTrace}. Package-private: the public result is the
 * trace.
 */
interface TraceSink {

  /** Starts a stage; {@code endpoint}, {@code direction}, {@code policyClass} null for fixed rules. */
  void beginStage(Hook hook, CompiledEndpoint endpoint, Direction direction, PolicyClass policyClass);

  void endStage(StageOutcome outcome);

  void established();

  void failsafe(FailsafePort port, boolean inbound, boolean bySourcePort);

  /** A rule of {@code policy} matched (Log included; staged: what it would have done). */
  void ruleHit(String tier, CompiledPolicy policy, CompiledRule rule, boolean staged);

  void noRuleHit(String tier, CompiledPolicy policy, Direction direction, boolean staged);

  void tierEnd(String tier, boolean drops);

  void missingProfile(CompiledPolicy profile, Direction direction);

  void noProfileMatched();

  void note(Remark remark);

  /** Whether staged policies should be evaluated at all (they never change the verdict). */
  boolean wantsStaged();

  /** The sink that records nothing. */
  TraceSink NONE = new TraceSink() {
    @Override
    public void beginStage(Hook hook, CompiledEndpoint endpoint, Direction direction, PolicyClass policyClass) {}

    @Override
    public void endStage(StageOutcome outcome) {}

    @Override
    public void established() {}

    @Override
    public void failsafe(FailsafePort port, boolean inbound, boolean bySourcePort) {}

    @Override
    public void ruleHit(String tier, CompiledPolicy policy, CompiledRule rule, boolean staged) {}

    @Override
    public void noRuleHit(String tier, CompiledPolicy policy, Direction direction, boolean staged) {}

    @Override
    public void tierEnd(String tier, boolean drops) {}

    @Override
    public void missingProfile(CompiledPolicy profile, Direction direction) {}

    @Override
    public void noProfileMatched() {}

    @Override
    public void note(Remark remark) {}

    @Override
    public boolean wantsStaged() {
      return false;
    }
  };
}
