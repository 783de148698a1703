package io.selvedge.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for Calico's selector grammar (spec §2.2, {@code parser.go}):
 *
 * <pre>
 * selector := blanks                              -> all()
 *           | or EOF
 * or       := and { "||" and }
 * and      := unary { "&amp;&amp;" unary }
 * unary    := { "!" } primary                     -- parity of the '!' run decides
 * primary  := has(LABEL) | all() | global()
 *           | LABEL ("==" | "!=" | contains | starts with | ends with) STRING
 *           | LABEL (in | not in) "{" [ STRING { "," STRING } [ "," ] ] "}"
 *           | "(" or ")"
 * </pre>
 *
 * <p>A single operand is returned as itself, two or more as an n-ary {@link Node.And} or
 * {@link Node.Or}; parenthesised groups are kept as written (not flattened). Parentheses may
 * nest at most {@link Selector#MAX_NESTING} deep, which bounds the recursion. O(n) in the
 * number of tokens plus sorting of set literals. One instance per parse; not thread-safe.
 */
final class Parser {

  private final String text;
  private final List<Token> tokens;
  private int pos;
  private int depth;

  private Parser(String text, List<Token> tokens) {
    this.text = text;
    this.tokens = tokens;
  }

  static Node parse(String text) throws SelectorParseException {
    List<Token> tokens = Tokenizer.tokenize(text);
    if (tokens.get(0).kind() == Token.Kind.EOF) {
      return new Node.All();
    }
    Parser p = new Parser(text, tokens);
    Node root = p.or();
    Token rest = p.peek();
    if (rest.kind() != Token.Kind.EOF) {
      throw p.error(rest, "unexpected content at end of selector: " + p.describe(rest)
          + hintForTrailing(rest.kind()));
    }
    return root;
  }

  private Node or() throws SelectorParseException {
    Node first = and();
    if (peek().kind() != Token.Kind.OR) {
      return first;
    }
    List<Node> operands = new ArrayList<>();
    operands.add(first);
    while (peek().kind() == Token.Kind.OR) {
      pos++;
      operands.add(and());
    }
    return new Node.Or(operands);
  }

  private Node and() throws SelectorParseException {
    Node first = unary();
    if (peek().kind() != Token.Kind.AND) {
      return first;
    }
    List<Node> operands = new ArrayList<>();
    operands.add(first);
    while (peek().kind() == Token.Kind.AND) {
      pos++;
      operands.add(unary());
    }
    return new Node.And(operands);
  }

  private Node unary() throws SelectorParseException {
    boolean negated = false;
    while (peek().kind() == Token.Kind.NOT) {
      negated = !negated;
      pos++;
    }
    Node operand = primary();
    return negated ? new Node.Not(operand) : operand;
  }

  private Node primary() throws SelectorParseException {
    Token t = next();
    switch (t.kind()) {
      case HAS:
        return new Node.Has(t.value());
      case ALL:
        return new Node.All();
      case GLOBAL:
        return new Node.Global();
      case LABEL:
        return labelOperation(t);
      case LPAREN:
        return group(t);
      default:
        throw error(t, "expected a label, has(...), all(), global(), \"!\" or \"(\", found "
            + describe(t));
    }
  }

  private Node group(Token open) throws SelectorParseException {
    if (++depth > Selector.MAX_NESTING) {
      throw error(open, "parentheses nested too deeply (at most " + Selector.MAX_NESTING
          + " levels)");
    }
    Node inner = or();
    Token close = peek();
    if (close.kind() != Token.Kind.RPAREN) {
      throw error(close, "expected ) to close the ( at column " + column(open) + ", found "
          + describe(close));
    }
    pos++;
    depth--;
    return inner;
  }

  private Node labelOperation(Token label) throws SelectorParseException {
    String name = label.value();
    Token op = next();
    switch (op.kind()) {
      case EQ:
        return new Node.LabelEquals(name, string(op));
      case NE:
        return new Node.LabelNotEquals(name, string(op));
      case CONTAINS:
        return new Node.LabelContains(name, string(op));
      case STARTS_WITH:
        return new Node.LabelStartsWith(name, string(op));
      case ENDS_WITH:
        return new Node.LabelEndsWith(name, string(op));
      case IN:
        return new Node.LabelIn(name, set(op));
      case NOT_IN:
        return new Node.LabelNotIn(name, set(op));
      default:
        String hint = op.kind() == Token.Kind.LPAREN && isFunctionName(name)
            ? " (write " + name + "( with no blank before the \"(\")"
            : "";
        throw error(op, "expected an operator (==, !=, in, not in, contains, starts with, "
            + "ends with) after label " + SelectorEcho.quote(name) + ", found " + describe(op)
            + hint);
    }
  }

  private String string(Token op) throws SelectorParseException {
    Token t = next();
    if (t.kind() != Token.Kind.STRING) {
      throw error(t, "expected a quoted string after " + source(op) + ", found " + describe(t));
    }
    return t.value();
  }

  private ValueSet set(Token op) throws SelectorParseException {
    Token open = next();
    if (open.kind() != Token.Kind.LBRACE) {
      throw error(open, "expected a set literal {...} after " + source(op) + ", found "
          + describe(open));
    }
    List<String> values = new ArrayList<>();
    while (peek().kind() == Token.Kind.STRING) {
      values.add(next().value());
      if (peek().kind() != Token.Kind.COMMA) {
        break;
      }
      pos++;
    }
    Token close = peek();
    if (close.kind() != Token.Kind.RBRACE) {
      throw error(close, "expected } to close the set literal, found " + describe(close));
    }
    pos++;
    return ValueSet.of(values);
  }

  private static String hintForTrailing(Token.Kind kind) {
    switch (kind) {
      case RPAREN:
        return " has no matching \"(\"";
      case LABEL:
      case HAS:
      case ALL:
      case GLOBAL:
      case NOT:
      case LPAREN:
      case STRING:
        return " (missing && or || before it?)";
      default:
        return "";
    }
  }

  private static boolean isFunctionName(String name) {
    return name.equals("has") || name.equals("all") || name.equals("global");
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    // Never steps past EOF without the caller throwing: every branch that consumes EOF fails.
    return tokens.get(pos++);
  }

  private String source(Token t) {
    return text.substring(t.start(), t.end());
  }

  private String describe(Token t) {
    switch (t.kind()) {
      case EOF:
        return "end of selector";
      case STRING:
        return "string " + SelectorEcho.escape(SelectorEcho.cut(source(t)));
      default:
        return SelectorEcho.quote(source(t));
    }
  }

  private int column(Token t) {
    return text.codePointCount(0, t.start()) + 1;
  }

  private SelectorParseException error(Token at, String problem) {
    return new SelectorParseException(text, at.start(), problem);
  }
}
