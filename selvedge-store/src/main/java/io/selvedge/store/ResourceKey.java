package io.selvedge.store;

import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import java.util.Comparator;
import java.util.Objects;

/**
 * Identity of a stored resource: kind, namespace (namespaced kinds only) and name.
 * Namespaced kinds always have a non-empty namespace, global kinds never have one; the store
 * does not default namespaces (the CLI fills in {@code default}, as calicoctl does).
 *
 * <p>{@link #toString()} is the form used in user messages, e.g. {@code NetworkPolicy default/web}
 * or {@code GlobalNetworkSet blocklist}. Ordered by kind, namespace, name (the order of
 * {@link Datastore#list}).
 */
public record ResourceKey(Kind kind, String namespace, String name) implements Comparable<ResourceKey> {
  private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::kind)
      .thenComparing(ResourceKey::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(ResourceKey::name);

  public ResourceKey {
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(kind.apiName() + " has no name");
    }
    if (kind.namespaced() && (namespace == null || namespace.isEmpty())) {
      throw new IllegalArgumentException(kind.apiName() + " " + name + " has no namespace");
    }
    if (!kind.namespaced() && namespace != null) {
      throw new IllegalArgumentException(kind.apiName() + " " + name
          + " is not namespaced but has namespace " + namespace);
    }
  }

  /**
   * The key for a lookup by name: the namespace is ignored for global kinds (calicoctl ignores
   * {@code -n} for them) and required for namespaced kinds.
   */
  public static ResourceKey of(Kind kind, String namespace, String name) {
    return new ResourceKey(kind, kind.namespaced() ? namespace : null, name);
  }

  /** The key of a resource; strict: a global resource with a namespace is rejected. */
  public static ResourceKey of(Resource resource) {
    return new ResourceKey(resource.kind(), emptyToNull(resource.metadata().namespace()),
        resource.metadata().name());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** {@code namespace/name} for namespaced kinds, {@code name} otherwise. */
  public String qualifiedName() {
    return namespace == null ? name : namespace + "/" + name;
  }

  @Override
  public int compareTo(ResourceKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return kind.apiName() + " " + qualifiedName();
  }
}
