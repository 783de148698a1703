package io.selvedge.validate;

import io.selvedge.codec.DecodeProblem;
import io.selvedge.codec.DecodeResult;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.model.Resource;
import java.util.List;

/** Builds resources from YAML for tests and validates them the way the CLI will. */
final class TestResources {
  private static final ResourceCodec CODEC = ResourceCodec.strict();
  private static final Validator VALIDATOR = Validator.calico();

  private TestResources() {}

  /** The single resource in {@code text}, decoded by the strict codec. */
  static Resource yaml(String text) {
    DecodeResult result = CODEC.decode("test", text);
    if (!result.ok() || result.resources().size() != 1) {
      throw new IllegalArgumentException("test YAML does not decode to one resource: "
          + String.join("; ", result.problems().stream().map(DecodeProblem::format).toList()));
    }
    return result.resourceList().get(0);
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
