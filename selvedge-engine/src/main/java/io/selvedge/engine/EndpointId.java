package io.selvedge.engine;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identity of an endpoint: a workload endpoint ({@code namespace/name}) or a host endpoint
 * ({@code name}, namespace {@code ""}).
 */
public record EndpointId(Type type, String namespace, String name) implements Comparable<EndpointId> {
  private static final Comparator<EndpointId> ORDER = Comparator.comparing(EndpointId::type)
      .thenComparing(EndpointId::namespace).thenComparing(EndpointId::name);

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

  @Override
  public int compareTo(EndpointId o) {
    return ORDER.compare(this, o);
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
