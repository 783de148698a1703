package io.selvedge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code selvedge completion bash|zsh}: the script parses, knows every command, and completes
 * commands, KIND arguments, option values and file names when bash runs it.
 */
class CompletionCommandTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh"})
  void printsAScriptThatKnowsEveryCommand(String shell) throws Exception {
    CliRun r = CliRun.of("completion", shell);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    HelpStyleTest.commands().filter(path -> !path.isEmpty()).forEach(path ->
        assertThat(r.out()).contains("_picocli_selvedge_" + String.join("_", path) + "()"));
    assertThat(r.out()).contains("_picocli_selvedge_get()").contains("_picocli_selvedge_completion()");
    assertThat(r.out()).contains("complete -F _complete_selvedge")
        .contains("bashcompinit"); // what makes it work in zsh
  }

  @Test
  void theScriptIsValidBash() throws Exception {
    Path script = write(CliRun.of("completion", "bash").out());
    Result check = run(List.of("bash", "-n", script.toString()));
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.err()).isEmpty();
  }

  @Test
  void theScriptIsValidZshWhenZshIsThere() throws Exception {
    assumeThat(onPath("zsh")).as("zsh is installed").isTrue();
    Path script = write(CliRun.of("completion", "zsh").out());
    Result check = run(List.of("zsh", "-n", script.toString()));
    assertThat(check.exit()).as(check.err()).isZero();
  }

  @Test
  void bashCompletesCommandsKindsOptionValuesAndFiles() throws Exception {
    Path script = write(CliRun.of("completion", "bash").out());
    Files.createDirectory(dir.resolve("examples"));
    String driver = String.join("\n",
        "source " + script,
        "compopt() { :; }  # only works inside a real completion",
        "t() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE=\"$*\";",
        "  COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _complete_selvedge; echo \"${COMPREPLY[*]}\"; }",
        "cd " + dir,
        "t selvedge ge",
        "t selvedge get glo",
        "t selvedge label h",
        "t selvedge get gnp -o y",
        "t selvedge apply -f exa",
        "t selvedge completion z",
        "t selvedge get --all",
        "");
    Result r = run(List.of("bash", "-c", driver));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines()).containsExactly(
        "get",
        "globalnetworkpolicy globalnetworkset globalthreatfeed",
        "hostendpoint hep",
        "yaml",
        "examples",
        "zsh",
        "--all-namespaces");
  }

  @Test
  void anUnknownShellIsAUsageError() {
    CliRun r = CliRun.of("completion", "fish");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("fish").contains("bash or zsh");
    assertThat(r.out()).isEmpty();
  }

  private Path write(String script) throws IOException {
    Path p = Files.createTempFile(dir, "completion", ".sh");
    Files.writeString(p, script);
    return p;
  }

  private record Result(int exit, String out, String err) {}

  private Result run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }
}
