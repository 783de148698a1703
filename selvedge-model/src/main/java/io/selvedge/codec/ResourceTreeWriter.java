package io.selvedge.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.selvedge.model.EntityRule;
import io.selvedge.model.Resource;
import io.selvedge.model.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns a resource into the ordered tree both emitters print: {@code apiVersion, kind,
 * metadata, spec} (and {@code status} for kinds that have one and carry it) first, then each record's fields in Calico's order ({@code @JsonPropertyOrder}).
 * Like Calico's {@code omitempty}: null, empty strings, empty lists and maps, {@code false}
 * and zero primitive ints are left out, and so are a rule's empty {@code source} and
 * {@code destination}. Other nested objects are kept even when empty ({@code icmp: {}}) because
 * their presence means something. Map keys are sorted (Go sorts map keys), by code point.
 * Stateless.
 */
final class ResourceTreeWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResourceTreeWriter() {}

  static ObjectNode toTree(Resource r) {
    ObjectNode o = NODES.objectNode();
    o.put("apiVersion", r.apiVersion());
    o.put("kind", r.kindName());
    o.set("metadata", record(r.metadata()));
    o.set("spec", record(r.spec()));
    if (r.status() != null) {
      o.set("status", record(r.status()));
    }
    return o;
  }

  private static ObjectNode record(Object rec) {
    ObjectNode o = NODES.objectNode();
    RecordSchema schema = RecordSchema.of(rec.getClass());
    for (RecordSchema.Field f : schema.fields()) {
      Object v = schema.get(rec, f);
      if (omit(rec, f, v)) {
        continue;
      }
      JsonNode n = value(v);
      if (n != null) {
        o.set(f.name(), n);
      }
    }
    return o;
  }

  private static boolean omit(Object rec, RecordSchema.Field f, Object v) {
    if (v == null) {
      return true;
    }
    if (v instanceof String s) {
      return s.isEmpty();
    }
    if (v instanceof Boolean b && f.rawType() == boolean.class) {
      return !b;
    }
    if (v instanceof Integer i && f.rawType() == int.class) {
      return i == 0;
    }
    if (v instanceof Collection<?> c) {
      return c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return m.isEmpty();
    }
    return rec instanceof Rule && EntityRule.EMPTY.equals(v);
  }

  private static JsonNode value(Object v) {
    if (v instanceof String s) {
      return TextNode.valueOf(s);
    }
    if (v instanceof Integer i) {
      return IntNode.valueOf(i);
    }
    if (v instanceof Long l) {
      return LongNode.valueOf(l);
    }
    if (v instanceof Double d) {
      return DoubleNode.valueOf(d);
    }
    if (v instanceof Boolean b) {
      return BooleanNode.valueOf(b);
    }
    if (v instanceof Enum<?> e) {
      return TextNode.valueOf(e.name());
    }
    if (v instanceof List<?> list) {
      ArrayNode a = NODES.arrayNode(list.size());
      for (Object e : list) {
        JsonNode n = e == null ? NODES.nullNode() : value(e);
        a.add(n);
      }
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = NODES.objectNode();
      List<String> keys = new ArrayList<>();
      for (Object k : m.keySet()) {
        keys.add(String.valueOf(k));
      }
      keys.sort(ResourceTreeWriter::compareCodePoints);
      for (String k : keys) {
        Object e = m.get(k);
        o.set(k, e == null ? NODES.nullNode() : value(e));
      }
      return o;
    }
    if (RecordSchema.isScalarValueType(v.getClass())) {
      return value(RecordSchema.scalarValue(v));
    }
    if (v.getClass().isRecord()) {
      return record(v);
    }
    return TextNode.valueOf(String.valueOf(v));
  }

  /** Code point order, which is the byte order of UTF-8 (how Go sorts map keys). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
