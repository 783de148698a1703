package io.selvedge.selector;

/**
 * An operation over the selector tree, one method per node type (Java 17 has no pattern switch
 * over sealed types). Visitors decide themselves whether and how to recurse into children.
 *
 * @param <R> the result of visiting a node
 */
public interface NodeVisitor<R> {
  R visitLabelEquals(Node.LabelEquals node);

  R visitLabelNotEquals(Node.LabelNotEquals node);

  R visitLabelContains(Node.LabelContains node);

  R visitLabelStartsWith(Node.LabelStartsWith node);

  R visitLabelEndsWith(Node.LabelEndsWith node);

  R visitLabelIn(Node.LabelIn node);

  R visitLabelNotIn(Node.LabelNotIn node);

  R visitHas(Node.Has node);

  R visitAll(Node.All node);

  R visitGlobal(Node.Global node);

  R visitNot(Node.Not node);

  R visitAnd(Node.And node);

  R visitOr(Node.Or node);
}
