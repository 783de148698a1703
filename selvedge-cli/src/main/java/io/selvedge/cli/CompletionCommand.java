package io.selvedge.cli;

import io.selvedge.model.UserText;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code selvedge completion bash|zsh}: prints a shell completion script for every command and
 * option, the values of options that list them ({@code get -o}), KIND arguments ({@link KindNames})
 * and file names after options whose value is a file ({@code -f PATH|-}).
 *
 * <p>The script is picocli's bash completion ({@link AutoComplete}); zsh runs the same script
 * through {@code bashcompinit}, which the script loads itself when zsh sources it. picocli
 * completes file names only for options typed {@code File} or {@code Path}; our file options
 * are strings (they also take {@code -} or a URL), so the script is adjusted to complete file
 * names for options whose parameter label says {@code PATH} or {@code FILE}.
 */
@Command(name = "completion", description = "Print a shell completion script (bash or zsh).",
    exitCodeList = {"0:ok", "2:usage error (e.g. an unknown shell)"},
    footer = {"", "Examples:",
        "  source <(selvedge completion bash)                          # this shell only",
        "  selvedge completion bash > /etc/bash_completion.d/selvedge  # every new bash",
        "  echo 'source <(selvedge completion zsh)' >> ~/.zshrc        # every new zsh"})
final class CompletionCommand implements Callable<Integer> {
  static final List<String> SHELLS = List.of("bash", "zsh");

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", completionCandidates = Shells.class, description = "bash or zsh")
  String shell;

  /** The shells we print scripts for (also the completions of SHELL). */
  static final class Shells implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return SHELLS.iterator();
    }
  }

  @Override
  public Integer call() {
    if (!SHELLS.contains(shell.toLowerCase(Locale.ROOT))) {
      throw new UserError(ExitCode.USAGE, "no completion for shell \"" + UserText.escapeControls(shell)
          + "\" (use bash or zsh)");
    }
    spec.commandLine().getOut().print(script(spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  /** The completion script for the command tree of {@code root} (the same for bash and zsh). */
  static String script(CommandLine root) {
    String script = AutoComplete.bash(root.getCommandName(), root);
    Set<String> fileOptions = new HashSet<>();
    Set<String> otherOptions = new HashSet<>();
    collectOptions(root, fileOptions, otherOptions);
    fileOptions.removeAll(otherOptions); // the same names mean something else somewhere: leave them
    for (String label : fileOptions) {
      script = script.replace("    " + label + ")\n      return\n      ;;",
          "    " + label + ")\n"
              + "      local IFS=$'\\n'\n"
              + "      type compopt &>/dev/null && compopt -o filenames\n"
              + "      COMPREPLY=( $( compgen -f -- \"${curr_word}\" ) ) # files\n"
              + "      return $?\n"
              + "      ;;");
    }
    return script;
  }

  /** The case labels ({@code '-f'|'--filename'}) of string options that take a file, and of all others. */
  private static void collectOptions(CommandLine cl, Set<String> files, Set<String> others) {
    for (OptionSpec o : cl.getCommandSpec().options()) {
      if (o.arity().max() == 0) {
        continue;
      }
      String label = "'" + String.join("'|'", o.names()) + "'";
      String param = o.paramLabel() == null ? "" : o.paramLabel();
      boolean fileLike = o.type() == String.class || List.class.isAssignableFrom(o.type())
          && o.auxiliaryTypes().length > 0 && o.auxiliaryTypes()[0] == String.class;
      if (fileLike && (param.startsWith("PATH") || param.startsWith("FILE"))) {
        files.add(label);
      } else {
        others.add(label);
      }
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      collectOptions(sub, files, others);
    }
  }
}
