package io.selvedge.engine;

/**
 * Hash codes for the engine's (kind, namespace, name) identities. A record's generated hash
 * ({@code 31 * (31 * kind + namespace) + name}) keeps the structure of generated names: in a
 * cluster of {@code pod-0 … pod-9899} spread over {@code ns-00 … ns-49}, the identities of one
 * namespace or profile crowd into a few buckets of a {@link java.util.HashMap}, which then turns
 * them into trees — measured as the largest single cost of the cold start. Multiplying by a
 * large odd constant between the parts and finishing with a bit mixer spreads them.
 */
final class IdHash {
  private IdHash() {}

  static int of(int kind, String namespace, String name) {
    int h = kind * 0x9E37_79B9 + namespace.hashCode();
    h = h * 0x85EB_CA6B + name.hashCode();
    h ^= h >>> 16;
    h *= 0x7FEB_352D;
    h ^= h >>> 15;
    return h;
  }
}
