package io.selvedge.validate;

import io.selvedge.model.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Kubernetes name grammars Calico reuses (from {@code k8s.io/apimachinery} validation):
 * DNS-1123 labels and subdomains, qualified names (label and annotation keys), label values
 * and port names. Each check returns the problems found, empty when the text is valid.
 *
 * <p>Every pattern is matched against the whole text, so a trailing newline is a problem.
 */
final class KubernetesNames {
  static final String LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  static final String SUBDOMAIN_FORMAT = LABEL_FORMAT + "(\\." + LABEL_FORMAT + ")*";
  static final int LABEL_MAX = 63;
  static final int SUBDOMAIN_MAX = 253;

  private static final Pattern LABEL = Pattern.compile(LABEL_FORMAT);
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);
  private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

  private KubernetesNames() {}

  static boolean isDns1123Label(String s) {
    return s != null && s.length() <= LABEL_MAX && LABEL.matcher(s).matches();
  }

  static boolean isDns1123Subdomain(String s) {
    return s != null && s.length() <= SUBDOMAIN_MAX && SUBDOMAIN.matcher(s).matches();
  }

  /** Whether {@code s} matches the DNS-1123 subdomain pattern, length not considered. */
  static boolean matchesSubdomainPattern(String s) {
    return SUBDOMAIN.matcher(s).matches();
  }

  /** Whether {@code s} matches the DNS-1123 label pattern, length not considered. */
  static boolean matchesLabelPattern(String s) {
    return LABEL.matcher(s).matches();
  }

  /** Problems with a label or annotation key: {@code [prefix/]name}. */
  static List<String> qualifiedNameProblems(String key) {
    List<String> problems = new ArrayList<>(1);
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      if (key.indexOf('/', slash + 1) >= 0) {
        problems.add("has more than one '/' (a key is [prefix/]name: an optional DNS subdomain prefix and a name)");
        return problems;
      }
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()) {
        problems.add("has an empty prefix before '/' (a key is [prefix/]name)");
      } else if (prefix.length() > SUBDOMAIN_MAX) {
        problems.add("has a prefix of " + prefix.length() + " characters (at most " + SUBDOMAIN_MAX + ")");
      } else if (!SUBDOMAIN.matcher(prefix).matches()) {
        problems.add("has prefix " + UserText.quoted(prefix) + ", not a DNS subdomain (lower-case letters, digits,"
            + " '-' and '.', starting and ending with a letter or digit)");
      }
    }
    if (name.isEmpty()) {
      problems.add("has an empty name part (a key is [prefix/]name)");
    } else if (name.length() > LABEL_MAX) {
      problems.add("has a name part of " + name.length() + " characters (at most " + LABEL_MAX + ")");
    } else if (!QUALIFIED_NAME_PART.matcher(name).matches()) {
      problems.add("has name part " + UserText.quoted(name) + " (a name part is letters, digits, '-', '_' and '.',"
          + " starting and ending with a letter or digit)");
    }
    return problems;
  }

  /** Problems with a label value: empty, or up to 63 of the qualified-name alphabet. */
  static List<String> labelValueProblems(String value) {
    if (value.length() > LABEL_MAX) {
      return List.of("is " + value.length() + " characters long (at most " + LABEL_MAX + ")");
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      return List.of("is not a valid label value (empty, or letters, digits, '-', '_' and '.',"
          + " starting and ending with a letter or digit)");
    }
    return List.of();
  }

  /** Kubernetes {@code IsValidPortName}: an IANA service name. */
  static List<String> portNameProblems(String name) {
    List<String> problems = new ArrayList<>(1);
    if (name.length() > 15) {
      problems.add("is " + name.length() + " characters long (at most 15)");
    }
    if (!PORT_NAME_CHARS.matcher(name).matches()) {
      problems.add("may only contain lower-case letters, digits and '-'");
    }
    if (!HAS_LETTER.matcher(name).matches()) {
      problems.add("must contain at least one letter");
    }
    if (name.contains("--")) {
      problems.add("must not contain \"--\"");
    }
    if (name.startsWith("-") || name.endsWith("-")) {
      problems.add("must not begin or end with '-'");
    }
    return problems;
  }
}
