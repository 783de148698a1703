package io.selvedge.engine;

import java.util.Objects;

/**
 * A profile's rules, resolved like a policy's. Profile rule selectors are global (spec §1.10).
 * A profile that an endpoint references but that does not exist is present here with
 * {@code missing == true} and a single Deny rule per direction and family, as Felix substitutes
 * (spec §3.7, G26): it denies at its position in the endpoint's profile list.
 */
public record ResolvedProfile(ProfileId id, boolean missing, RuleLists rules) {
  public ResolvedProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(rules, "rules");
  }
}
