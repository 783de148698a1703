package io.selvedge.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled label selector for {@link Datastore#list}: which stored resources' labels match.
 * Backends evaluate it over the labels they keep beside each resource, before decoding the
 * resource. Immutable; thread-safe; matching costs what the selector costs per resource.
 */
public final class LabelFilter {
  private static final LabelFilter ALL = new LabelFilter(labels -> true);

  private final Predicate<Map<String, String>> predicate;

  private LabelFilter(Predicate<Map<String, String>> predicate) {
    this.predicate = predicate;
  }

  /**
   * Compiles a Calico selector; {@code null} or blank matches everything.
   *
   * @throws IllegalArgumentException if it does not parse
   */
  public static LabelFilter parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return ALL;
    }
    return new LabelFilter(InterimSelector.compile(selector));
  }

  public boolean matches(Map<String, String> labels) {
    return predicate.test(labels);
  }

  /**
   * TODO(selector): replace with io.selvedge.selector.Selector when it lands in main. Until
   * then: {@code all()}, {@code has(k)}, {@code !has(k)}, {@code k == 'v'}, {@code k != 'v'}
   * joined by {@code &&}.
   */
  private static final class InterimSelector {
    private static final Pattern TERM = Pattern.compile(
        "\\s*(?:(all)\\(\\)|(!)?\\s*has\\(\\s*([\\w./-]+)\\s*\\)|([\\w./-]+)\\s*(==|!=)\\s*(?:'([^']*)'|\"([^\"]*)\"))\\s*");

    static Predicate<Map<String, String>> compile(String selector) {
      List<Predicate<Map<String, String>>> terms = new ArrayList<>();
      for (String part : selector.split("&&", -1)) {
        Matcher m = TERM.matcher(part);
        if (!m.matches()) {
          throw new IllegalArgumentException("selector \"" + selector + "\" is not supported yet: \"" + part.trim() + "\"");
        }
        if (m.group(1) != null) {
          terms.add(l -> true);
        } else if (m.group(3) != null) {
          String k = m.group(3);
          boolean negate = m.group(2) != null;
          terms.add(l -> l.containsKey(k) != negate);
        } else {
          String k = m.group(4);
          String v = m.group(6) != null ? m.group(6) : m.group(7);
          boolean eq = m.group(5).equals("==");
          // Calico: k != 'v' also matches when k is absent.
          terms.add(l -> v.equals(l.get(k)) == eq);
        }
      }
      return l -> terms.stream().allMatch(t -> t.test(l));
    }
  }
}
