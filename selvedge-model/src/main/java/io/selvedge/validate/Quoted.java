package io.selvedge.validate;

/**
 * Renders user input for messages: double-quoted, with quotes, backslashes and control
 * characters escaped (a newline cannot start a fake line of output), and long values shortened
 * to their start plus their length.
 */
final class Quoted {
  private static final int MAX = 80;

  private Quoted() {}

  static String of(String s) {
    if (s == null) {
      return "null";
    }
    int n = Math.min(s.length(), MAX);
    StringBuilder b = new StringBuilder(n + 24).append('"');
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    if (s.length() > MAX) {
      b.append("...\" (").append(s.length()).append(" characters)");
    } else {
      b.append('"');
    }
    return b.toString();
  }
}
