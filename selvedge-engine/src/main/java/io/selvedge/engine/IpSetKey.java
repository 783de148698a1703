package io.selvedge.engine;

import java.util.Comparator;
import java.util.Objects;

/** An IP set is identified by its ID (shared by both families) and a family. */
public record IpSetKey(String id, IpFamily family) implements Comparable<IpSetKey> {
  private static final Comparator<IpSetKey> ORDER =
      Comparator.comparing(IpSetKey::id).thenComparing(IpSetKey::family);

  public IpSetKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(family, "family");
  }

  @Override
  public int compareTo(IpSetKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return id + "/" + family;
  }
}
