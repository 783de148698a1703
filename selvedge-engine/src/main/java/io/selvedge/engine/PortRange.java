package io.selvedge.engine;

/** An inclusive port range; a single port has {@code min == max}. */
public record PortRange(int min, int max) implements Comparable<PortRange> {
  public PortRange {
    if (min < 0 || max > 65535 || min > max) {
      throw new IllegalArgumentException("bad port range " + min + ":" + max);
    }
  }

  public boolean contains(int port) {
    return port >= min && port <= max;
  }

  @Override
  public int compareTo(PortRange o) {
    return min != o.min ? Integer.compare(min, o.min) : Integer.compare(max, o.max);
  }

  @Override
  public String toString() {
    return min == max ? Integer.toString(min) : min + ":" + max;
  }
}
