package io.selvedge.engine.explain;

/** What one stage did with the packet. */
public enum StageOutcome {
  /** Let it through (policy Allow, established connection, failsafe port, a default allow). */
  ALLOWED,
  /** Dropped it; nothing after this stage runs. */
  DENIED,
  /** Decided nothing; the packet goes on to the next stage (untracked or preDNAT no match, Pass). */
  NO_VERDICT
}
