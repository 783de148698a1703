package io.selvedge.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The resource kinds Selvedge understands, with the names and short names calicoctl accepts.
 * Lookup by {@link #fromUserName} is case-insensitive and accepts singular and plural forms.
 */
public enum Kind {
  NETWORK_POLICY("NetworkPolicy", true, "networkpolicies", "np", "cnp", "caliconetworkpolicy", "caliconetworkpolicies", "pol", "policy", "policies"),
  GLOBAL_NETWORK_POLICY("GlobalNetworkPolicy", false, "globalnetworkpolicies", "gnp", "cgnp", "calicoglobalnetworkpolicy", "calicoglobalnetworkpolicies"),
  STAGED_NETWORK_POLICY("StagedNetworkPolicy", true, "stagednetworkpolicies", "snp"),
  STAGED_GLOBAL_NETWORK_POLICY("StagedGlobalNetworkPolicy", false, "stagedglobalnetworkpolicies", "sgnp"),
  NETWORK_SET("NetworkSet", true, "networksets", "netset", "netsets"),
  GLOBAL_NETWORK_SET("GlobalNetworkSet", false, "globalnetworksets", "gns"),
  HOST_ENDPOINT("HostEndpoint", false, "hostendpoints", "hep", "heps"),
  WORKLOAD_ENDPOINT("WorkloadEndpoint", true, "workloadendpoints", "wep", "weps"),
  PROFILE("Profile", false, "profiles", "pro", "pros"),
  TIER("Tier", false, "tiers"),
  GLOBAL_THREAT_FEED("GlobalThreatFeed", false, "globalthreatfeeds", "gtf", "globalthreatfeed.projectcalico.org",
      "globalthreatfeeds.projectcalico.org");

  public static final String API_VERSION = "projectcalico.org/v3";

  private final String apiName;
  private final boolean namespaced;
  private final List<String> aliases;

  Kind(String apiName, boolean namespaced, String... aliases) {
    this.apiName = apiName;
    this.namespaced = namespaced;
    this.aliases = List.of(aliases);
  }

  /** The {@code kind:} value in YAML, e.g. {@code GlobalNetworkPolicy}. */
  public String apiName() {
    return apiName;
  }

  public boolean namespaced() {
    return namespaced;
  }

  /** Plural first, then short names. */
  public List<String> aliases() {
    return aliases;
  }

  /** Exact match on the {@code kind:} field of a document. */
  public static Optional<Kind> fromApiName(String name) {
    for (Kind k : values()) {
      if (k.apiName.equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** What a user types on the command line: any case, singular, plural or short name. */
  public static Optional<Kind> fromUserName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Kind k : values()) {
      if (k.apiName.toLowerCase(Locale.ROOT).equals(n) || k.aliases.contains(n)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  public boolean isPolicy() {
    return this == NETWORK_POLICY || this == GLOBAL_NETWORK_POLICY
        || this == STAGED_NETWORK_POLICY || this == STAGED_GLOBAL_NETWORK_POLICY;
  }
}
