package io.selvedge.cli;

/** A failure the user can act on: printed as one line, never with a stack trace. */
public final class UserError extends RuntimeException {
  private final int exitCode;

  public UserError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
