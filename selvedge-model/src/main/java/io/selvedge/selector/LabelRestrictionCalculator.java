package io.selvedge.selector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@link LabelRestrictions} bottom-up, mirroring Calico's per-node
 * {@code LabelRestrictions()} in {@code ast.go}. Every call returns a fresh mutable map that
 * the caller may change. Stateless.
 */
final class LabelRestrictionCalculator implements NodeVisitor<Map<String, LabelRestriction>> {

  @Override
  public Map<String, LabelRestriction> visitLabelEquals(Node.LabelEquals n) {
    return one(n.label(), LabelRestriction.oneOf(ValueSet.of(n.value())));
  }

  @Override
  public Map<String, LabelRestriction> visitLabelNotEquals(Node.LabelNotEquals n) {
    return new HashMap<>();
  }

  @Override
  public Map<String, LabelRestriction> visitLabelContains(Node.LabelContains n) {
    return one(n.label(), LabelRestriction.PRESENT);
  }

  @Override
  public Map<String, LabelRestriction> visitLabelStartsWith(Node.LabelStartsWith n) {
    return one(n.label(), LabelRestriction.PRESENT);
  }

  @Override
  public Map<String, LabelRestriction> visitLabelEndsWith(Node.LabelEndsWith n) {
    return one(n.label(), LabelRestriction.PRESENT);
  }

  @Override
  public Map<String, LabelRestriction> visitLabelIn(Node.LabelIn n) {
    // Calico keeps an empty set literal as a nil slice, which reads as "any value".
    return one(n.label(), n.values().isEmpty()
        ? LabelRestriction.PRESENT
        : LabelRestriction.oneOf(n.values()));
  }

  @Override
  public Map<String, LabelRestriction> visitLabelNotIn(Node.LabelNotIn n) {
    return new HashMap<>();
  }

  @Override
  public Map<String, LabelRestriction> visitHas(Node.Has n) {
    return one(n.label(), LabelRestriction.PRESENT);
  }

  @Override
  public Map<String, LabelRestriction> visitAll(Node.All n) {
    return new HashMap<>();
  }

  @Override
  public Map<String, LabelRestriction> visitGlobal(Node.Global n) {
    return new HashMap<>();
  }

  @Override
  public Map<String, LabelRestriction> visitNot(Node.Not n) {
    // Only !has(a) can be inverted: !(a == "b") does not require "a" to be absent.
    if (n.operand() instanceof Node.Has) {
      return one(((Node.Has) n.operand()).label(), LabelRestriction.ABSENT);
    }
    return new HashMap<>();
  }

  @Override
  public Map<String, LabelRestriction> visitAnd(Node.And n) {
    Map<String, LabelRestriction> out = new HashMap<>();
    for (Node operand : n.operands()) {
      for (Map.Entry<String, LabelRestriction> e : operand.accept(this).entrySet()) {
        LabelRestriction base = out.getOrDefault(e.getKey(), LabelRestriction.NONE);
        LabelRestriction r = e.getValue();
        ValueSet values;
        if (base.mustHaveOneOfValues() == null) {
          values = r.mustHaveOneOfValues();
        } else if (r.mustHaveOneOfValues() == null) {
          values = base.mustHaveOneOfValues();
        } else {
          values = base.mustHaveOneOfValues().intersect(r.mustHaveOneOfValues());
        }
        out.put(e.getKey(), new LabelRestriction(
            base.mustBePresent() || r.mustBePresent(),
            base.mustBeAbsent() || r.mustBeAbsent(),
            values));
      }
    }
    return out;
  }

  @Override
  public Map<String, LabelRestriction> visitOr(Node.Or n) {
    List<Node> operands = n.operands();
    Map<String, LabelRestriction> out = operands.get(0).accept(this);
    for (Node operand : operands.subList(1, operands.size())) {
      Map<String, LabelRestriction> other = operand.accept(this);
      for (String label : new ArrayList<>(out.keySet())) {
        LabelRestriction r = out.get(label);
        LabelRestriction o = other.getOrDefault(label, LabelRestriction.NONE);
        boolean present = r.mustBePresent() && o.mustBePresent();
        boolean absent = r.mustBeAbsent() && o.mustBeAbsent();
        ValueSet values = null;
        if (present && r.mustHaveOneOfValues() != null && o.mustHaveOneOfValues() != null) {
          // Either side's values will do; if one side allows any value, so does the union.
          values = r.mustHaveOneOfValues().union(o.mustHaveOneOfValues());
        }
        if (present || absent) {
          out.put(label, new LabelRestriction(present, absent, values));
        } else {
          out.remove(label);
        }
      }
    }
    return out;
  }

  private static Map<String, LabelRestriction> one(String label, LabelRestriction r) {
    Map<String, LabelRestriction> m = new HashMap<>();
    m.put(label, r);
    return m;
  }
}
