package io.selvedge.engine.explain;

import com.fasterxml.jackson.databind.JsonNode;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.Rule;
import java.util.List;

/**
 * A rule as the user wrote it, printed through {@link ResourceCodec} so that it looks exactly
 * like {@code selvedge get -o yaml} prints it (Calico's field order, empty fields left out). The
 * codec encodes whole resources, so the rule is wrapped in a one-rule policy and cut back out.
 * Stateless.
 */
public final class RuleText {
  private static final ResourceCodec CODEC = ResourceCodec.strict();
  private static final String MARKER = "\n  ingress:\n";

  private RuleText() {}

  /** The rule as YAML lines (no trailing newline), e.g. {@code action: Allow\nprotocol: TCP}. */
  public static String yaml(Rule rule) {
    String doc = CODEC.toYaml(wrap(rule));
    int at = doc.indexOf(MARKER);
    if (at < 0) {
      return tree(rule).toString();
    }
    StringBuilder out = new StringBuilder();
    String[] lines = doc.substring(at + MARKER.length()).split("\n");
    // The rule is the single item of the ingress sequence: "    - first" then "      rest".
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 6 || !line.startsWith("    ") || (i > 0 && line.startsWith("    -"))) {
        return tree(rule).toString();
      }
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line.substring(6));
    }
    return out.toString();
  }

  /** The rule as the codec's JSON tree. */
  public static JsonNode tree(Rule rule) {
    return CODEC.toTree(wrap(rule)).get("spec").get("ingress").get(0);
  }

  private static GlobalNetworkPolicy wrap(Rule rule) {
    PolicySpec spec = new PolicySpec(null, null, null, List.of(rule), List.of(), null, List.of(), false, false,
        false, null, null, null);
    return new GlobalNetworkPolicy(new ObjectMeta("rule", null, null, null, null, null, null, null), spec);
  }
}
