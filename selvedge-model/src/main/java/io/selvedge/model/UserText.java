package io.selvedge.model;

/**
 * Renders user input for messages and terminals (the one place that does so): double-quoted, with quotes, backslashes, control and
 * format characters escaped (a newline cannot start a fake line of output, a bidi override
 * cannot reorder it), and long values shortened to their start plus their length.
 */
public final class UserText {
  private static final int MAX = 80;

  private UserText() {}

  /** {@code s} double-quoted and escaped, shortened past 80 characters. */
  public static String quoted(String s) {
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
          if (needsEscape(c)) {
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

  /** {@code s} with control and format characters escaped, not quoted: for text from other parsers. */
  public static String escapeControls(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (needsEscape(c)) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append(String.format("\\u%04x", (int) c));
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * Control characters, line and paragraph separators, and format characters (which include the
   * bidirectional overrides that can make printed text read differently from what it is).
   */
  public static boolean needsEscape(char c) {
    int type = Character.getType(c);
    return Character.isISOControl(c) || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
  }
}
