package io.selvedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Walks every command and subcommand, at any depth, and checks that {@code --help} works and
 * reads like the others: exit 0, a man-style synopsis, a description, options, exit codes and at
 * least one example that runs that very command. A command added without an example fails here.
 */
class HelpStyleTest {

  /** Every command path, e.g. ["get"], ["import", "netset"]; [] is selvedge itself. */
  static Stream<List<String>> commands() {
    CommandLine root = new CommandLine(new SelvedgeCommand(new ByteArrayInputStream(new byte[0])));
    HelpStyle.apply(root);
    List<List<String>> out = new ArrayList<>();
    walk(root, new ArrayList<>(), out);
    return out.stream();
  }

  private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    for (var e : cl.getSubcommands().entrySet()) {
      if (!e.getKey().equals(e.getValue().getCommandName())) {
        continue; // an alias
      }
      List<String> sub = new ArrayList<>(path);
      sub.add(e.getKey());
      walk(e.getValue(), sub, out);
    }
  }

  @ParameterizedTest(name = "selvedge {0} --help")
  @MethodSource("commands")
  void everyCommandHasAManStyleHelpWithAnExample(List<String> path) {
    String command = String.join(" ", prepend("selvedge", path));
    CliRun r = CliRun.of(append(path, "--help"));

    assertThat(r.exitCode()).as(r.err()).isZero();
    String help = r.out();
    assertThat(help).startsWith("Usage: " + command);
    String[] blocks = help.split("\\R\\R");
    assertThat(blocks.length).as("synopsis, description, ... separated by blank lines:%n%s", help).isGreaterThanOrEqualTo(4);
    assertThat(blocks[1].strip()).as("description of %s", command).isNotEmpty().doesNotStartWith("Arguments:")
        .doesNotStartWith("Options:");
    assertThat(help).contains("\nOptions:\n").contains("-h, --help");
    if (!path.equals(List.of("help"))) {
      assertThat(help).contains("\nExit codes:\n  0   ");
    }
    int examples = Math.max(help.lastIndexOf("\nExamples:\n"), help.lastIndexOf("\nExample:\n"));
    assertThat(examples).as("an Example(s): section in the help of %s", command).isPositive();
    assertThat(help.substring(examples).lines().skip(2))
        .as("an example that runs %s:%n%s", command, help.substring(examples))
        .anyMatch(line -> line.startsWith("  ") && (line.contains(command + " ") || line.endsWith(command)));
  }

  @org.junit.jupiter.api.Test
  void examplesFitTheHelpWidthSoTheyAreNotWrapped() {
    CommandLine root = new CommandLine(new SelvedgeCommand(new ByteArrayInputStream(new byte[0])));
    HelpStyle.apply(root);
    List<CommandLine> all = new ArrayList<>();
    collect(root, all);
    for (CommandLine cl : all) {
      int width = cl.getCommandSpec().usageMessage().width();
      assertThat(cl.getCommandSpec().usageMessage().footer())
          .as("footer lines of %s (wider lines wrap in the middle of a command)", cl.getCommandSpec().qualifiedName())
          .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
    }
  }

  private static void collect(CommandLine cl, List<CommandLine> out) {
    out.add(cl);
    cl.getSubcommands().values().forEach(sub -> collect(sub, out));
  }

  @ParameterizedTest(name = "selvedge help {0}")
  @MethodSource("commands")
  void helpCommandPrintsTheSameHelp(List<String> path) {
    if (path.size() != 1) {
      return; // picocli's help command takes one level
    }
    assertThat(CliRun.of("help", path.get(0)).out()).isEqualTo(CliRun.of(path.get(0), "--help").out());
  }

  @org.junit.jupiter.api.Test
  void offlineCommandsHideTheDatastoreOptionsButStillAcceptThem() {
    assertThat(CliRun.of("validate", "--help").out()).doesNotContain("--datastore").doesNotContain("--ca");
    assertThat(CliRun.of("get", "--help").out()).contains("--datastore=URL").contains("--ca=FILE");
    assertThat(CliRun.of("version", "--datastore", "sqlite:/nonexistent/x.db").exitCode()).isZero();
  }

  private static String[] append(List<String> path, String arg) {
    List<String> all = new ArrayList<>(path);
    all.add(arg);
    return all.toArray(String[]::new);
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
