package io.selvedge.engine;

import java.util.Objects;

/**
 * Identity of an endpoint: a workload endpoint ({@code namespace/name}) or a host endpoint
 * ({@code name}, namespace {@code ""}).
 */
public record EndpointId(Type type, String namespace, String name) implements Comparable<EndpointId> {

  /** Workload or host endpoint. */
  public enum Type {
    WORKLOAD,
    HOST
  }

  public EndpointId {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    namespace = type == Type.HOST ? "" : Objects.requireNonNull(namespace, "namespace");
  }

  public static EndpointId workload(String namespace, String name) {
    return new EndpointId(Type.WORKLOAD, namespace, name);
  }

  public static EndpointId host(String name) {
    return new EndpointId(Type.HOST, "", name);
  }

  /**
   * By type, namespace, name. Written out: a cold start sorts 10,000 ids a few times, and a
   * chained {@code Comparator} costs several lambda calls per comparison in the agent's C1 code.
   */
  @Override
  public int compareTo(EndpointId o) {
    int c = type.compareTo(o.type);
    if (c == 0) {
      c = namespace.compareTo(o.namespace);
    }
    return c != 0 ? c : name.compareTo(o.name);
  }

  /** Spread over the buckets of hash maps ({@link IdHash}); equal ids hash equally. */
  @Override
  public int hashCode() {
    return IdHash.of(type.ordinal(), namespace, name);
  }

  @Override
  public String toString() {
    return type == Type.HOST ? "hep/" + name : "wep/" + namespace + "/" + name;
  }
}
