package io.selvedge.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.selvedge.model.Resource;
import java.util.List;

/** Builds resources from YAML for tests and validates them the way the CLI will. */
final class TestResources {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Validator VALIDATOR = Validator.calico();

  private TestResources() {}

  static Resource yaml(String text) {
    try {
      JsonNode node = YAML.readTree(text);
      return ValidationConformanceTest.ConformanceDecoding.decode("test", 0, node);
    } catch (Exception e) {
      throw new IllegalArgumentException("test YAML does not decode: " + e.getMessage(), e);
    }
  }

  /** Decode, apply defaults, validate; the violations as printed. */
  static List<String> violations(String yaml) {
    return VALIDATOR.validate(PolicyDefaults.apply(yaml(yaml))).stream().map(Violation::toString).toList();
  }

  /** A GlobalNetworkPolicy "test" whose only ingress rule is {@code ruleYaml} (indented as a list item body). */
  static List<String> ruleViolations(String ruleYaml) {
    String indented = ruleYaml.strip().replace("\n", "\n    ");
    return violations("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: test}
        spec:
          ingress:
          - RULE
        """.replace("RULE", indented));
  }
}
