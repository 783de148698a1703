package io.selvedge.engine;

import io.selvedge.model.Kind;
import java.util.List;
import java.util.Objects;

/**
 * A change of one NetworkSet's or GlobalNetworkSet's {@code spec.nets} that left its labels alone, as a
 * delta: the resource at {@code baseVersion} (its {@code resourceVersion}) became the one at
 * {@code version} by losing the entries {@code removed} and gaining {@code added} (multisets of
 * the exact strings). Input of {@link CalculationGraph#applyNetsDelta}.
 *
 * @param namespace the NetworkSet's namespace; ignored (may be null) for a GlobalNetworkSet
 */
public record NetsChange(Kind kind, String namespace, String name, String baseVersion, String version,
    List<String> removed, List<String> added) {

  public NetsChange {
    if (kind != Kind.NETWORK_SET && kind != Kind.GLOBAL_NETWORK_SET) {
      throw new IllegalArgumentException("nets of a " + kind.apiName());
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseVersion, "baseVersion");
    Objects.requireNonNull(version, "version");
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }
}
