package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Matches endpoints by service account name and/or a selector over service-account labels. */
@JsonPropertyOrder({"names", "selector"})
public record ServiceAccountMatch(List<String> names, String selector) {
  public ServiceAccountMatch {
    names = Immutable.list(names);
  }
}
