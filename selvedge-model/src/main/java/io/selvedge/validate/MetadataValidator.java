package io.selvedge.validate;

import io.selvedge.model.UserText;
import io.selvedge.model.Kind;
import io.selvedge.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks {@code metadata}: the name (length and format per kind), the namespace (a DNS label on
 * namespaced kinds, absent on cluster-scoped ones), label keys and values, annotation keys and
 * the total annotation size (256 KiB). Also checks free-standing label and annotation maps
 * (a profile's {@code labelsToApply}, a rule's {@code metadata.annotations}).
 *
 * <p>Name formats, as Calico's validator has them:
 * <ul>
 *   <li>most kinds: a DNS-1123 subdomain of at most 253 characters;
 *   <li>NetworkPolicy, StagedNetworkPolicy: a DNS label, or two joined by one dot
 *       ({@code tier.name}), or {@code knp.default.}/{@code ossg.default.} followed by a subdomain;
 *   <li>GlobalNetworkPolicy, StagedGlobalNetworkPolicy: a DNS label, or two joined by one dot;
 *   <li>Tier: a DNS label of at most 63 characters (tier names are parts of other names).
 * </ul>
 * Per-label length is not checked for subdomains (Calico does not either).
 */
final class MetadataValidator {
  static final long ANNOTATIONS_MAX_BYTES = 256 * 1024;

  private static final String L = KubernetesNames.LABEL_FORMAT;
  private static final Pattern POLICY_NAME = Pattern.compile(
      "(" + L + ")(\\." + L + ")?|(knp|ossg)\\.default\\.(" + KubernetesNames.SUBDOMAIN_FORMAT + ")");
  private static final Pattern GLOBAL_POLICY_NAME = Pattern.compile("(" + L + "\\.)?" + L);

  private MetadataValidator() {}

  /** Checks {@code meta} of a resource of kind {@code kind}; {@code c} is the metadata path. */
  static void validate(ObjectMeta meta, Kind kind, ViolationCollector c) {
    name(meta.name(), kind, c.field("name"));
    namespace(meta.namespace(), kind, c.field("namespace"));
    labels(meta.labels(), c.field("labels"));
    annotations(meta.annotations(), c.field("annotations"));
  }

  private static void name(String name, Kind kind, ViolationCollector c) {
    if (name == null || name.isEmpty()) {
      c.add("is missing (every resource needs a name)");
      return;
    }
    int max = kind == Kind.TIER ? KubernetesNames.LABEL_MAX : KubernetesNames.SUBDOMAIN_MAX;
    if (name.length() > max) {
      c.add(UserText.quoted(name) + " is " + name.length() + " characters long, " + (name.length() - max)
          + " too many (at most " + max + ")");
    }
    switch (kind) {
      case TIER -> {
        if (!KubernetesNames.matchesLabelPattern(name)) {
          c.add(UserText.quoted(name) + " is not a valid tier name (lower-case letters, digits and '-',"
              + " starting and ending with a letter or digit; no dots)");
        }
      }
      case NETWORK_POLICY, STAGED_NETWORK_POLICY -> {
        if (!POLICY_NAME.matcher(name).matches()) {
          c.add(UserText.quoted(name) + " is not a valid policy name (lower-case letters, digits and '-',"
              + " starting and ending with a letter or digit, with at most one '.' as in \"tier.name\";"
              + " or a \"knp.default.\" prefix)");
        }
      }
      case GLOBAL_NETWORK_POLICY, STAGED_GLOBAL_NETWORK_POLICY -> {
        if (!GLOBAL_POLICY_NAME.matcher(name).matches()) {
          c.add(UserText.quoted(name) + " is not a valid global policy name (lower-case letters, digits and"
              + " '-', starting and ending with a letter or digit, with at most one '.' as in \"tier.name\")");
        }
      }
      default -> {
        if (!KubernetesNames.matchesSubdomainPattern(name)) {
          c.add(UserText.quoted(name) + " is not a valid name (lower-case letters, digits, '-' and '.',"
              + " each dot-separated part starting and ending with a letter or digit)");
        }
      }
    }
  }

  private static void namespace(String namespace, Kind kind, ViolationCollector c) {
    if (namespace == null || namespace.isEmpty()) {
      return;
    }
    if (!kind.namespaced()) {
      c.add("is set, but " + kind.apiName() + " is not namespaced (leave metadata.namespace out)");
    } else if (!KubernetesNames.isDns1123Label(namespace)) {
      c.add(UserText.quoted(namespace) + " is not a valid namespace (at most 63 lower-case letters, digits"
          + " and '-', starting and ending with a letter or digit)");
    }
  }

  /** Checks a label map: keys are qualified names, values label values. */
  static void labels(Map<String, String> labels, ViolationCollector c) {
    for (Map.Entry<String, String> e : labels.entrySet()) {
      String key = e.getKey();
      String value = e.getValue() == null ? "" : e.getValue();
      List<String> keyProblems = KubernetesNames.qualifiedNameProblems(key);
      if (!keyProblems.isEmpty()) {
        c.key(key).add("label key " + UserText.quoted(key) + " " + String.join("; ", keyProblems));
      }
      List<String> valueProblems = KubernetesNames.labelValueProblems(value);
      if (!valueProblems.isEmpty()) {
        c.key(key).add("label value " + UserText.quoted(value) + " " + String.join("; ", valueProblems));
      }
    }
  }

  /** Checks an annotation map: keys (lower-cased) are qualified names; keys plus values at most 256 KiB. */
  static void annotations(Map<String, String> annotations, ViolationCollector c) {
    long total = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      String key = e.getKey();
      // Calico checks the lower-cased key, so ProjectCalico.org/Label is accepted.
      List<String> problems = KubernetesNames.qualifiedNameProblems(key.toLowerCase(java.util.Locale.ROOT));
      if (!problems.isEmpty()) {
        c.key(key).add("annotation key " + UserText.quoted(key) + " " + String.join("; ", problems));
      }
      // Go measures bytes; for the limit, count UTF-8 bytes as well.
      total += utf8Length(key) + (e.getValue() == null ? 0 : utf8Length(e.getValue()));
    }
    if (total > ANNOTATIONS_MAX_BYTES) {
      c.add("total size of annotations is " + total + " bytes, " + (total - ANNOTATIONS_MAX_BYTES)
          + " too many (keys plus values at most " + ANNOTATIONS_MAX_BYTES + " bytes)");
    }
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x80) {
        n++;
      } else if (ch < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
