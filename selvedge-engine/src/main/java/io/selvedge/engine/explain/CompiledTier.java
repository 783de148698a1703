package io.selvedge.engine.explain;

/**
 * One tier of an endpoint chain, for one direction: its policies in evaluation order (staged ones
 * in their place) and whether falling off its end drops the packet. Equal when name, end action
 * and the very same compiled policies agree, so that endpoints with the same chain can share one
 * {@link FlatChain}. Immutable.
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

  @Override
  public boolean equals(Object o) {
    // Policies compare by identity: one compiled policy per policy and state.
    return o instanceof CompiledTier t && t.name.equals(name) && t.dropsAtEnd == dropsAtEnd
        && java.util.Arrays.equals(t.policies, policies);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + java.util.Arrays.hashCode(policies) + (dropsAtEnd ? 1 : 0);
  }
}
