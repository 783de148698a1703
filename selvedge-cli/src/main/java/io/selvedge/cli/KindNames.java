package io.selvedge.cli;

import io.selvedge.model.Kind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The kind names offered when completing a KIND argument ({@code completionCandidates}): each
 * kind's lower-case name and its main short name ({@code globalnetworkpolicy}, {@code gnp}, ...).
 * {@link KindArgument} accepts more spellings (plurals, calicoctl's other short names); offering
 * all of them would bury the useful ones, and a plural completes from its singular anyway.
 */
final class KindNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return all().iterator();
  }

  static List<String> all() {
    List<String> names = new ArrayList<>();
    for (Kind k : Kind.values()) {
      names.add(k.apiName().toLowerCase(Locale.ROOT));
      if (k.aliases().size() > 1) {
        names.add(k.aliases().get(1)); // aliases are the plural, then the short names
      }
    }
    names.add("nodes"); // not a resource: the agents' status (get nodes)
    return names;
  }
}
