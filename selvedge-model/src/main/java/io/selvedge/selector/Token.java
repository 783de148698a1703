package io.selvedge.selector;

/**
 * One lexical token. {@code start}/{@code end} are char offsets into the selector text (end
 * exclusive); {@code value} is the label name or the string literal's content, else empty.
 */
record Token(Kind kind, String value, int start, int end) {

  enum Kind {
    LABEL, STRING, LBRACE, RBRACE, COMMA, EQ, NE, IN, NOT, NOT_IN, CONTAINS, STARTS_WITH,
    ENDS_WITH, ALL, HAS, LPAREN, RPAREN, AND, OR, GLOBAL, EOF
  }
}
