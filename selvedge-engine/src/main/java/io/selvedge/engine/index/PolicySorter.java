package io.selvedge.engine.index;

import io.selvedge.engine.PolicyId;
import io.selvedge.engine.TierDefault;
import io.selvedge.model.TierSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Calico's evaluation order of tiers and of policies within a tier (spec §3.6, G4, G5), and the
 * tiers' effective properties. It knows the Tier resources; the neighbour
 * {@code EndpointPolicyResolver} asks it to order the policies that select one endpoint.
 *
 * <ul>
 *   <li>Tiers: existing tiers before tiers only referenced by policies; then non-null order
 *       before null; then ascending order; ties by name (byte order).
 *   <li>An existing Tier with no {@code order} gets the API default 1,000,000 (the API layer
 *       fills it on every read, spec §1.11); a referenced but missing tier has no order and an
 *       implicit Deny default. The built-in tiers {@code default} (1,000,000, Deny),
 *       {@code kube-admin} (1,000, Pass) and {@code kube-baseline} (10,000,000, Pass) exist even
 *       without a resource, as Calico creates them at start and forbids deleting them.
 *   <li>Policies: ascending {@code order}, null = +infinity; ties by the string
 *       {@code name/namespace/kind} ({@link PolicyId#tieBreakKey()}).
 * </ul>
 *
 * <p>{@link #sort} is O(m log m) for the m policies given. Not thread-safe.
 */
public final class PolicySorter {

  /** A tier's effective properties. {@code order} null only for referenced-but-missing tiers. */
  public record TierInfo(String name, boolean exists, Double order, TierDefault defaultAction) {
    public TierInfo {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(defaultAction, "defaultAction");
    }
  }

  /** What the sorter needs of a policy. */
  public record PolicyOrder(PolicyId id, String tier, Double order) {
    public PolicyOrder {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(tier, "tier");
    }
  }

  /** One tier and its policies in evaluation order. */
  public record SortedTier(TierInfo tier, List<PolicyOrder> policies) {}

  public static final Comparator<TierInfo> TIER_ORDER = (a, b) -> {
    if (a.exists() != b.exists()) {
      return a.exists() ? -1 : 1;
    }
    if ((a.order() == null) != (b.order() == null)) {
      return a.order() != null ? -1 : 1;
    }
    if (a.order() != null && a.order().doubleValue() != b.order().doubleValue()) {
      return Double.compare(a.order(), b.order());
    }
    return a.name().compareTo(b.name());
  };

  public static final Comparator<PolicyOrder> POLICY_ORDER = (a, b) -> {
    double oa = a.order() == null ? Double.POSITIVE_INFINITY : a.order();
    double ob = b.order() == null ? Double.POSITIVE_INFINITY : b.order();
    if (oa != ob) {
      return Double.compare(oa, ob);
    }
    return a.id().tieBreakKey().compareTo(b.id().tieBreakKey());
  };

  private static final Map<String, TierInfo> BUILT_IN = Map.of(
      "default", new TierInfo("default", true, TierSpec.DEFAULT_ORDER, TierDefault.DENY),
      "kube-admin", new TierInfo("kube-admin", true, 1_000d, TierDefault.PASS),
      "kube-baseline", new TierInfo("kube-baseline", true, 10_000_000d, TierDefault.PASS));

  private final Map<String, TierInfo> tiers = new HashMap<>();

  /** Records a Tier resource. Returns whether its effective properties changed. */
  public boolean updateTier(String name, TierSpec spec) {
    Double order = spec.order() == null ? TierSpec.DEFAULT_ORDER : spec.order();
    // The backend treats any default action other than Pass as Deny (spec §1.11).
    TierDefault action = "Pass".equals(spec.defaultAction()) ? TierDefault.PASS : TierDefault.DENY;
    TierInfo before = tier(name);
    TierInfo now = new TierInfo(name, true, order, action);
    tiers.put(name, now);
    return !now.equals(before);
  }

  /** Forgets a Tier resource. Returns whether the tier's effective properties changed. */
  public boolean removeTier(String name) {
    TierInfo before = tier(name);
    tiers.remove(name);
    return !tier(name).equals(before);
  }

  /** The effective properties of a tier, existing or not. */
  public TierInfo tier(String name) {
    TierInfo t = tiers.get(name);
    if (t != null) {
      return t;
    }
    t = BUILT_IN.get(name);
    return t != null ? t : new TierInfo(name, false, null, TierDefault.DENY);
  }

  /** Groups the policies by tier and orders tiers and policies for evaluation. */
  public List<SortedTier> sort(Collection<PolicyOrder> policies) {
    Map<String, List<PolicyOrder>> byTier = new TreeMap<>();
    for (PolicyOrder p : policies) {
      byTier.computeIfAbsent(p.tier(), k -> new ArrayList<>()).add(p);
    }
    List<SortedTier> out = new ArrayList<>(byTier.size());
    for (Map.Entry<String, List<PolicyOrder>> e : byTier.entrySet()) {
      e.getValue().sort(POLICY_ORDER);
      out.add(new SortedTier(tier(e.getKey()), List.copyOf(e.getValue())));
    }
    out.sort(Comparator.comparing(SortedTier::tier, TIER_ORDER));
    return out;
  }
}
