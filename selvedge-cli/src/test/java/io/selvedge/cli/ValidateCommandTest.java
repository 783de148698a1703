package io.selvedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
      Path.of("..").toAbsolutePath().normalize().toString()), "examples");

  @Test
  void guideExamplesAreValid() {
    CliRun r = CliRun.of("validate", "-f", EXAMPLES.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("GlobalNetworkPolicy ip-protect: valid")
        .contains("GlobalNetworkPolicy forward-default-allow: valid")
        .contains("GlobalNetworkSet ip-protect: valid")
        .contains("NetworkPolicy production/allow-egress-external: valid")
        .contains("4 valid resource(s), 0 problem(s)");
  }

  @Test
  void everyProblemOfEveryDocumentIsPrintedWithFileDocumentResourceAndPath(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, String.join("\n",
        "apiVersion: projectcalico.org/v3",
        "kind: GlobalNetworkPolicy",
        "metadata: {name: p1}",
        "spec:",
        "  selector: a = b",
        "  ingress:",
        "  - action: Allow",
        "    protocol: TCP",
        "    destination: {nets: [10.0.0.1/24], ports: [0]}",
        "---",
        "apiVersion: projectcalico.org/v3",
        "kind: NetworkPolicy",
        "metadata: {name: p2}",
        "spec:",
        "  ingress: [{action: Allow, protocl: TCP}]",
        ""));
    CliRun r = CliRun.of("validate", "-f", f.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(r.err())
        .contains(f + ": document 1 (GlobalNetworkPolicy p1): spec.selector:")
        .contains("spec.ingress[0].destination.nets[0]: \"10.0.0.1/24\" has host bits set (use 10.0.0.0/24)")
        .contains("spec.ingress[0].destination.ports[0]:")
        .contains(f + ":15: document 2 (NetworkPolicy")
        .contains("spec.ingress[0].protocl: unknown field")
        .contains("4 problem(s)")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void readsStdinAndReportsNormalisedNetworkSetNets() {
    CliRun r = CliRun.withStdin(String.join("\n",
        "apiVersion: projectcalico.org/v3",
        "kind: GlobalNetworkSet",
        "metadata: {name: s}",
        "spec: {nets: [10.0.0.1/24]}", ""), "validate", "-f", "-");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("note: <stdin>: GlobalNetworkSet s: spec.nets[0]: 10.0.0.1/24 normalised to 10.0.0.0/24");
  }

  @Test
  void missingFileIsAClearError() {
    CliRun r = CliRun.of("validate", "-f", "/nonexistent/x.yaml");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(r.err()).isEqualTo("error: no such file or directory: /nonexistent/x.yaml" + System.lineSeparator());
  }

  @Test
  void hostileNamesCannotBreakTheOutputLine() {
    CliRun r = CliRun.withStdin(String.join("\n",
        "apiVersion: projectcalico.org/v3",
        "kind: GlobalNetworkSet",
        "metadata: {name: \"x\\n\\u001b[31mevil\"}",
        "spec: {nets: []}", ""), "validate", "-f", "-");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(r.err()).doesNotContain("\u001b").contains("metadata.name");
    assertThat(r.err().lines().filter(l -> l.contains("metadata.name")).count()).isEqualTo(1);
  }
}
