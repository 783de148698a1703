package io.selvedge.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Prints trees as YAML or JSON the way a person would write them. Both formats are produced
 * here rather than by a generic serializer so that the output is stable and readable:
 *
 * <ul>
 *   <li>YAML: block style, two-space indentation, list entries indented under their key
 *       ({@code    - action: Allow}), empty lists/objects as {@code []}/{@code {}}, strings plain
 *       when that is safe, else single-quoted, else (control characters) double-quoted with
 *       escapes, and multi-line strings as literal blocks ({@code |}). Strings that any YAML
 *       reader could take for something else are quoted: {@code 'true'}, {@code 'yes'},
 *       {@code '1.0'}, {@code '0x10'}, {@code '*'}, {@code 'a: b'}, {@code '#x'}.
 *   <li>JSON: two-space indentation and {@code "key": value}, as {@code calicoctl -o json}
 *       ({@code json.MarshalIndent}) prints it, without Go's HTML escaping of {@code <>&}.
 * </ul>
 *
 * Numbers: integral doubles print without a fraction ({@code order: 1000}); others use Java's
 * shortest round-trip form. Stateless.
 */
final class TreeEmitter {
  private TreeEmitter() {}

  // ---- YAML ----

  static void yaml(JsonNode root, StringBuilder out) {
    if (root.isObject() && root.size() > 0) {
      yamlMapping(root, 0, false, out);
    } else if (root.isArray() && root.size() > 0) {
      yamlSequence(root, 0, false, out);
    } else {
      out.append(yamlScalarOrEmpty(root, 0)).append('\n');
    }
  }

  private static void yamlMapping(JsonNode obj, int indent, boolean firstInline, StringBuilder out) {
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      if (!(first && firstInline)) {
        indent(out, indent);
      }
      first = false;
      out.append(yamlString(e.getKey(), indent, true)).append(':');
      JsonNode v = e.getValue();
      if (v.isContainerNode() && v.size() > 0) {
        out.append('\n');
        if (v.isObject()) {
          yamlMapping(v, indent + 2, false, out);
        } else {
          yamlSequence(v, indent + 2, false, out);
        }
      } else {
        out.append(' ').append(yamlScalarOrEmpty(v, indent + 2)).append('\n');
      }
    }
  }

  private static void yamlSequence(JsonNode arr, int indent, boolean firstInline, StringBuilder out) {
    boolean first = true;
    for (JsonNode v : arr) {
      if (!(first && firstInline)) {
        indent(out, indent);
      }
      first = false;
      out.append("- ");
      if (v.isObject() && v.size() > 0) {
        yamlMapping(v, indent + 2, true, out);
      } else if (v.isArray() && v.size() > 0) {
        yamlSequence(v, indent + 2, true, out);
      } else {
        out.append(yamlScalarOrEmpty(v, indent + 2)).append('\n');
      }
    }
  }

  private static String yamlScalarOrEmpty(JsonNode v, int indent) {
    if (v.isObject()) {
      return "{}";
    }
    if (v.isArray()) {
      return "[]";
    }
    if (v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return yamlString(v.textValue(), indent, false);
    }
    return number(v);
  }

  private static void indent(StringBuilder out, int n) {
    for (int i = 0; i < n; i++) {
      out.append(' ');
    }
  }

  /** A string as plain, single-quoted, literal block or double-quoted YAML. */
  static String yamlString(String s, int indent, boolean key) {
    if (YamlScalars.canBePlain(s)) {
      return s;
    }
    if (!key && literalBlockOk(s)) {
      StringBuilder b = new StringBuilder(s.endsWith("\n") ? "|" : "|-");
      String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
      for (String line : body.split("\n", -1)) {
        b.append('\n');
        if (!line.isEmpty()) {
          for (int i = 0; i < indent; i++) {
            b.append(' ');
          }
          b.append(line);
        }
      }
      return b.toString();
    }
    if (printable(s, false)) {
      return "'" + s.replace("'", "''") + "'";
    }
    return doubleQuoted(s);
  }

  private static boolean literalBlockOk(String s) {
    if (s.indexOf('\n') < 0 || !printable(s, true) || s.indexOf('\r') >= 0) {
      return false;
    }
    if (s.endsWith("\n\n") || s.equals("\n")) {
      return false; // would need keep-chomping (|+)
    }
    String firstLine = s.substring(0, s.indexOf('\n'));
    // The first line fixes the block's indentation: it must exist and not start with blanks.
    if (firstLine.isEmpty() || firstLine.charAt(0) == ' ' || firstLine.charAt(0) == '\t') {
      return false;
    }
    for (String line : s.split("\n", -1)) {
      if (!line.isEmpty() && (line.endsWith(" ") || line.endsWith("\t"))) {
        return false; // trailing blanks are invisible and often stripped by editors
      }
    }
    return true;
  }

  /** Characters YAML allows unescaped (newlines and tabs only when {@code allowBreaks}). */
  private static boolean printable(String s, boolean allowBreaks) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\t') {
        if (!allowBreaks) {
          return false;
        }
        continue;
      }
      if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == 0x2028 || c == 0x2029 || c == 0xfeff
          || c == 0xfffe || c == 0xffff) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static String doubleQuoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        case 0 -> b.append("\\0");
        default -> {
          boolean surrogateOk = Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
          if (surrogateOk) {
            b.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == 0x2028 || c == 0x2029
              || c == 0xfeff || c == 0xfffe || c == 0xffff || Character.isSurrogate(c)) {
            b.append(String.format("\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  // ---- JSON ----

  static void json(JsonNode n, int indent, StringBuilder out) {
    if (n.isObject()) {
      if (n.size() == 0) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!first) {
          out.append(",\n");
        }
        first = false;
        indent(out, indent + 2);
        jsonString(e.getKey(), out);
        out.append(": ");
        json(e.getValue(), indent + 2, out);
      }
      out.append('\n');
      indent(out, indent);
      out.append('}');
    } else if (n.isArray()) {
      if (n.size() == 0) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      boolean first = true;
      for (JsonNode e : n) {
        if (!first) {
          out.append(",\n");
        }
        first = false;
        indent(out, indent + 2);
        json(e, indent + 2, out);
      }
      out.append('\n');
      indent(out, indent);
      out.append(']');
    } else if (n.isTextual()) {
      jsonString(n.textValue(), out);
    } else if (n.isNull()) {
      out.append("null");
    } else {
      out.append(number(n));
    }
  }

  private static void jsonString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)
              && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
              && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Booleans and numbers; integral doubles without a fraction. */
  static String number(JsonNode v) {
    if (v.isBoolean()) {
      return v.asText();
    }
    if (v.isDouble() || v.isFloat()) {
      double d = v.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15 && !(d == 0 && 1 / d < 0)) {
        return Long.toString((long) d);
      }
      return Double.toString(d);
    }
    return v.asText();
  }
}
