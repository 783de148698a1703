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
  private static final int MAX_QUOTED = 80;

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

  /** Double-quoted, with quotes, backslashes, control and format characters escaped; long input truncated. */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_QUOTED) + 8).append('"');
    int n = Math.min(s.length(), MAX_QUOTED);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (needsEscape(c)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
    if (s.length() > MAX_QUOTED) {
      b.insert(b.length() - 1, "...").append(" (").append(s.length()).append(" characters)");
    }
    return b.toString();
  }

  /** Control, line/paragraph separator and format (e.g. bidi override) characters. */
  static boolean needsEscape(char c) {
    int type = Character.getType(c);
    return Character.isISOControl(c) || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
  }
}
