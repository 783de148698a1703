package io.selvedge.selector;

import java.util.List;

/**
 * Prints a tree in Calico's canonical form ({@code String()} in {@code ast.go}, spec §2.4):
 *
 * <ul>
 *   <li>{@code label OP "value"} with single spaces around the operator word; a value is
 *       double-quoted unless it contains {@code "}, then single-quoted;
 *   <li>sets print their members in byte order, de-duplicated, separated by {@code ", "};
 *   <li>{@code !} is printed directly before its operand, without parentheses of its own;
 *   <li>every n-ary {@code &&}/{@code ||} node is wrapped in parentheses, even at top level.
 * </ul>
 *
 * <p>O(size of the output). One instance per print; not thread-safe.
 */
final class CanonicalPrinter implements NodeVisitor<Void> {

  private final StringBuilder out = new StringBuilder();

  private CanonicalPrinter() {}

  static String print(Node node) {
    CanonicalPrinter p = new CanonicalPrinter();
    node.accept(p);
    return p.out.toString();
  }

  @Override
  public Void visitLabelEquals(Node.LabelEquals n) {
    return comparison(n.label(), " == ", n.value());
  }

  @Override
  public Void visitLabelNotEquals(Node.LabelNotEquals n) {
    return comparison(n.label(), " != ", n.value());
  }

  @Override
  public Void visitLabelContains(Node.LabelContains n) {
    return comparison(n.label(), " contains ", n.value());
  }

  @Override
  public Void visitLabelStartsWith(Node.LabelStartsWith n) {
    return comparison(n.label(), " starts with ", n.value());
  }

  @Override
  public Void visitLabelEndsWith(Node.LabelEndsWith n) {
    return comparison(n.label(), " ends with ", n.value());
  }

  @Override
  public Void visitLabelIn(Node.LabelIn n) {
    return set(n.label(), " in {", n.values());
  }

  @Override
  public Void visitLabelNotIn(Node.LabelNotIn n) {
    return set(n.label(), " not in {", n.values());
  }

  @Override
  public Void visitHas(Node.Has n) {
    out.append("has(").append(n.label()).append(')');
    return null;
  }

  @Override
  public Void visitAll(Node.All n) {
    out.append("all()");
    return null;
  }

  @Override
  public Void visitGlobal(Node.Global n) {
    out.append("global()");
    return null;
  }

  @Override
  public Void visitNot(Node.Not n) {
    out.append('!');
    return n.operand().accept(this);
  }

  @Override
  public Void visitAnd(Node.And n) {
    return group(n.operands(), " && ");
  }

  @Override
  public Void visitOr(Node.Or n) {
    return group(n.operands(), " || ");
  }

  private Void comparison(String label, String op, String value) {
    out.append(label).append(op);
    quoted(value);
    return null;
  }

  private Void set(String label, String op, ValueSet values) {
    out.append(label).append(op);
    boolean first = true;
    for (String v : values) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      quoted(v);
    }
    out.append('}');
    return null;
  }

  private Void group(List<Node> operands, String separator) {
    out.append('(');
    for (int i = 0; i < operands.size(); i++) {
      if (i > 0) {
        out.append(separator);
      }
      operands.get(i).accept(this);
    }
    out.append(')');
    return null;
  }

  private void quoted(String value) {
    char quote = value.indexOf('"') >= 0 ? '\'' : '"';
    out.append(quote).append(value).append(quote);
  }
}
