package io.selvedge.codec;

import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.GlobalThreatFeed;
import io.selvedge.model.GlobalThreatFeedSpec;
import io.selvedge.model.GlobalThreatFeedStatus;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.HostEndpointSpec;
import io.selvedge.model.Kind;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.Profile;
import io.selvedge.model.ProfileSpec;
import io.selvedge.model.Resource;
import io.selvedge.model.StagedGlobalNetworkPolicy;
import io.selvedge.model.StagedNetworkPolicy;
import io.selvedge.model.Tier;
import io.selvedge.model.TierSpec;
import io.selvedge.model.WorkloadEndpoint;
import io.selvedge.model.WorkloadEndpointSpec;
import java.lang.reflect.Constructor;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each kind looks like on the wire: its record, its spec record, and the fields of a
 * shared spec record that the kind does not have. Calico's NetworkPolicy struct has no
 * {@code namespaceSelector}, {@code doNotTrack}, {@code preDNAT} or {@code applyOnForward},
 * and only the staged kinds have {@code stagedAction}; since {@link PolicySpec} carries all of
 * them, the codec treats the missing ones as unknown fields of that kind. {@code statusType}
 * is the record of a kind's {@code status} (null for kinds without one).
 */
record KindBinding(Kind kind, Class<? extends Resource> resourceType, Class<?> specType,
    Map<String, String> missingSpecFields, Class<?> statusType) {

  private static final String GLOBAL_ONLY = "exists only on GlobalNetworkPolicy and StagedGlobalNetworkPolicy";
  private static final String STAGED_ONLY = "exists only on StagedNetworkPolicy and StagedGlobalNetworkPolicy";
  private static final Map<Kind, KindBinding> ALL = new EnumMap<>(Kind.class);

  static {
    Map<String, String> globalOnly = new LinkedHashMap<>();
    globalOnly.put("namespaceSelector", "namespaceSelector " + GLOBAL_ONLY
        + " (a namespaced policy applies to its own namespace; to match peers in other namespaces use"
        + " namespaceSelector inside a rule's source or destination)");
    globalOnly.put("doNotTrack", "doNotTrack " + GLOBAL_ONLY);
    globalOnly.put("preDNAT", "preDNAT " + GLOBAL_ONLY);
    globalOnly.put("applyOnForward", "applyOnForward " + GLOBAL_ONLY);
    Map<String, String> stagedOnly = Map.of("stagedAction", "stagedAction " + STAGED_ONLY);
    Map<String, String> np = new LinkedHashMap<>(globalOnly);
    np.putAll(stagedOnly);

    put(Kind.NETWORK_POLICY, NetworkPolicy.class, PolicySpec.class, np);
    put(Kind.GLOBAL_NETWORK_POLICY, GlobalNetworkPolicy.class, PolicySpec.class, stagedOnly);
    put(Kind.STAGED_NETWORK_POLICY, StagedNetworkPolicy.class, PolicySpec.class, globalOnly);
    put(Kind.STAGED_GLOBAL_NETWORK_POLICY, StagedGlobalNetworkPolicy.class, PolicySpec.class, Map.of());
    put(Kind.NETWORK_SET, NetworkSet.class, NetworkSetSpec.class, Map.of());
    put(Kind.GLOBAL_NETWORK_SET, GlobalNetworkSet.class, NetworkSetSpec.class, Map.of());
    put(Kind.HOST_ENDPOINT, HostEndpoint.class, HostEndpointSpec.class, Map.of());
    put(Kind.WORKLOAD_ENDPOINT, WorkloadEndpoint.class, WorkloadEndpointSpec.class, Map.of());
    put(Kind.PROFILE, Profile.class, ProfileSpec.class, Map.of());
    put(Kind.TIER, Tier.class, TierSpec.class, Map.of());
    ALL.put(Kind.GLOBAL_THREAT_FEED, new KindBinding(Kind.GLOBAL_THREAT_FEED, GlobalThreatFeed.class,
        GlobalThreatFeedSpec.class, Map.of(), GlobalThreatFeedStatus.class));
    for (Kind k : Kind.values()) {
      if (!ALL.containsKey(k)) {
        throw new ExceptionInInitializerError("no codec binding for kind " + k);
      }
    }
  }

  private static void put(Kind k, Class<? extends Resource> r, Class<?> spec, Map<String, String> missing) {
    ALL.put(k, new KindBinding(k, r, spec, Map.copyOf(missing), null));
  }

  static KindBinding of(Kind k) {
    return ALL.get(k);
  }

  /** The resource; {@code status} is ignored for kinds without one ({@code statusType} null). */
  Resource create(ObjectMeta metadata, Object spec, Object status) {
    try {
      if (statusType != null) {
        return resourceType.getDeclaredConstructor(ObjectMeta.class, specType, statusType)
            .newInstance(metadata, spec, status);
      }
      Constructor<? extends Resource> c = resourceType.getDeclaredConstructor(ObjectMeta.class, specType);
      return c.newInstance(metadata, spec);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
