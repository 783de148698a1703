package io.selvedge.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits selector text into tokens with Calico's lexical rules (spec §2.1,
 * {@code tokenizer.go}):
 *
 * <ul>
 *   <li>only space and TAB separate tokens; any other character outside a string literal that
 *       is not part of a token (newline included) is an error;
 *   <li>labels are runs of {@code A-Z a-z 0-9 _ . / -}, at most {@value #MAX_LABEL_LENGTH}
 *       long;
 *   <li>strings run from {@code "} or {@code '} to the next identical quote, with no escapes;
 *   <li>keyword operators ({@code contains}, {@code starts with}, {@code ends with},
 *       {@code not in}, {@code in}) are recognised only right after a label and must end at a
 *       word boundary; the words of a multi-word operator may be separated by zero or more
 *       blanks, so {@code startswith} and {@code notin} are operators;
 *   <li>{@code has(}, {@code all(} and {@code global(} are recognised where an operand starts,
 *       with no blank before the {@code (}; elsewhere these words are ordinary labels.
 * </ul>
 *
 * <p>Like Calico, the whole input is tokenized before parsing, so a lexical error anywhere wins
 * over a syntax error earlier in the text. O(n) in the length of the text. Stateless.
 */
final class Tokenizer {

  static final int MAX_LABEL_LENGTH = 512;

  private final String in;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private Tokenizer(String in) {
    this.in = in;
  }

  /** Tokenizes the whole text; the last token is always {@link Token.Kind#EOF}. */
  static List<Token> tokenize(String text) throws SelectorParseException {
    Tokenizer t = new Tokenizer(text);
    t.run();
    return t.tokens;
  }

  static boolean isLabelChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '/' || c == '-';
  }

  private void run() throws SelectorParseException {
    while (true) {
      skipBlanks();
      if (pos >= in.length()) {
        tokens.add(new Token(Token.Kind.EOF, "", pos, pos));
        return;
      }
      int start = pos;
      char c = in.charAt(pos);
      switch (c) {
        case '(':
          single(Token.Kind.LPAREN);
          break;
        case ')':
          single(Token.Kind.RPAREN);
          break;
        case '{':
          single(Token.Kind.LBRACE);
          break;
        case '}':
          single(Token.Kind.RBRACE);
          break;
        case ',':
          single(Token.Kind.COMMA);
          break;
        case '"':
        case '\'':
          string(c);
          break;
        case '=':
          pair('=', Token.Kind.EQ, "expected == (a single \"=\" is not an operator)");
          break;
        case '&':
          pair('&', Token.Kind.AND, "expected && (a single \"&\" is not an operator)");
          break;
        case '|':
          pair('|', Token.Kind.OR, "expected || (a single \"|\" is not an operator)");
          break;
        case '!':
          if (in.startsWith("!=", pos)) {
            pos += 2;
            tokens.add(new Token(Token.Kind.NE, "", start, pos));
          } else {
            single(Token.Kind.NOT);
          }
          break;
        default:
          if (lastKind() == Token.Kind.LABEL) {
            operatorAfterLabel();
          } else {
            operand();
          }
      }
    }
  }

  private void single(Token.Kind kind) {
    tokens.add(new Token(kind, "", pos, pos + 1));
    pos++;
  }

  private void pair(char c, Token.Kind kind, String problem) throws SelectorParseException {
    if (pos + 1 < in.length() && in.charAt(pos + 1) == c) {
      tokens.add(new Token(kind, "", pos, pos + 2));
      pos += 2;
    } else {
      throw error(pos, problem);
    }
  }

  private void string(char quote) throws SelectorParseException {
    int close = in.indexOf(quote, pos + 1);
    if (close < 0) {
      throw error(pos, "unterminated string (no closing " + quote + " after this one)");
    }
    tokens.add(new Token(Token.Kind.STRING, in.substring(pos + 1, close), pos, close + 1));
    pos = close + 1;
  }

  private void operatorAfterLabel() throws SelectorParseException {
    int start = pos;
    Token.Kind kind;
    if (cutWords("contains")) {
      kind = Token.Kind.CONTAINS;
    } else if (cutWords("starts", "with")) {
      kind = Token.Kind.STARTS_WITH;
    } else if (cutWords("ends", "with")) {
      kind = Token.Kind.ENDS_WITH;
    } else if (cutWords("not", "in")) {
      kind = Token.Kind.NOT_IN;
    } else if (cutWords("in")) {
      kind = Token.Kind.IN;
    } else {
      String label = tokens.get(tokens.size() - 1).value();
      throw error(pos, "expected an operator after label " + SelectorEcho.quote(label)
          + ", found " + SelectorEcho.describeAt(in, pos));
    }
    tokens.add(new Token(kind, "", start, pos));
  }

  /**
   * Consumes the words if they are next, each followed by optional blanks, and the last one
   * followed by a word boundary (end of input or a non-label character). As in Calico, blanks
   * are skipped after every word of a multi-word operator, the last one included, before the
   * boundary check: {@code a starts with x} therefore fails here ("expected an operator") while
   * {@code a contains x} fails in the parser ("expected a string"). Both are invalid.
   */
  private boolean cutWords(String... words) {
    int p = pos;
    for (int i = 0; i < words.length; i++) {
      if (!in.startsWith(words[i], p)) {
        return false;
      }
      p += words[i].length();
      if (words.length > 1) {
        p = skipBlanks(p);
      }
    }
    if (p < in.length() && isLabelChar(in.charAt(p))) {
      return false;
    }
    pos = p;
    return true;
  }

  private void operand() throws SelectorParseException {
    int start = pos;
    if (in.startsWith("has(", pos)) {
      pos = skipBlanks(pos + 4);
      String label = label("has(");
      pos = skipBlanks(pos);
      closeParen("has(");
      tokens.add(new Token(Token.Kind.HAS, label, start, pos));
    } else if (in.startsWith("all(", pos)) {
      pos = skipBlanks(pos + 4);
      closeParen("all(");
      tokens.add(new Token(Token.Kind.ALL, "", start, pos));
    } else if (in.startsWith("global(", pos)) {
      pos = skipBlanks(pos + 7);
      closeParen("global(");
      tokens.add(new Token(Token.Kind.GLOBAL, "", start, pos));
    } else {
      String label = label(null);
      tokens.add(new Token(Token.Kind.LABEL, label, start, pos));
    }
  }

  private void closeParen(String function) throws SelectorParseException {
    if (pos < in.length() && in.charAt(pos) == ')') {
      pos++;
      return;
    }
    throw error(pos, "no closing ')' after " + function + ", found "
        + SelectorEcho.describeAt(in, pos));
  }

  private String label(String function) throws SelectorParseException {
    int start = pos;
    int end = start;
    while (end < in.length() && isLabelChar(in.charAt(end))) {
      end++;
    }
    if (end == start) {
      String expected = function == null
          ? "a label, has(...), all(), global(), \"!\" or \"(\""
          : "a label in " + function + ")";
      throw error(start, "expected " + expected + ", found " + SelectorEcho.describeAt(in, start));
    }
    if (end - start > MAX_LABEL_LENGTH) {
      throw error(start, "label too long (" + (end - start) + " characters, at most "
          + MAX_LABEL_LENGTH + ")");
    }
    pos = end;
    return in.substring(start, end);
  }

  private Token.Kind lastKind() {
    return tokens.isEmpty() ? null : tokens.get(tokens.size() - 1).kind();
  }

  private void skipBlanks() {
    pos = skipBlanks(pos);
  }

  private int skipBlanks(int p) {
    while (p < in.length() && (in.charAt(p) == ' ' || in.charAt(p) == '\t')) {
      p++;
    }
    return p;
  }

  private SelectorParseException error(int index, String problem) {
    return new SelectorParseException(in, index, problem);
  }
}
