package io.selvedge.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * One help layout for every command, applied to the whole command tree when the CLI starts, so
 * a command added later gets it without doing anything: {@code -h/--help} on every command,
 * man-style sections (usage synopsis, description, Arguments, Options, Commands, Exit codes,
 * Examples) and the exit codes of the CLI contract. A command's own exit-code list, if it
 * declares one, is kept. Examples are each command's {@code footer}; {@code HelpStyleTest}
 * checks that every command has one.
 *
 * <p>The global datastore options ({@code --datastore}, {@code --ca}, {@code --cert},
 * {@code --key}) are inherited by every command; the commands in {@link #OFFLINE} never open a
 * datastore, so there they are hidden from the help (still accepted, so a habitual
 * {@code --datastore} does not turn into a usage error).
 */
final class HelpStyle {
  private HelpStyle() {}

  /** Commands that never open a datastore. */
  static final java.util.Set<String> OFFLINE = java.util.Set.of("validate", "version", "completion", "help");

  /** The exit codes of the CLI contract, as the Exit codes section lists them. */
  static final Map<String, String> EXIT_CODES = exitCodes();

  private static Map<String, String> exitCodes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("0", "ok");
    m.put("1", "invalid input or rejected change; nothing was changed");
    m.put("2", "usage error");
    m.put("3", "datastore unreachable");
    m.put("4", "conflict: changed by someone else since it was read (resourceVersion)");
    return m;
  }

  /** Applies the layout to {@code cl} and all its subcommands, at any depth. */
  static void apply(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    if (spec.optionsMap().get("--help") == null && spec.optionsMap().get("-h") == null) {
      spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
          .description("Show this help message and exit.").build());
    }
    if (OFFLINE.contains(spec.name()) && spec.parent() != null) {
      hideInherited(spec);
    }
    UsageMessageSpec u = spec.usageMessage();
    u.descriptionHeading("%n");
    u.parameterListHeading("%nArguments:%n");
    u.optionListHeading("%nOptions:%n");
    u.commandListHeading("%nCommands:%n");
    boolean helpCommand = spec.userObject() instanceof CommandLine.HelpCommand;
    if (helpCommand) {
      // picocli's own text has a header and blank lines that do not fit the layout
      u.header(new String[0]);
      u.synopsisHeading("Usage: ");
      u.description("Print the help of COMMAND (the same as selvedge COMMAND --help), or of selvedge.");
    }
    if (helpCommand && u.footer().length == 0) {
      u.footer("", "Examples:", "  selvedge help get", "  selvedge help   # the same as selvedge --help");
    }
    if (!helpCommand && u.exitCodeList().isEmpty()) {
      u.exitCodeList(EXIT_CODES);
    }
    if (!u.exitCodeList().isEmpty()) {
      u.exitCodeListHeading("%nExit codes:%n");
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      apply(sub);
    }
  }

  private static void hideInherited(CommandSpec spec) {
    for (OptionSpec o : new java.util.ArrayList<>(spec.options())) {
      if (o.inherited() && !o.hidden()) {
        spec.remove(o);
        spec.addOption(o.toBuilder().hidden(true).build());
      }
    }
  }
}
