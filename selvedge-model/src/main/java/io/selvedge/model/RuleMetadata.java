package io.selvedge.model;

import java.util.Map;

/** Per-rule annotations (rendered as rule comments). */
public record RuleMetadata(Map<String, String> annotations) {
  public RuleMetadata {
    annotations = Immutable.map(annotations);
  }
}
