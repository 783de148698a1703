package io.selvedge.engine.explain;

/**
 * One tier of an endpoint chain, for one direction: its policies in evaluation order (staged ones
 * in their place) and whether falling off its end drops the packet. Immutable.
 */
final class CompiledTier {
  final String name;
  final CompiledPolicy[] policies;
  /** End-of-tier Deny: the tier's default is Deny and it holds a non-staged policy (spec §3.7). */
  final boolean dropsAtEnd;

  CompiledTier(String name, CompiledPolicy[] policies, boolean dropsAtEnd) {
    this.name = name;
    this.policies = policies;
    this.dropsAtEnd = dropsAtEnd;
  }
}
