package io.selvedge.engine;

import io.selvedge.model.Kind;
import java.util.Comparator;
import java.util.Objects;

/**
 * Identity of a policy: its kind (one of the four policy kinds), namespace ({@code ""} for the
 * global kinds, never null) and name. Natural order is by kind, namespace, name (a stable key
 * order for maps); the order in which policies are <em>evaluated</em> is
 * {@link io.selvedge.engine.index.PolicySorter}'s, which uses {@link #tieBreakKey()}.
 */
public record PolicyId(Kind kind, String namespace, String name) implements RuleOwner, Comparable<PolicyId> {

  private static final Comparator<PolicyId> ORDER =
      Comparator.comparing(PolicyId::kind).thenComparing(PolicyId::namespace).thenComparing(PolicyId::name);

  public PolicyId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (!kind.isPolicy()) {
      throw new IllegalArgumentException(kind + " is not a policy kind");
    }
    namespace = kind.namespaced() ? Objects.requireNonNull(namespace, "namespace") : "";
  }

  /** Spread over the buckets of hash maps ({@link IdHash}); equal ids hash equally. */
  @Override
  public int hashCode() {
    return IdHash.of(kind.ordinal(), namespace, name);
  }

  public static PolicyId global(String name) {
    return new PolicyId(Kind.GLOBAL_NETWORK_POLICY, "", name);
  }

  public static PolicyId namespaced(String namespace, String name) {
    return new PolicyId(Kind.NETWORK_POLICY, namespace, name);
  }

  /** Staged policies are computed and reported but never enforced (spec §1.6). */
  public boolean staged() {
    return kind == Kind.STAGED_NETWORK_POLICY || kind == Kind.STAGED_GLOBAL_NETWORK_POLICY;
  }

  /** Felix's short kind name used in chain names: {@code np}, {@code gnp}, {@code snp}, {@code sgnp}. */
  public String shortKind() {
    return switch (kind) {
      case NETWORK_POLICY -> "np";
      case GLOBAL_NETWORK_POLICY -> "gnp";
      case STAGED_NETWORK_POLICY -> "snp";
      case STAGED_GLOBAL_NETWORK_POLICY -> "sgnp";
      default -> throw new IllegalStateException();
    };
  }

  /**
   * The string Calico compares to order policies of equal {@code order}:
   * {@code name/namespace/kind}, so {@code foo-bar} sorts before {@code foo} (spec G4).
   */
  public String tieBreakKey() {
    return name + "/" + namespace + "/" + kind.apiName();
  }

  @Override
  public int compareTo(PolicyId o) {
    return ORDER.compare(this, o);
  }

  /** Felix's policy ID form: {@code gnp/name} or {@code np/namespace/name}. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? shortKind() + "/" + name : shortKind() + "/" + namespace + "/" + name;
  }
}
