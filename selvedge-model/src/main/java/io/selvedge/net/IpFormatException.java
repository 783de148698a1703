package io.selvedge.net;

/**
 * Text that is not an IP address or CIDR as Selvedge accepts them. {@link #input()} is the
 * offending text, {@link #reason()} says what is wrong with it, and the message quotes the input
 * with control characters escaped, so it can be printed safely.
 *
 * <p>The stack trace is not filled in: a rejected address is a user-input outcome that the
 * validator turns into a violation, and a list of a million bad entries must stay cheap.
 */
public final class IpFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final String reason;

  public IpFormatException(String input, String reason) {
    super(quote(input) + ": " + reason);
    this.input = input;
    this.reason = reason;
  }

  /** The text that failed to parse, as given. */
  public String input() {
    return input;
  }

  /** What is wrong, without the input, e.g. {@code prefix length 33 is out of range (IPv4: 0-32)}. */
  public String reason() {
    return reason;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /** Double-quoted and escaped, the one way user text is shown ({@link io.selvedge.model.UserText}). */
  static String quote(String s) {
    return io.selvedge.model.UserText.quoted(s);
  }
}
