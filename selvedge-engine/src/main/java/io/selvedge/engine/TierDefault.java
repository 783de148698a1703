package io.selvedge.engine;

/**
 * What happens at the end of a tier when no policy of it decided (spec §3.7): DENY drops
 * (only if the tier had at least one non-staged policy in that direction), PASS goes on.
 */
public enum TierDefault {
  DENY,
  PASS
}
