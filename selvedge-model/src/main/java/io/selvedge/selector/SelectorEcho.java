package io.selvedge.selector;

/**
 * Renders selector text for error messages so that it is safe to print on a terminal and the
 * caret under it lines up: control characters, invisible format characters (bidi overrides,
 * zero-width spaces), line separators, unusual spaces and lone surrogates are shown as escapes
 * such as {@code \n} or {@code \u202e}. Long selectors are cut to a window around the error.
 *
 * <p>The caret is placed by counting code points, so it lines up on terminals where every
 * character is one cell wide (wide CJK and emoji characters push it left). Stateless.
 */
final class SelectorEcho {

  /** Selectors up to this many code points are echoed whole. */
  private static final int WHOLE_LIMIT = 100;
  /** Otherwise this many code points are shown on each side of the error. */
  private static final int CONTEXT = 40;
  /** Quoted fragments inside a problem description are cut to this many code points. */
  private static final int QUOTE_LIMIT = 60;

  private SelectorEcho() {}

  /**
   * Two lines: the (escaped, possibly windowed) selector and a caret under the character at
   * {@code index} (a char offset; {@code index == text.length()} points just past the end).
   * Each line is indented by two spaces.
   */
  static String caretBlock(String text, int index) {
    int from = 0;
    int to = text.length();
    if (text.codePointCount(0, text.length()) > WHOLE_LIMIT) {
      from = back(text, index, CONTEXT);
      to = forward(text, index, CONTEXT);
    }
    StringBuilder line = new StringBuilder("  ");
    if (from > 0) {
      line.append("...");
    }
    String before = escape(text.substring(from, index));
    int caretColumn = line.length() + before.codePointCount(0, before.length());
    line.append(before).append(escape(text.substring(index, to)));
    if (to < text.length()) {
      line.append("...");
    }
    return line + "\n" + " ".repeat(caretColumn) + "^";
  }

  /** {@code "text"}, escaped and cut to a readable length. */
  static String quote(String text) {
    return '"' + escape(cut(text)) + '"';
  }

  /** Escapes characters that would be invisible or would move the cursor on a terminal. */
  static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      String esc = escape(cp);
      if (esc != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (esc != null) {
          out.append(esc);
        } else {
          out.appendCodePoint(cp);
        }
      }
      i += Character.charCount(cp);
    }
    return out == null ? text : out.toString();
  }

  /**
   * Describes what is at {@code index} for a "found ..." clause: the end, a named blank, a
   * control character, or the label-character word or single character there.
   */
  static String describeAt(String text, int index) {
    if (index >= text.length()) {
      return "end of selector";
    }
    int cp = text.codePointAt(index);
    if (cp == '\n') {
      return "a newline (only space and tab may separate tokens)";
    }
    if (cp == '\r') {
      return "a carriage return (only space and tab may separate tokens)";
    }
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return "the blank " + quote(new String(Character.toChars(cp)))
          + " (only space and tab may separate tokens)";
    }
    if (escape(cp) != null) {
      return "the character " + escape(cp);
    }
    int end = index;
    while (end < text.length() && Tokenizer.isLabelChar(text.charAt(end))) {
      end++;
    }
    if (end == index) {
      end = index + Character.charCount(cp);
    }
    return quote(text.substring(index, end));
  }

  private static String escape(int cp) {
    switch (cp) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case 0:
        return "\\0";
      default:
        break;
    }
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      return String.format("\\x%02x", cp);
    }
    if (cp == ' ') {
      return null;
    }
    switch (Character.getType(cp)) {
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SPACE_SEPARATOR:
      case Character.SURROGATE:
      case Character.UNASSIGNED:
        return cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp);
      default:
        return null;
    }
  }

  /** The text cut to a readable length, with {@code ...} when cut. */
  static String cut(String text) {
    if (text.codePointCount(0, text.length()) <= QUOTE_LIMIT) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, QUOTE_LIMIT)) + "...";
  }

  private static int back(String text, int index, int codePoints) {
    int i = index;
    for (int k = 0; k < codePoints && i > 0; k++) {
      i = text.offsetByCodePoints(i, -1);
    }
    return i;
  }

  private static int forward(String text, int index, int codePoints) {
    int i = index;
    for (int k = 0; k < codePoints && i < text.length(); k++) {
      i = text.offsetByCodePoints(i, 1);
    }
    return i;
  }
}
