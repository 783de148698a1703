package io.selvedge.bench.data;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Profile;
import io.selvedge.model.ProfileSpec;
import io.selvedge.model.Resource;
import io.selvedge.model.Tier;
import io.selvedge.model.TierSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a realistic synthetic cluster for a {@link ClusterScale}, deterministically from a
 * seed. The shape, shared by the generators of this package:
 *
 * <ul>
 *   <li>{@value #NAMESPACES} namespaces {@code ns-00..}, each with {@value #APPS_PER_NAMESPACE}
 *       apps ({@code app-000..}; app {@code a} has role {@code frontend|backend|db|cache} by
 *       {@code a % 4}); namespace profiles {@code kns.ns-NN} and service-account profiles
 *       {@code ksa.ns-NN.sa-K} carry {@code pcns.}/{@code pcsa.} labels as Calico's Kubernetes
 *       integration writes them;
 *   <li>endpoints: {@link EndpointGenerator}; network sets and the block list:
 *       {@link NetworkSetGenerator}; tiers {@code security} (100) and {@code platform} (200) plus
 *       the default tier; policies: {@link PolicyGenerator}.
 * </ul>
 *
 * Stateless; a 1M-CIDR cluster takes a few seconds and ~80 MB of heap (mostly the block list's strings).
 */
public final class ClusterGenerator {
  /** The node whose desired state the engine benchmarks compute. */
  public static final String NODE = "node-000";
  /** The seed every recorded number used. */
  public static final long SEED = 4_2024_0601L;
  static final int NAMESPACES = 50;
  static final int APPS_PER_NAMESPACE = 4;
  static final String[] ROLES = {"frontend", "backend", "db", "cache"};
  static final String[] ENVS = {"prod", "staging", "dev"};

  private ClusterGenerator() {}

  public static SyntheticCluster generate(ClusterScale scale) {
    return generate(scale, SEED);
  }

  public static SyntheticCluster generate(ClusterScale scale, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Resource> tiers = List.of(
        new Tier(ObjectMeta.named("security"), new TierSpec(100d, "Deny")),
        new Tier(ObjectMeta.named("platform"), new TierSpec(200d, "Deny")));
    List<Resource> endpoints = EndpointGenerator.generate(scale, rnd.split());
    NetworkSetGenerator sets = new NetworkSetGenerator(rnd.split());
    List<Resource> networkSets = sets.small(scale.networkSets() - 1);
    GlobalNetworkSet blocklist = sets.blocklist(scale.blocklistCidrs(), seed);
    networkSets.add(blocklist);
    List<Resource> policies = new PolicyGenerator(rnd.split()).generate(scale.policies());
    return new SyntheticCluster(scale, tiers, profiles(), networkSets, blocklist, policies, endpoints);
  }

  /** Just the block list GlobalNetworkSet of a cluster ({@code feed: blocklist}), for store benchmarks. */
  public static GlobalNetworkSet blocklist(int cidrs) {
    return NetworkSetGenerator.blocklist(CidrFeedGenerator.ipv4(cidrs, SEED));
  }

  static String namespace(int i) {
    return String.format("ns-%02d", i % NAMESPACES);
  }

  /** App {@code k} (0..3) of namespace {@code ns}. */
  static int app(int ns, int k) {
    return (ns % NAMESPACES) * APPS_PER_NAMESPACE + k % APPS_PER_NAMESPACE;
  }

  static String appName(int app) {
    return String.format("app-%03d", app);
  }

  static String env(int ns) {
    return ENVS[ns % ENVS.length];
  }

  private static List<Resource> profiles() {
    List<Resource> out = new ArrayList<>();
    for (int ns = 0; ns < NAMESPACES; ns++) {
      String name = namespace(ns);
      Map<String, String> apply = new LinkedHashMap<>();
      apply.put("pcns.projectcalico.org/name", name);
      apply.put("pcns.env", env(ns));
      out.add(new Profile(ObjectMeta.named("kns." + name),
          new ProfileSpec(List.of(Rules.allowAll()), List.of(Rules.allowAll()), apply)));
      for (int sa = 0; sa < APPS_PER_NAMESPACE; sa++) {
        out.add(new Profile(ObjectMeta.named("ksa." + name + ".sa-" + sa),
            new ProfileSpec(null, null, Map.of("pcsa.projectcalico.org/name", "sa-" + sa))));
      }
    }
    return out;
  }
}
