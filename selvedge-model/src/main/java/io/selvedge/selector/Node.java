package io.selvedge.selector;

import java.util.List;
import java.util.Objects;

/**
 * A node of a parsed selector: a closed tree of immutable records, one per construct of
 * Calico's selector language (spec §2.2). Walk it with {@link #accept(NodeVisitor)}; evaluate it
 * with {@link #matches(Labels)}.
 *
 * <p>The records check structural invariants only: a label consists of label characters
 * ({@code A-Z a-z 0-9 _ . / -}), a value cannot contain both quote characters (it could not be
 * printed), {@code And}/{@code Or} have at least two operands. The 512-character label limit
 * is a lexical rule of the parser, not an invariant here: {@link Selector#prefixLabels(String)}
 * may lengthen a label beyond it, exactly as Calico's prefix visitor does.
 *
 * <p>Evaluation is O(size of the tree); {@code in} sets are hashed. Nodes are immutable and
 * thread-safe.
 */
public sealed interface Node {

  /** Evaluates this node against the labels (spec §2.3). */
  boolean matches(Labels labels);

  /** Calls the visitor method for this node's type and returns its result. */
  <R> R accept(NodeVisitor<R> visitor);

  /** A node that tests one label. */
  sealed interface LabelTest extends Node {
    /** The label key this node tests. */
    String label();

    /** The same test applied to another label. */
    LabelTest withLabel(String label);
  }

  /** {@code label == "value"}: the label is present with exactly this value. */
  record LabelEquals(String label, String value) implements LabelTest {
    public LabelEquals {
      checkLabel(label);
      checkValue(value);
    }

    @Override
    public boolean matches(Labels labels) {
      return value.equals(labels.get(label));
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitLabelEquals(this);
    }

    @Override
    public LabelEquals withLabel(String newLabel) {
      return new LabelEquals(newLabel, value);
    }
  }

  /** {@code label != "value"}: true when the label is absent or has another value. */
  record LabelNotEquals(String label, String value) implements LabelTest {
    public LabelNotEquals {
      checkLabel(label);
      checkValue(value);
    }

    @Override
    public boolean matches(Labels labels) {
      return !value.equals(labels.get(label));
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitLabelNotEquals(this);
    }

    @Override
    public LabelNotEquals withLabel(String newLabel) {
      return new LabelNotEquals(newLabel, value);
    }
  }

  /** {@code label contains "value"}: present and the value is a (case-sensitive) substring. */
  record LabelContains(String label, String value) implements LabelTest {
    public LabelContains {
      checkLabel(label);
      checkValue(value);
    }

    @Override
    public boolean matches(Labels labels) {
      String v = labels.get(label);
      return v != null && v.contains(value);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitLabelContains(this);
    }

    @Override
    public LabelContains withLabel(String newLabel) {
      return new LabelContains(newLabel, value);
    }
  }

  /** {@code label starts with "value"}: present and the value is a prefix. */
  record LabelStartsWith(String label, String value) implements LabelTest {
    public LabelStartsWith {
      checkLabel(label);
      checkValue(value);
    }

    @Override
    public boolean matches(Labels labels) {
      String v = labels.get(label);
      return v != null && v.startsWith(value);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitLabelStartsWith(this);
    }

    @Override
    public LabelStartsWith withLabel(String newLabel) {
      return new LabelStartsWith(newLabel, value);
    }
  }

  /** {@code label ends with "value"}: present and the value is a suffix. */
  record LabelEndsWith(String label, String value) implements LabelTest {
    public LabelEndsWith {
      checkLabel(label);
      checkValue(value);
    }

    @Override
    public boolean matches(Labels labels) {
      String v = labels.get(label);
      return v != null && v.endsWith(value);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitLabelEndsWith(this);
    }

    @Override
    public LabelEndsWith withLabel(String newLabel) {
      return new LabelEndsWith(newLabel, value);
    }
  }

  /** {@code label in {"a", "b"}}: present with one of the values; {@code in {}} never matches. */
  record LabelIn(String label, ValueSet values) implements LabelTest {
    public LabelIn {
      checkLabel(label);
      checkValues(values);
    }

