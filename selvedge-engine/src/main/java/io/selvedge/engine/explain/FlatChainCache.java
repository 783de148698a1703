package io.selvedge.engine.explain;

import io.selvedge.engine.Direction;
import io.selvedge.engine.IpFamily;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares {@link FlatChain}s between endpoints whose chains are the same tiers of the same
 * policies (the common case: many workloads selected by the same policies), built on first use.
 * Thread-safe.
 */
final class FlatChainCache {
  private record Key(List<CompiledTier> tiers, Direction direction, IpFamily family) {}

  private final Map<Key, FlatChain> chains = new ConcurrentHashMap<>();

  FlatChain get(CompiledTier[] tiers, Direction d, IpFamily f) {
    return chains.computeIfAbsent(new Key(List.of(tiers), d, f), k -> new FlatChain(tiers, d, f));
  }
}
