package io.selvedge.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * How an unquoted YAML scalar is typed, and when a string must be quoted on output.
 *
 * <p>Reading follows the YAML 1.1 rules that Calico's Go tooling uses (go-yaml v2 behind
 * {@code sigs.k8s.io/yaml}), so that a file means the same to {@code calicoctl} and to us:
 * {@code yes/no/on/off/y/n} (and their capitalised forms) are booleans, {@code ~}/{@code null}
 * and the empty value are null, integers may be written {@code 0x1F}, {@code 0o17},
 * {@code 017} (octal), {@code 0b101} or with {@code _} separators, and floats include
 * {@code 1e3} and {@code .inf}. Timestamps are not typed: an unquoted date stays a string
 * (string fields such as {@code creationTimestamp} accept it).
 *
 * <p>Writing quotes every string that any common YAML reader (YAML 1.1 or 1.2) could take for
 * something else, and every string that plain YAML cannot hold.
 */
final class YamlScalars {
  private YamlScalars() {}

  private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL");
  private static final Set<String> TRUES = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
  private static final Set<String> FALSES = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
  private static final Set<String> INFS = Set.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF");
  private static final Set<String> NEG_INFS = Set.of("-.inf", "-.Inf", "-.INF");
  private static final Set<String> NANS = Set.of(".nan", ".NaN", ".NAN");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Resolver YAML11 = new Resolver();

  /** The merge key {@code <<}. */
  static boolean isMergeKey(String plain) {
    return "<<".equals(plain);
  }

  /** The typed value of an unquoted, untagged scalar. */
  static JsonNode resolvePlain(String v) {
    if (v.isEmpty() || NULLS.contains(v)) {
      return NullNode.getInstance();
    }
    char c = v.charAt(0);
    if (c == 'y' || c == 'Y' || c == 'n' || c == 'N' || c == 't' || c == 'T' || c == 'f' || c == 'F'
        || c == 'o' || c == 'O') {
      if (TRUES.contains(v)) {
        return BooleanNode.TRUE;
      }
      if (FALSES.contains(v)) {
        return BooleanNode.FALSE;
      }
      return TextNode.valueOf(v);
    }
    if (c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9') {
      JsonNode n = number(v);
      if (n != null) {
        return n;
      }
    }
    return TextNode.valueOf(v);
  }

  /** A number in YAML 1.1 / Go notation, or null if the text is not one. */
  static JsonNode number(String v) {
    if (!onlyNumberChars(v)) {
      return null;
    }
    if (INFS.contains(v)) {
      return DoubleNode.valueOf(Double.POSITIVE_INFINITY);
    }
    if (NEG_INFS.contains(v)) {
      return DoubleNode.valueOf(Double.NEGATIVE_INFINITY);
    }
    if (NANS.contains(v)) {
      return DoubleNode.valueOf(Double.NaN);
    }
    String s = v.indexOf('_') >= 0 ? v.replace("_", "") : v;
    BigInteger i = integer(s);
    if (i != null) {
      return integerNode(i);
    }
    if (FLOAT.matcher(s).matches()) {
      return DoubleNode.valueOf(Double.parseDouble(s));
    }
    return null;
  }

  /** Cheap pre-check: numbers (incl. hex, .inf, .nan) use only these characters. */
  private static boolean onlyNumberChars(String v) {
    if (v.length() > 450) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == '_'
          || c == '+' || c == '-' || c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'i' || c == 'I'
          || c == 'n' || c == 'N')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Cheap pre-check for writing: no YAML 1.1/1.2 scalar other than a string (bool, null, number,
   * timestamp, merge, value) contains any character outside this set.
   */
  private static boolean couldResolveToNonString(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '_'
          || c == '+' || c == '-' || c == ':' || c == ' ' || c == '\t' || c == '~' || c == '<' || c == '=')) {
        return false;
      }
    }
    return true;
  }

  static JsonNode integerNode(BigInteger i) {
    if (i.bitLength() < 32) {
      return IntNode.valueOf(i.intValue());
    }
    if (i.bitLength() < 64) {
      return LongNode.valueOf(i.longValue());
    }
    return BigIntegerNode.valueOf(i);
  }

  /** Go's base-prefix integer syntax: sign, then 0x / 0o / 0b / leading-0 octal / decimal. */
  private static BigInteger integer(String s) {
    int p = 0;
    boolean neg = false;
    if (p < s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
      neg = s.charAt(p) == '-';
      p++;
    }
    if (p >= s.length()) {
      return null;
    }
    int radix = 10;
    if (s.charAt(p) == '0' && p + 1 < s.length()) {
      char x = s.charAt(p + 1);
      if (x == 'x' || x == 'X') {
        radix = 16;
        p += 2;
      } else if (x == 'o' || x == 'O') {
        radix = 8;
        p += 2;
      } else if (x == 'b' || x == 'B') {
        radix = 2;
        p += 2;
      } else {
        radix = 8;
        p += 1;
      }
    }
    if (p >= s.length() || s.length() - p > 400) {
      return null;
    }
    for (int k = p; k < s.length(); k++) {
      if (Character.digit(s.charAt(k), radix) < 0 || s.charAt(k) > 'f') {
        return null;
      }
    }
    BigInteger r = new BigInteger(s.substring(p), radix);
    return neg ? r.negate() : r;
  }

  // ---- writing ----

  /** True when {@code s} can be written as a plain (unquoted) YAML scalar and read back as the same string. */
  static boolean canBePlain(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char first = s.charAt(0);
    if ("-?:,[]{}#&*!|>'\"%@`".indexOf(first) >= 0) {
      // '-' followed by a non-space is plain in YAML, but "-1" and friends are numbers and a
      // lone "-" is a list entry; quoting every leading '-' keeps the rule simple.
      return false;
    }
    if (first == ' ' || s.charAt(s.length() - 1) == ' ' || s.charAt(s.length() - 1) == ':') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff
          || c >= 0xd800 && c <= 0xdfff || c == 0xfffe || c == 0xffff) {
        return false;
      }
      if (c == ':' && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
        return false;
      }
      if (c == '#' && i > 0 && s.charAt(i - 1) == ' ') {
        return false;
      }
    }
    if (s.startsWith("---") || s.startsWith("...")) {
      return false;
    }
    if (!couldResolveToNonString(s)) {
      return true;
    }
    if (!(resolvePlain(s) instanceof TextNode) || isMergeKey(s)) {
      return false;
    }
    // SnakeYAML's own YAML 1.1 resolver also knows timestamps and sexagesimal numbers (1:20).
    return YAML11.resolve(NodeId.scalar, s, true).equals(Tag.STR) && !looksLikeYaml12NonString(s);
  }

  private static final Pattern YAML12_INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");

  private static boolean looksLikeYaml12NonString(String s) {
    return YAML12_INT.matcher(s).matches() || FLOAT.matcher(s).matches() || "=".equals(s);
  }
}