    @Override
    public boolean matches(Labels labels) {
      String v = labels.get(label);
      return v != null && values.contains(v);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitLabelIn(this);
    }

    @Override
    public LabelIn withLabel(String newLabel) {
      return new LabelIn(newLabel, values);
    }
  }

  /** {@code label not in {"a", "b"}}: true when absent or with another value. */
  record LabelNotIn(String label, ValueSet values) implements LabelTest {
    public LabelNotIn {
      checkLabel(label);
      checkValues(values);
    }

    @Override
    public boolean matches(Labels labels) {
      String v = labels.get(label);
      return v == null || !values.contains(v);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitLabelNotIn(this);
    }

    @Override
    public LabelNotIn withLabel(String newLabel) {
      return new LabelNotIn(newLabel, values);
    }
  }

  /** {@code has(label)}: the label is present, whatever its value (even empty). */
  record Has(String label) implements LabelTest {
    public Has {
      checkLabel(label);
    }

    @Override
    public boolean matches(Labels labels) {
      return labels.get(label) != null;
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitHas(this);
    }

    @Override
    public Has withLabel(String newLabel) {
      return new Has(newLabel);
    }
  }

  /** {@code all()}, also the meaning of an empty selector: matches everything. */
  record All() implements Node {
    @Override
    public boolean matches(Labels labels) {
      return true;
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitAll(this);
    }
  }

  /**
   * {@code global()}: evaluates to true. Its meaning ("not namespaced") exists only through the
   * textual rewriting of namespace selectors (spec §3.3), which is the engine's job.
   */
  record Global() implements Node {
    @Override
    public boolean matches(Labels labels) {
      return true;
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitGlobal(this);
    }
  }

  /**
   * {@code !operand}. The parser folds a run of {@code !} to its parity, but a negated group
   * that itself starts with {@code !} (such as {@code !(!has(a))}) gives a {@code Not} of a
   * {@code Not}, as in Calico.
   */
  record Not(Node operand) implements Node {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public boolean matches(Labels labels) {
      return !operand.matches(labels);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitNot(this);
    }
  }

  /** {@code a && b && ...}: n-ary, evaluated left to right with short-circuit. */
  record And(List<Node> operands) implements Node {
    public And {
      operands = checkOperands(operands);
    }

    @Override
    public boolean matches(Labels labels) {
      // Indexed, not for-each: without escape analysis (C1, the agent's JIT) every evaluation
      // would allocate an iterator, 28 MB during a cold start of 10,000 endpoints.
      for (int i = 0; i < operands.size(); i++) {
        if (!operands.get(i).matches(labels)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitAnd(this);
    }
  }

  /** {@code a || b || ...}: n-ary, evaluated left to right with short-circuit. */
  record Or(List<Node> operands) implements Node {
    public Or {
      operands = checkOperands(operands);
    }

    @Override
    public boolean matches(Labels labels) {
      for (int i = 0; i < operands.size(); i++) { // indexed: see And
        if (operands.get(i).matches(labels)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
      return visitor.visitOr(this);
    }
  }

  private static void checkLabel(String label) {
    Objects.requireNonNull(label, "label");
    if (label.isEmpty()) {
      throw new IllegalArgumentException("empty label");
    }
    for (int i = 0; i < label.length(); i++) {
      if (!Tokenizer.isLabelChar(label.charAt(i))) {
        throw new IllegalArgumentException("not a label (allowed: A-Z a-z 0-9 _ . / -): "
            + SelectorEcho.quote(label));
      }
    }
  }

  private static void checkValue(String value) {
    Objects.requireNonNull(value, "value");
    if (value.indexOf('"') >= 0 && value.indexOf('\'') >= 0) {
      throw new IllegalArgumentException(
          "a value cannot contain both quote characters: " + SelectorEcho.quote(value));
    }
  }

  private static void checkValues(ValueSet values) {
    Objects.requireNonNull(values, "values");
    for (String v : values) {
      checkValue(v);
    }
  }

  private static List<Node> checkOperands(List<Node> operands) {
    List<Node> copy = List.copyOf(operands); // rejects null
    if (copy.size() < 2) {
      throw new IllegalArgumentException("needs at least two operands, got " + copy.size());
    }
    return copy;
  }
}
