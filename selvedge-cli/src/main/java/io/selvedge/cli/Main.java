package io.selvedge.cli;

import picocli.CommandLine;

/**
 * Entry point of the {@code selvedge} command. Wires picocli to our exit codes and makes sure
 * no stack trace ever reaches a user: unexpected failures print one line and exit 1.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this directly). */
  public static int run(String... args) {
    return run(System.in, new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs with explicit streams, so tests can drive the CLI in-process. */
  public static int run(java.io.InputStream stdin, java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new SelvedgeCommand(stdin));
    HelpStyle.apply(cl);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof UserError ue) {
        cmd.getErr().println("error: " + ue.getMessage());
        return ue.exitCode();
      }
      if (ex instanceof io.selvedge.store.DatastoreException de) {
        cmd.getErr().println("error: " + de.getMessage());
        return StoreErrors.exitCode(de);
      }
      cmd.getErr().println("error: internal failure: " + ex
          + " (set SELVEDGE_DEBUG=1 to see where)");
      if (System.getenv("SELVEDGE_DEBUG") != null) {
        ex.printStackTrace(cmd.getErr());
      }
      return ExitCode.INVALID;
    });
    cl.setParameterExceptionHandler((ex, strings) -> {
      CommandLine cmd = ex.getCommandLine();
      cmd.getErr().println("error: " + ex.getMessage());
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCode.USAGE;
    });
    return cl.execute(args);
  }
}
