package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** L7 HTTP match; carried and validated, ignored by the nftables dataplane (Calico does the same). */
@JsonPropertyOrder({"methods", "paths"})
public record HttpMatch(List<String> methods, List<HttpPath> paths) {
  public HttpMatch {
    methods = Immutable.list(methods);
    paths = Immutable.list(paths);
  }

  /** Exactly one of {@code exact} and {@code prefix} is set in a valid path. */
  @JsonPropertyOrder({"exact", "prefix"})
  public record HttpPath(String exact, String prefix) {}
}
