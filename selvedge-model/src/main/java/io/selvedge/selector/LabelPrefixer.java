package io.selvedge.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a tree with a prefix added to the label of every label-bearing node, as Calico's
 * {@code PrefixVisitor} does (used with {@code pcns.} / {@code pcsa.} for namespace and
 * service-account selectors, spec §3.2–3.3). {@code all()} and {@code global()} are unchanged.
 * O(size of the tree). Stateless apart from the prefix; thread-safe.
 */
final class LabelPrefixer implements NodeVisitor<Node> {

  private final String prefix;

  LabelPrefixer(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Node visitLabelEquals(Node.LabelEquals n) {
    return prefixed(n);
  }

  @Override
  public Node visitLabelNotEquals(Node.LabelNotEquals n) {
    return prefixed(n);
  }

  @Override
  public Node visitLabelContains(Node.LabelContains n) {
    return prefixed(n);
  }

  @Override
  public Node visitLabelStartsWith(Node.LabelStartsWith n) {
    return prefixed(n);
  }

  @Override
  public Node visitLabelEndsWith(Node.LabelEndsWith n) {
    return prefixed(n);
  }

  @Override
  public Node visitLabelIn(Node.LabelIn n) {
    return prefixed(n);
  }

  @Override
  public Node visitLabelNotIn(Node.LabelNotIn n) {
    return prefixed(n);
  }

  @Override
  public Node visitHas(Node.Has n) {
    return prefixed(n);
  }

  @Override
  public Node visitAll(Node.All n) {
    return n;
  }

  @Override
  public Node visitGlobal(Node.Global n) {
    return n;
  }

  @Override
  public Node visitNot(Node.Not n) {
    return new Node.Not(n.operand().accept(this));
  }

  @Override
  public Node visitAnd(Node.And n) {
    return new Node.And(each(n.operands()));
  }

  @Override
  public Node visitOr(Node.Or n) {
    return new Node.Or(each(n.operands()));
  }

  private Node prefixed(Node.LabelTest n) {
    return n.withLabel(prefix + n.label());
  }

  private List<Node> each(List<Node> operands) {
    List<Node> out = new ArrayList<>(operands.size());
    for (Node operand : operands) {
      out.add(operand.accept(this));
    }
    return out;
  }
}
