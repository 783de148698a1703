package io.selvedge.cli;

/** The exit codes of the CLI contract (DESIGN.md). */
public final class ExitCode {
  private ExitCode() {}

  public static final int OK = 0;
  /** Invalid input or rejected change; nothing was changed. */
  public static final int INVALID = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 3;
  public static final int CONFLICT = 4;
}
