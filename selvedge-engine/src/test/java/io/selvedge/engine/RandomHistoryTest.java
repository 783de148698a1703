package io.selvedge.engine;

import static io.selvedge.engine.Fixtures.entity;
import static io.selvedge.engine.Fixtures.gnp;
import static io.selvedge.engine.Fixtures.gns;
import static io.selvedge.engine.Fixtures.hep;
import static io.selvedge.engine.Fixtures.np;
import static io.selvedge.engine.Fixtures.ns;
import static io.selvedge.engine.Fixtures.port;
import static io.selvedge.engine.Fixtures.profile;
import static io.selvedge.engine.Fixtures.sgnp;
import static io.selvedge.engine.Fixtures.snp;
import static io.selvedge.engine.Fixtures.spec;
import static io.selvedge.engine.Fixtures.tier;
import static io.selvedge.engine.Fixtures.wep;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.Action;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Port;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Protocol;
import io.selvedge.model.Resource;
import io.selvedge.model.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * States, not steps: random histories of upserts and deletes (labels, selectors, tiers,
 * profiles, addresses changing under the graph), flushed at random points, must end in exactly
 * the state a fresh graph computes from the surviving resources alone; the folded delta stream
 * must equal the snapshot, and no update may leave a dangling reference.
 */
class RandomHistoryTest {
  private static final String[] NAMESPACES = {"ns1", "ns2"};
  private static final String[] SELECTORS = {"", "all()", "app == 'a'", "app in {'a', 'b'}", "has(env)", "!has(app)",
      "env != 'x'", "app == 'a' && env == 'y'", "app == 'b' || env == 'x'", "role == 'none'"};
  private static final String[] NS_SELECTORS = {null, null, "all()", "global()", "env == 'prod'"};
  private static final String[] NETS = {"10.0.0.0/8", "10.0.0.0/24", "10.0.0.1/32", "10.0.0.2/32", "0.0.0.0/0",
      "192.0.2.0/24", "192.0.2.128/25", "fd00::/64", "fd00::1/128", "::/0"};
  private static final String[] HOST_IPS = {"10.0.0.1/32", "10.0.0.2/32", "10.0.0.3/32", "fd00::1/128", "fd00::2/128"};

  private int policies;
  private int setMembers;
  private int endpointTiers;
  private int deltas;
  private int netsDeltas;
  private long revision;

