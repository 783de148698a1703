package io.selvedge.engine.explain;

import io.selvedge.engine.EndpointId;
import java.util.Objects;

/**
 * Where a packet enters or leaves a node, as the evaluator resolved it: the host itself, a
 * workload interface (with its endpoint, if known) or a host interface (with the host endpoint
 * that claims it, if any).
 *
 * @param interfaceName the interface, or null when the host itself or when inferred but unknown
 * @param endpoint the workload endpoint of the interface, or the host endpoint bound to it, or null
 * @param inferred the hop was inferred from the flow's addresses rather than given
 */
public record Hop(Kind kind, String interfaceName, EndpointId endpoint, boolean inferred) {

  /** The kind of hop. */
  public enum Kind {
    /** A process on the node. */
    LOCAL,
    /** A workload interface. */
    WORKLOAD,
    /** Any other interface of the host. */
    HOST
  }

  public Hop {
    Objects.requireNonNull(kind, "kind");
  }

  /** Text such as {@code cali12 (wep ns1/pod)}, {@code host} or {@code a host interface}. */
  public String describe() {
    if (kind == Kind.LOCAL) {
      return "the host itself";
    }
    String iface = interfaceName != null ? interfaceName : kind == Kind.HOST ? "a host interface" : "?";
    return endpoint == null ? iface : iface + " (" + endpoint + ")";
  }
}
