package io.selvedge.cli;

import picocli.CommandLine.Command;

/** The top-level {@code selvedge} command; each verb is a subcommand. */
@Command(
    name = "selvedge",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Calico-compatible network policy for Linux hosts, enforced with nftables.",
    subcommands = {WriteCommand.Apply.class, WriteCommand.Create.class, WriteCommand.Replace.class,
        DeleteCommand.class, GetCommand.class, LabelCommand.class, ValidateCommand.class, ExplainCommand.class,
        ImportCommand.class, VersionCommand.class,
        CompletionCommand.class, io.selvedge.agent.AgentCommand.class, io.selvedge.feeds.FeedsCommand.class,
        io.selvedge.lab.LabCommand.class,
        picocli.CommandLine.HelpCommand.class},
    footer = {"", "Examples:", "  selvedge validate -f examples/", "  selvedge apply -f examples/ && selvedge get gnp -o wide",
        "  selvedge --datastore etcd:http://10.0.0.1:2379 get gns"})
public final class SelvedgeCommand implements java.util.concurrent.Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin
  DatastoreSelection datastore = new DatastoreSelection();

  private final java.io.InputStream stdin;

  SelvedgeCommand(java.io.InputStream stdin) {
    this.stdin = stdin;
  }

  /** Opens the datastore the global options select (for commands outside this package). */
  public io.selvedge.store.Datastore openDatastore() {
    return datastore.open();
  }

  /** The global options that open the same datastore as {@code url} in a child process. */
  public java.util.List<String> datastoreArguments(io.selvedge.store.DatastoreUrl url) {
    return datastore.childArguments(url);
  }

  /** Where results go (stdout, or a test's buffer). */
  public java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Where problems, notes and progress go (stderr, or a test's buffer). */
  public java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Standard input, for {@code -f -}. */
  java.io.InputStream stdin() {
    return stdin;
  }

  @Override
  public Integer call() {
    // No command given: show what there is, and say it was a usage error.
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