  @Test
  void randomHistoriesEndInTheStateOfTheirSurvivors() {
    for (long seed = 1; seed <= 40; seed++) {
      try {
        run(new Random(seed));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
    // The histories must exercise the graph, not produce empty states.
    assertThat(policies).as("policies").isGreaterThan(40);
    assertThat(setMembers).as("IP set members").isGreaterThan(40);
    assertThat(endpointTiers).as("endpoint tiers").isGreaterThan(40);
    assertThat(deltas).as("IP set deltas").isGreaterThan(20);
    assertThat(netsDeltas).as("network-set changes applied as nets deltas").isGreaterThan(40);
  }

  private record Key(String kind, String ns, String name) {
    static Key of(Resource r) {
      return new Key(r.kind().apiName(), r.metadata().namespace(), r.metadata().name());
    }
  }

  private void run(Random rnd) {
    Replay live = new Replay("node1");
    Map<Key, Resource> current = new LinkedHashMap<>();
    for (int step = 0; step < 150; step++) {
      if (!current.isEmpty() && rnd.nextInt(10) < 3) {
        List<Key> keys = new ArrayList<>(current.keySet());
        Key k = keys.get(rnd.nextInt(keys.size()));
        live.graph.onDelete(current.remove(k));
      } else {
        Resource r = randomResource(rnd);
        Resource old = current.put(Key.of(r), r);
        NetsChange change = netsChange(old, r);
        if (change != null && rnd.nextInt(4) != 0) {
          // The delta entry point must reach the state a full update of the new version does.
          assertThat(live.graph.applyNetsDelta(change)).as("delta on the version held: %s", change).isTrue();
          netsDeltas++;
        } else {
          live.graph.onUpdate(r);
        }
      }
      if (rnd.nextInt(4) == 0) {
        live.graph.flush(u -> {
          if (u instanceof DesiredStateUpdate.IpSetDelta) {
            deltas++;
          }
          live.mirror = live.mirror.apply(u);
          assertThat(live.mirror.danglingReferences()).isEmpty();
        });
      }
    }
    live.flush();
    DesiredState got = live.graph.snapshot();
    assertThat(live.mirror).isEqualTo(got);
    List<Resource> survivors = new ArrayList<>(current.values());
    Collections.shuffle(survivors, rnd);
    Replay fresh = new Replay("node1");
    DesiredState expected = fresh.feed(survivors, false);
    assertThat(got).isEqualTo(expected);
    policies += got.policies().size();
    got.ipSets().values().forEach(x -> setMembers += x.size());
    got.endpoints().values().forEach(x -> endpointTiers += x.normal().size() + x.untracked().size());
    assertThat(live.graph.problems()).isEqualTo(fresh.graph.problems());
    live.deleteAll(survivors, rnd.nextBoolean());
  }

  /** The nets delta from {@code old} to {@code now}, if both are the same network set with the same labels. */
  private static NetsChange netsChange(Resource old, Resource now) {
    if (old == null || old.kind() != now.kind() || !old.metadata().labels().equals(now.metadata().labels())) {
      return null;
    }
    List<String> before = nets(old);
    List<String> after = nets(now);
    if (before == null) {
      return null;
    }
    List<String> removed = new ArrayList<>(before);
    List<String> added = new ArrayList<>();
    for (String n : after) {
      if (!removed.remove(n)) {
        added.add(n);
      }
    }
    return new NetsChange(now.kind(), now.metadata().namespace(), now.metadata().name(),
        old.metadata().resourceVersion(), now.metadata().resourceVersion(), removed, added);
  }

  private static List<String> nets(Resource r) {
    return r instanceof GlobalNetworkSet g ? g.spec().nets() : r instanceof NetworkSet n ? n.spec().nets() : null;
  }

  private <R extends Resource> Resource versioned(R r) {
    ObjectMeta m = r.metadata();
    return r.withMetadata(m.withStoreFields(m.uid(), Long.toString(++revision), m.generation(), m.creationTimestamp()));
  }

  private static <T> T pick(Random rnd, T[] a) {
    return a[rnd.nextInt(a.length)];
  }

  private static Map<String, String> randomLabels(Random rnd) {
    Map<String, String> m = new HashMap<>();
    if (rnd.nextBoolean()) {
      m.put("app", pick(rnd, new String[] {"a", "b", "c"}));
    }
    if (rnd.nextBoolean()) {
      m.put("env", pick(rnd, new String[] {"x", "y"}));
    }
    return m;
  }

  private static List<String> some(Random rnd, String[] pool, int max) {
    List<String> out = new ArrayList<>();
    for (int i = rnd.nextInt(max + 1); i > 0; i--) {
      out.add(pick(rnd, pool));
    }
    return out;
  }

  private Resource randomResource(Random rnd) {
    switch (rnd.nextInt(9)) {
      case 0, 1: {
        List<String> ips = some(rnd, HOST_IPS, 2);
        return wep(rnd.nextBoolean() ? "node1" : "node2", pick(rnd, NAMESPACES), "w" + rnd.nextInt(5),
            randomLabels(rnd), "cali" + rnd.nextInt(3), ips, some(rnd, new String[] {"p0", "p1", "missing"}, 2),
            rnd.nextBoolean() ? List.of(port("http", rnd.nextBoolean() ? Protocol.TCP : Protocol.UDP, 80 + rnd.nextInt(2)))
                : List.of(), rnd.nextBoolean() ? "sa" + rnd.nextInt(2) : null);
      }
      case 2:
        return hep(rnd.nextBoolean() ? "node1" : "node2", "h" + rnd.nextInt(3), randomLabels(rnd),
            pick(rnd, new String[] {"eth0", "*", ""}),
            some(rnd, new String[] {"192.0.2.1", "192.0.2.2", "fd00::9"}, 2), some(rnd, new String[] {"p0"}, 1));
      case 3:
        // Versioned (as a datastore gives them) so that changes can also go in as nets deltas;
        // most keep one set of labels, so that many changes of a set can.
        Map<String, String> labels = rnd.nextInt(4) == 0 ? randomLabels(rnd) : Map.of("app", "a");
        return versioned(rnd.nextBoolean()
            ? gns("g" + rnd.nextInt(3), labels, some(rnd, NETS, 3).toArray(String[]::new))
            : ns(pick(rnd, NAMESPACES), "n" + rnd.nextInt(2), labels, some(rnd, NETS, 3).toArray(String[]::new)));
      case 4: {
        String name = pick(rnd, new String[] {"p0", "p1", "kns.ns1"});
        Map<String, String> l = new HashMap<>();
        if (rnd.nextBoolean()) {
          l.put(name.startsWith("kns") ? "pcns.env" : "env", pick(rnd, new String[] {"prod", "x"}));
        }
        if (rnd.nextBoolean()) {
          l.put("app", "b");
        }
        return profile(name, l, randomRules(rnd), randomRules(rnd));
      }
      case 5:
        return tier("t" + rnd.nextInt(2), rnd.nextBoolean() ? null : (double) rnd.nextInt(3),
            rnd.nextBoolean() ? "Pass" : null);
      default:
        return randomPolicy(rnd);
    }
  }

  private Resource randomPolicy(Random rnd) {
    Fixtures.Spec s = spec().selector(pick(rnd, SELECTORS));
    if (rnd.nextBoolean()) {
      s.order(rnd.nextInt(3));
    }
    s.tier(pick(rnd, new String[] {null, "default", "t0", "t1", "tmissing"}));
    int t = rnd.nextInt(4);
    if (t == 1) {
      s.types(PolicyType.Ingress);
    } else if (t == 2) {
      s.types(PolicyType.Egress);
    } else if (t == 3) {
      s.types(PolicyType.Ingress, PolicyType.Egress);
    }
    s.ingress(randomRules(rnd).toArray(Rule[]::new));
    s.egress(randomRules(rnd).toArray(Rule[]::new));
    String name = "q" + rnd.nextInt(5);
    int kind = rnd.nextInt(4);
    if (kind == 0 || kind == 2) {
      int flags = rnd.nextInt(4);
      if (flags == 1) {
        s.doNotTrack();
      } else if (flags == 2) {
        s.preDnat();
      } else if (flags == 3) {
        s.applyOnForward();
      }
      if (rnd.nextInt(3) == 0) {
        s.nsSelector(pick(rnd, new String[] {"env == 'prod'", "all()"}));
      }
      return kind == 0 ? gnp(name, s) : sgnp(name, s);
    }
    if (rnd.nextInt(4) == 0) {
      s.saSelector(pick(rnd, new String[] {"all()", "team == 'x'"}));
    }
    return kind == 1 ? np(pick(rnd, NAMESPACES), name, s) : snp(pick(rnd, NAMESPACES), name, s);
  }

  private List<Rule> randomRules(Random rnd) {
    List<Rule> out = new ArrayList<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      Fixtures.R r = new Fixtures.R(pick(rnd, Action.values()));
      if (rnd.nextInt(3) == 0) {
        r.protocol(pick(rnd, new Protocol[] {Protocol.TCP, Protocol.UDP, Protocol.ICMP, Protocol.number(1)}));
      }
      if (rnd.nextInt(5) == 0) {
        r.ipVersion(rnd.nextBoolean() ? 4 : 6);
      }
      r.src(randomEntity(rnd, r.protocol));
      r.dst(randomEntity(rnd, r.protocol));
      out.add(r.build());
    }
    return out;
  }

  private io.selvedge.model.EntityRule randomEntity(Random rnd, Protocol proto) {
    Fixtures.E e = entity();
    if (rnd.nextInt(3) == 0) {
      e.selector(pick(rnd, SELECTORS));
    }
    if (rnd.nextInt(4) == 0) {
      e.notSelector(pick(rnd, SELECTORS));
    }
    if (rnd.nextInt(5) == 0) {
      String nsSel = pick(rnd, NS_SELECTORS);
      if (nsSel != null) {
        e.nsSelector(nsSel);
      }
    }
    if (rnd.nextInt(4) == 0) {
      e.nets(some(rnd, NETS, 2).toArray(String[]::new));
    }
    if (rnd.nextInt(5) == 0) {
      e.notNets(some(rnd, NETS, 1).toArray(String[]::new));
    }
    if (rnd.nextInt(4) == 0) {
      boolean numeric = proto != null && proto.supportsPorts() && rnd.nextBoolean();
      e.ports(numeric ? Port.of(80) : Port.named("http"));
    }
    if (rnd.nextInt(8) == 0) {
      e.serviceAccounts(some(rnd, new String[] {"sa0", "sa1"}, 2), rnd.nextBoolean() ? "team == 'x'" : null);
    }
    return e.build();
  }
}
