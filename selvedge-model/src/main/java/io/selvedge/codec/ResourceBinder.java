package io.selvedge.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.selvedge.codec.k8s.K8sConversionException;
import io.selvedge.codec.k8s.K8sNetworkPolicy;
import io.selvedge.codec.k8s.K8sNetworkPolicyConverter;
import io.selvedge.model.Kind;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.Resource;
import io.selvedge.model.Rule;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds one document tree to a resource record, strictly, reporting every problem with its
 * path instead of stopping at the first:
 *
 * <ul>
 *   <li>unknown fields (per kind: see {@link KindBinding}) are errors that list the known ones;
 *   <li>no scalar coercion: a string is never read as a number or the other way round, a float
 *       never as a whole number; the exceptions are Calico's own: {@code Port} and
 *       {@code Protocol} take a number or a string;
 *   <li>an explicit null ({@code key:} in YAML) is the same as an absent field; null inside a
 *       list, or as a label/annotation value, is an error;
 *   <li>an empty string in a scalar field is the same as an absent field (Go's zero value, which
 *       Calico's omitempty fields cannot distinguish); in lists and maps it stays;
 *   <li>enums are case-sensitive.
 * </ul>
 *
 * Metadata accepts Calico's fields and tolerates (reads and drops) the Kubernetes fields that
 * {@code kubectl get -o yaml} adds ({@link #TOLERATED_METADATA}). Whether values are
 * <em>valid</em> (names, selectors, CIDRs, port ranges, required fields) is the validator's job.
 * One instance per document; not thread-safe.
 */
final class ResourceBinder {
  /** Kubernetes metadata fields accepted and dropped. */
  static final Set<String> TOLERATED_METADATA = Set.of("generateName", "selfLink", "deletionTimestamp",
      "deletionGracePeriodSeconds", "ownerReferences", "finalizers", "managedFields");

  static final String LIST_KIND = "List";

  private static final Map<Class<?>, Map<String, String>> HINTS = Map.of(
      PolicySpec.class, Map.of(
          "podSelector", "Calico policies select endpoints with \"selector\"; podSelector belongs to a Kubernetes"
              + " NetworkPolicy (apiVersion networking.k8s.io/v1)",
          "policyTypes", "Calico calls this field \"types\"",
          "priority", "Calico orders policies with \"order\""),
      Rule.class, ruleHints());

  private static Map<String, String> ruleHints() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String f : List.of("nets", "notNets", "selector", "notSelector", "namespaceSelector", "ports", "notPorts",
        "serviceAccounts", "services")) {
      m.put(f, f + " belongs inside \"source\" or \"destination\"");
    }
    m.put("from", "Calico rules use \"source\"");
    m.put("to", "Calico rules use \"destination\"");
    return m;
  }

  private final Problems problems;
  private Map<String, String> missingPolicyFields = Map.of();

  ResourceBinder(Problems problems) {
    this.problems = problems;
  }

  static String knownKinds() {
    StringBuilder b = new StringBuilder();
    for (Kind k : Kind.values()) {
      b.append(k.apiName()).append(", ");
    }
    return b.append("List, and NetworkPolicy of apiVersion ").append(K8sNetworkPolicy.API_VERSION).toString();
  }

  /** "GlobalNetworkPolicy ip-protect" / "NetworkPolicy prod/web" from the raw tree, or null. */
  static String kindAndName(JsonNode root, String defaultKind) {
    JsonNode k = root.get("kind");
    String kind = k != null && k.isTextual() && !k.textValue().isEmpty() ? k.textValue() : defaultKind;
    if (kind == null) {
      return null;
    }
    JsonNode av = root.get("apiVersion");
    if (K8sNetworkPolicy.KIND.equals(kind) && av != null && K8sNetworkPolicy.API_VERSION.equals(av.asText())) {
      kind = "Kubernetes NetworkPolicy";
    }
    JsonNode meta = root.get("metadata");
    String name = null;
    String ns = null;
    if (meta != null && meta.isObject()) {
      JsonNode n = meta.get("name");
      JsonNode s = meta.get("namespace");
      name = n != null && n.isTextual() && !n.textValue().isEmpty() ? n.textValue() : null;
      ns = s != null && s.isTextual() && !s.textValue().isEmpty() ? s.textValue() : null;
    }
    if (name == null) {
      return kind;
    }
    return kind + " " + (ns == null ? "" : ns + "/") + abbreviate(name, 80);
  }

  // ---- resources ----

  /**
   * The resource of one document (not a List). Returns null when there were problems.
   *
   * @param defaultApiVersion used when the document has no apiVersion (items of a typed list)
   * @param defaultKind used when the document has no kind (items of a typed list)
   */
  Resource bindResource(JsonNode root, FieldPath base, String defaultApiVersion, String defaultKind) {
    int before = problems.size();
    String apiVersion = topString(root, "apiVersion", base, defaultApiVersion);
    String kind = topString(root, "kind", base, defaultKind);
    if (kind == null) {
      if (!root.has("kind") || root.get("kind").isNull()) {
        problems.add(base.field("kind", root), "missing (every resource needs apiVersion and kind; known kinds: "
            + knownKinds() + ")");
      }
      return null;
    }
    if (kind.isEmpty()) {
      problems.add(base.field("kind", root), "must not be empty (known kinds: " + knownKinds() + ")");
      return null;
    }
    if (K8sNetworkPolicy.API_VERSION.equals(apiVersion)) {
      if (K8sNetworkPolicy.KIND.equals(kind)) {
        return bindKubernetesPolicy(root, base);
      }
      problems.add(base.field("kind", root), "\"" + kind + "\" of apiVersion " + K8sNetworkPolicy.API_VERSION
          + " is not supported (only NetworkPolicy is)");
      return null;
    }
    Optional<Kind> known = Kind.fromApiName(kind);
    if (known.isEmpty()) {
      String msg = "\"" + abbreviate(kind, 60) + "\" is not a known kind";
      Optional<Kind> guess = Kind.fromUserName(kind);
      if (guess.isPresent()) {
        msg += " (did you mean " + guess.get().apiName() + "?)";
      }
      problems.add(base.field("kind", root), msg + "; known kinds: " + knownKinds());
      return null;
    }
    Kind k = known.get();
    if (apiVersion == null) {
      if (!root.has("apiVersion") || root.get("apiVersion").isNull()) {
        problems.add(base.field("apiVersion", root), "missing (use " + Kind.API_VERSION + ")");
      }
    } else if (!Kind.API_VERSION.equals(apiVersion)) {
      String hint = apiVersion.startsWith("crd.projectcalico.org")
          ? " (crd.projectcalico.org/v1 is Calico's internal storage format; export with calicoctl, or set "
              + Kind.API_VERSION + ")"
          : "";
      problems.add(base.field("apiVersion", root), "\"" + abbreviate(apiVersion, 60) + "\" is not supported for "
          + k.apiName() + "; use " + Kind.API_VERSION + hint);
    }
    KindBinding binding = KindBinding.of(k);
    checkTopLevel(root, base, k == Kind.TIER || binding.statusType() != null ? Set.of("status") : Set.of());
    ObjectMeta meta = (ObjectMeta) bindRecord(root.get("metadata"), ObjectMeta.class, base.field("metadata", root));
    missingPolicyFields = binding.missingSpecFields();
    Object spec = bindRecord(root.get("spec"), binding.specType(), base.field("spec", root));
    missingPolicyFields = Map.of();
    Object status = binding.statusType() == null ? null
        : bindRecord(root.get("status"), binding.statusType(), base.field("status", root));
    if (problems.size() > before) {
      return null;
    }
    try {
      return binding.create(meta, spec, status);
    } catch (RuntimeException e) {
      problems.add(base, plain(e.getMessage()));
      return null;
    }
  }

  private Resource bindKubernetesPolicy(JsonNode root, FieldPath base) {
    int before = problems.size();
    checkTopLevel(root, base, Set.of("status"));
    ObjectMeta meta = (ObjectMeta) bindRecord(root.get("metadata"), ObjectMeta.class, base.field("metadata", root));
    K8sNetworkPolicy.Spec spec = (K8sNetworkPolicy.Spec) bindRecord(root.get("spec"), K8sNetworkPolicy.Spec.class,
        base.field("spec", root));
    if (problems.size() > before) {
      return null;
    }
    try {
      return K8sNetworkPolicyConverter.convert(new K8sNetworkPolicy(meta, spec));
    } catch (K8sConversionException e) {
      problems.add(pathOf(base, root, e.path()), e.getMessage());
      return null;
    }
  }

  /** Rebuilds a FieldPath (with containers, for line lookup) from a dotted path inside {@code root}. */
  private static FieldPath pathOf(FieldPath base, JsonNode root, String dotted) {
    FieldPath p = base;
    JsonNode cur = root;
    for (String part : dotted.split("\\.")) {
      int br = part.indexOf('[');
      String name = br < 0 ? part : part.substring(0, br);
      if (!name.isEmpty()) {
        p = p.field(name, cur);
        cur = cur == null ? null : cur.get(name);
      }
      for (int i = br; i >= 0; i = part.indexOf('[', i + 1)) {
        int idx = Integer.parseInt(part.substring(i + 1, part.indexOf(']', i)));
        p = p.index(idx, cur);
        cur = cur == null ? null : cur.get(idx);
      }
    }
    return p;
  }

  private String topString(JsonNode root, String field, FieldPath base, String dflt) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isTextual()) {
      typeProblem(base.field(field, root), "a string", n);
      return null;
    }
    return n.textValue();
  }

  private void checkTopLevel(JsonNode root, FieldPath base, Set<String> tolerated) {
    List<String> known = List.of("apiVersion", "kind", "metadata", "spec");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f) && !tolerated.contains(f)) {
        problems.add(base.field(f, root), unknownField(f, known, null));
      }
    }
  }

  // ---- records and values ----

  Object bindRecord(JsonNode n, Class<?> type, FieldPath p) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      typeProblem(p, "an object", n);
      return null;
    }
    int before = problems.size();
    RecordSchema schema = RecordSchema.of(type);
    Object[] args = new Object[schema.fields().size()];
    for (RecordSchema.Field f : schema.fields()) {
      args[f.position()] = zero(f.rawType());
    }
    Map<String, String> missing = type == PolicySpec.class ? missingPolicyFields : Map.of();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String name = e.getKey();
      FieldPath fp = p.field(name, n);
      RecordSchema.Field f = schema.field(name);
      if (f == null || missing.containsKey(name)) {
        if (type == ObjectMeta.class && TOLERATED_METADATA.contains(name)) {
          continue;
        }
        List<String> known = schema.fields().stream().map(RecordSchema.Field::name)
            .filter(x -> !missing.containsKey(x)).toList();
        String hint = missing.containsKey(name) ? missing.get(name) : HINTS.getOrDefault(type, Map.of()).get(name);
        problems.add(fp, unknownField(name, known, hint));
        continue;
      }
      Object v = bindValue(e.getValue(), f.type(), fp);
      if (v instanceof String s && s.isEmpty()) {
        v = null;
      }
      if (v != null) {
        args[f.position()] = v;
      }
    }
    if (problems.size() > before) {
      return null;
    }
    try {
      return schema.construct(args);
    } catch (RuntimeException e) {
      problems.add(p, plain(e.getMessage()));
      return null;
    }
  }

  private static Object zero(Class<?> t) {
    if (t == int.class) {
      return 0;
    }
    if (t == long.class) {
      return 0L;
    }
    if (t == double.class) {
      return 0.0;
    }
    if (t == boolean.class) {
      return false;
    }
    return null;
  }

  /** Returns null for absent/null values and after reporting a problem. */
  Object bindValue(JsonNode v, Type type, FieldPath p) {
    if (v == null || v.isNull()) {
      return null;
    }
    Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
    if (raw == String.class) {
      if (v.isTextual()) {
        return v.textValue();
      }
      typeProblem(p, "a string", v);
      return null;
    }
    if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
      boolean isInt = raw == Integer.class || raw == int.class;
      if (!v.isIntegralNumber()) {
        typeProblem(p, "a whole number", v);
        return null;
      }
      if (isInt ? !v.canConvertToInt() : !v.canConvertToLong()) {
        problems.add(p, v.asText() + " is out of range (" + (isInt ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
            : Long.MIN_VALUE + " to " + Long.MAX_VALUE) + ")");
        return null;
      }
      return isInt ? (Object) v.intValue() : (Object) v.longValue();
    }
    if (raw == Double.class || raw == double.class) {
      if (!v.isNumber()) {
        typeProblem(p, "a number", v);
        return null;
      }
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        problems.add(p, "must be a finite number");
        return null;
      }
      return d;
    }
    if (raw == Boolean.class || raw == boolean.class) {
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      typeProblem(p, "true or false", v);
      return null;
    }
    if (raw.isEnum()) {
      return bindEnum(v, raw, p);
    }
    if (List.class.isAssignableFrom(raw)) {
      return bindList(v, ((ParameterizedType) type).getActualTypeArguments()[0], p);
    }
    if (Map.class.isAssignableFrom(raw)) {
      return bindStringMap(v, p);
    }
    if (RecordSchema.isScalarValueType(raw)) {
      return bindScalarValue(v, raw, p);
    }
    if (raw == Object.class) {
      if (v.isTextual()) {
        return v.textValue();
      }
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
      }
      typeProblem(p, "a number or a string", v);
      return null;
    }
    if (raw.isRecord()) {
      return bindRecord(v, raw, p);
    }
    throw new IllegalStateException("no binding for " + type);
  }

  private Object bindEnum(JsonNode v, Class<?> type, FieldPath p) {
    Object[] constants = type.getEnumConstants();
    String names = java.util.Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
    if (!v.isTextual()) {
      typeProblem(p, "one of " + names, v);
      return null;
    }
    String s = v.textValue();
    for (Object c : constants) {
      if (((Enum<?>) c).name().equals(s)) {
        return c;
      }
    }
    String msg = quoted(s) + " is not one of " + names;
    for (Object c : constants) {
      if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
        msg += " (values are case-sensitive: " + ((Enum<?>) c).name() + ")";
      }
    }
    problems.add(p, msg);
    return null;
  }

  private Object bindList(JsonNode v, Type element, FieldPath p) {
    if (!v.isArray()) {
      typeProblem(p, "a list", v);
      return null;
    }
    List<Object> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      FieldPath ep = p.index(i, v);
      if (e.isNull()) {
        problems.add(ep, "null is not allowed in a list (remove the empty entry, or quote the value)");
        continue;
      }
      Object o = bindValue(e, element, ep);
      if (o != null) {
        out.add(o);
      }
    }
    return out;
  }

  private Object bindStringMap(JsonNode v, FieldPath p) {
    if (!v.isObject()) {
      typeProblem(p, "an object of string values", v);
      return null;
    }
    String what = switch (String.valueOf(p.lastKey())) {
      case "labels", "labelsToApply", "matchLabels" -> "a label value";
      case "annotations" -> "an annotation value";
      default -> "a value here";
    };
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      FieldPath ep = p.field(e.getKey(), v);
      JsonNode val = e.getValue();
      if (val.isNull()) {
        problems.add(ep, "null is not allowed as " + what + " (use \"\" for an empty value)");
      } else if (val.isTextual()) {
        out.put(e.getKey(), val.textValue());
      } else {
        typeProblem(ep, "a string", val);
      }
    }
    return out;
  }

  private Object bindScalarValue(JsonNode v, Class<?> type, FieldPath p) {
    Object raw;
    if (v.isTextual()) {
      raw = v.textValue();
    } else if (v.isIntegralNumber() && v.canConvertToLong()) {
      raw = v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
    } else if (v.isIntegralNumber()) {
      problems.add(p, v.asText() + " is out of range");
      return null;
    } else {
      typeProblem(p, "a number or a string", v);
      return null;
    }
    try {
      return RecordSchema.createScalar(type, raw);
    } catch (IllegalArgumentException e) {
      problems.add(p, plain(e.getMessage()));
      return null;
    }
  }

  // ---- messages ----

  private void typeProblem(FieldPath p, String expected, JsonNode got) {
    String hint = "";
    if (expected.equals("a string") && got.isBoolean()) {
      hint = " (YAML reads unquoted true/false, yes/no, on/off and y/n as booleans; quote the value)";
    } else if (expected.equals("a string") && got.isNumber()) {
      hint = " (quote the value to make it a string)";
    } else if (expected.equals("a list") && got.isValueNode()) {
      hint = " (write a single value as a list with one entry)";
    } else if (expected.equals("a whole number") && got.isTextual() && isDigits(got.textValue())) {
      hint = " (remove the quotes)";
    }
    problems.add(p, "expected " + expected + ", got " + describe(got) + hint);
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  static String describe(JsonNode n) {
    if (n.isTextual()) {
      return "the string " + quoted(n.textValue());
    }
    if (n.isNumber()) {
      return "the number " + n.asText();
    }
    if (n.isBoolean()) {
      return "the boolean " + n.asText();
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isObject()) {
      return "an object";
    }
    return "null";
  }

  static String quoted(String s) {
    String a = abbreviate(s, 60);
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < a.length(); i++) {
      char c = a.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  static String unknownField(String name, List<String> known, String hint) {
    StringBuilder b = new StringBuilder("unknown field");
    if (hint != null) {
      b.append(": ").append(hint);
    } else {
      String guess = closest(name, known);
      if (guess != null) {
        b.append(" (did you mean \"").append(guess).append("\"?)");
      }
    }
    return b.append(" (known: ").append(String.join(", ", known)).append(')').toString();
  }

  private static String closest(String name, List<String> known) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String k : known) {
      if (k.toLowerCase(Locale.ROOT).equals(lower)) {
        return k;
      }
      int d = distance(lower, k.toLowerCase(Locale.ROOT));
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return bestD <= Math.max(1, Math.min(2, name.length() / 3)) ? best : null;
  }

  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 3) {
      return Integer.MAX_VALUE;
    }
    int[] prevPrev = new int[b.length() + 1];
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          cur[j] = Math.min(cur[j], prevPrev[j - 2] + 1); // a transposition counts as one edit
        }
      }
      int[] t = prevPrev;
      prevPrev = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Exception text from the model's own checks, without Java noise. */
  static String plain(String m) {
    return m == null || m.isBlank() ? "invalid value" : m;
  }
}
