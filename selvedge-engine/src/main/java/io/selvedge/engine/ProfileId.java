package io.selvedge.engine;

import java.util.Objects;

/** Identity of a profile (profiles are cluster-scoped: a name). */
public record ProfileId(String name) implements RuleOwner, Comparable<ProfileId> {
  public ProfileId {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public int compareTo(ProfileId o) {
    return name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return "profile/" + name;
  }
}
