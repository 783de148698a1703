package io.selvedge.codec.k8s;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicyType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes {@code networking.k8s.io/v1} NetworkPolicy as written in YAML or JSON, with the
 * fields that carry policy. Decoded as strictly as Calico resources (unknown fields are
 * errors); {@link K8sNetworkPolicyConverter} turns it into the Calico NetworkPolicy Calico
 * would create. The codec accepts and drops a top-level {@code status}.
 *
 * <p>Null means absent where Kubernetes distinguishes absent from empty: a peer's
 * {@code namespaceSelector: {}} (all namespaces) differs from no namespaceSelector (the policy's
 * namespace). Lists and maps are never null.
 */
public record K8sNetworkPolicy(ObjectMeta metadata, Spec spec) {
  public static final String API_VERSION = "networking.k8s.io/v1";
  public static final String KIND = "NetworkPolicy";

  public K8sNetworkPolicy {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? new Spec(null, null, null, null) : spec;
  }

  /** {@code spec}. An absent podSelector selects every pod of the namespace, like {@code {}}. */
  @JsonPropertyOrder({"podSelector", "policyTypes", "ingress", "egress"})
  public record Spec(LabelSelector podSelector, List<PolicyType> policyTypes, List<IngressRule> ingress,
      List<EgressRule> egress) {
    public Spec {
      policyTypes = list(policyTypes);
      ingress = list(ingress);
      egress = list(egress);
    }
  }

  /** An ingress rule: traffic from any of {@code from} (all when empty) to any of {@code ports} (all when empty). */
  @JsonPropertyOrder({"from", "ports"})
  public record IngressRule(List<Peer> from, List<PolicyPort> ports) {
    public IngressRule {
      from = list(from);
      ports = list(ports);
    }
  }

  /** An egress rule: traffic to any of {@code to} (all when empty) on any of {@code ports} (all when empty). */
  @JsonPropertyOrder({"to", "ports"})
  public record EgressRule(List<Peer> to, List<PolicyPort> ports) {
    public EgressRule {
      to = list(to);
      ports = list(ports);
    }
  }

  /** One peer: pods (by pod and/or namespace selector) or an IP block. */
  @JsonPropertyOrder({"podSelector", "namespaceSelector", "ipBlock"})
  public record Peer(LabelSelector podSelector, LabelSelector namespaceSelector, IpBlock ipBlock) {}

  /** A CIDR with exceptions. */
  @JsonPropertyOrder({"cidr", "except"})
  public record IpBlock(String cidr, List<String> except) {
    public IpBlock {
      except = list(except);
    }
  }

  /** A port or port range; protocol TCP when absent, every port when {@code port} is absent. */
  @JsonPropertyOrder({"protocol", "port", "endPort"})
  public record PolicyPort(PortProtocol protocol, IntOrString port, Integer endPort) {}

  /** The protocols a Kubernetes NetworkPolicy port may name. */
  public enum PortProtocol {
    TCP, UDP, SCTP
  }

  /** A Kubernetes label selector: all of matchLabels and all of matchExpressions must hold. */
  @JsonPropertyOrder({"matchLabels", "matchExpressions"})
  public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {
    public LabelSelector {
      matchLabels = matchLabels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(matchLabels));
      matchExpressions = list(matchExpressions);
    }
  }

  /** One matchExpressions entry. */
  @JsonPropertyOrder({"key", "operator", "values"})
  public record Requirement(String key, Operator operator, List<String> values) {
    public Requirement {
      values = list(values);
    }
  }

  /** Label selector operators. */
  public enum Operator {
    In, NotIn, Exists, DoesNotExist
  }

  /** Kubernetes' IntOrString for ports: a number or a port name. */
  public record IntOrString(Integer number, String name) {
    public IntOrString {
      if ((number == null) == (name == null)) {
        throw new IllegalArgumentException("either a number or a name");
      }
    }

    @JsonCreator
    public static IntOrString fromJson(Object value) {
      if (value instanceof Integer i) {
        return new IntOrString(i, null);
      }
      if (value instanceof String s) {
        return new IntOrString(null, s);
      }
      if (value instanceof Long l) {
        throw new IllegalArgumentException("port " + l + " is out of range (ports are 1-65535)");
      }
      throw new IllegalArgumentException("a port must be a number or a port name");
    }

    @JsonValue
    public Object toJson() {
      return number != null ? (Object) number : name;
    }

    @Override
    public String toString() {
      return String.valueOf(toJson());
    }
  }

  private static <T> List<T> list(List<T> in) {
    return in == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(in));
  }
}
