package io.selvedge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code selvedge import}: groups the importers; today {@code import netset}. */
@Command(name = "import", description = "Import outside data into resources.",
    subcommands = {ImportNetsetCommand.class},
    footer = {"", "Example:", "  selvedge import netset embargo --country CU,IR,KP,SY --label deny=true"})
final class ImportCommand implements Callable<Integer> {
  @ParentCommand
  SelvedgeCommand parent;

  @Spec
  CommandSpec spec;

  @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  boolean help;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
