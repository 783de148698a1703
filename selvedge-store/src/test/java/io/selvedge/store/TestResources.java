package io.selvedge.store;

import io.selvedge.model.Action;
import io.selvedge.model.EntityRule;
import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Port;
import io.selvedge.model.Protocol;
import io.selvedge.model.Resource;
import io.selvedge.model.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small resources for datastore tests. */
public final class TestResources {
  private TestResources() {}

  public static GlobalNetworkSet gns(String name, Map<String, String> labels, String... nets) {
    return new GlobalNetworkSet(ObjectMeta.named(name).withLabels(labels), new NetworkSetSpec(List.of(nets)));
  }

  public static GlobalNetworkSet gns(String name, String... nets) {
    return gns(name, Map.of(), nets);
  }

  public static NetworkSet netset(String namespace, String name, Map<String, String> labels, String... nets) {
    return new NetworkSet(ObjectMeta.named(namespace, name).withLabels(labels), new NetworkSetSpec(List.of(nets)));
  }

  /** A policy with a rule that exercises ports, protocols and nets in the stored form. */
  public static GlobalNetworkPolicy gnp(String name, double order, String selector) {
    Rule allowWeb = new Rule(Action.Allow, null, Protocol.TCP, null, null, null,
        new EntityRule(List.of("10.0.0.0/8"), null, null, null, null, null, null, null, null),
        new EntityRule(null, null, null, null, List.of(Port.of(80), Port.range(8000, 8080), Port.named("https")),
            null, null, null, null),
        null, null);
    return new GlobalNetworkPolicy(ObjectMeta.named(name),
        new PolicySpec(null, null, order, List.of(allowWeb), null, selector, List.of(PolicyType.Ingress),
            false, false, false, null, null, null));
  }

  /** {@code n} distinct IPv4 /32 CIDRs. */
  public static List<String> cidrs(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add("10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff) + "/32");
    }
    return out;
  }

  public static <R extends Resource> R withVersion(R r, String resourceVersion) {
    ObjectMeta m = r.metadata();
    @SuppressWarnings("unchecked")
    R out = (R) r.withMetadata(m.withStoreFields(m.uid(), resourceVersion, m.generation(), m.creationTimestamp()));
    return out;
  }

  public static <R extends Resource> R withLabels(R r, Map<String, String> labels) {
    @SuppressWarnings("unchecked")
    R out = (R) r.withMetadata(r.metadata().withLabels(labels));
    return out;
  }

  public static <R extends Resource> R withAnnotation(R r, String key, String value) {
    ObjectMeta m = r.metadata();
    Map<String, String> ann = new LinkedHashMap<>(m.annotations());
    ann.put(key, value);
    @SuppressWarnings("unchecked")
    R out = (R) r.withMetadata(new ObjectMeta(m.name(), m.namespace(), m.uid(), m.resourceVersion(),
        m.generation(), m.creationTimestamp(), m.labels(), ann));
    return out;
  }
}
