package io.selvedge.engine;

import static io.selvedge.engine.Fixtures.deny;
import static io.selvedge.engine.Fixtures.entity;
import static io.selvedge.engine.Fixtures.gnp;
import static io.selvedge.engine.Fixtures.gns;
import static io.selvedge.engine.Fixtures.labels;
import static io.selvedge.engine.Fixtures.ns;
import static io.selvedge.engine.Fixtures.spec;
import static io.selvedge.engine.Fixtures.wep;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.Kind;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Resource;
import io.selvedge.selector.Selector;
import io.selvedge.selector.SelectorParseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CalculationGraph#applyNetsDelta}: the same state as a full update of the new version,
 * only deltas out, and a refusal that changes nothing whenever the delta cannot be applied
 * exactly. (Random histories mixing both paths: {@link RandomHistoryTest}.)
 */
class NetsDeltaTest {
  private static final String NODE = "node1";
  private static final String SET = id("deny == 'yes'");

  private static String id(String selector) {
    try {
      return Selector.parse(selector).uniqueId();
    } catch (SelectorParseException e) {
      throw new AssertionError(e);
    }
  }

  private static <R extends Resource> R at(R r, long version) {
    ObjectMeta m = r.metadata();
    @SuppressWarnings("unchecked")
    R out = (R) r.withMetadata(m.withStoreFields(m.uid(), Long.toString(version), m.generation(), m.creationTimestamp()));
    return out;
  }

  private static List<Resource> cluster(Resource set) {
    return new ArrayList<>(List.of(
        wep(NODE, "ns1", "pod", labels(), "cali1", List.of("10.0.0.1/32"), List.of()),
        gnp("p", spec().ingress(deny().src(entity().selector("deny == 'yes'").build()).build())),
        set));
  }

  private static NetsChange change(String base, String version, List<String> removed, List<String> added) {
    return new NetsChange(Kind.GLOBAL_NETWORK_SET, null, "feed", base, version, removed, added);
  }

  @Test
  void removingACoveringNetByDeltaBringsBackWhatItCoveredAndSendsOnlyTheDelta() {
    Replay r = new Replay(NODE);
    r.feed(cluster(at(gns("feed", labels("deny", "yes"), "10.0.0.0/8", "10.1.2.3/32", "0.0.0.0/0"), 5)), false);
    List<DesiredStateUpdate> updates = new ArrayList<>();

    assertThat(r.graph.applyNetsDelta(change("5", "6", List.of("10.0.0.0/8", "0.0.0.0/0"), List.of("192.0.2.0/24"))))
        .isTrue();
    r.graph.flush(u -> {
      updates.add(u);
      r.mirror = r.mirror.apply(u);
    });

    assertThat(updates).containsExactly(new DesiredStateUpdate.IpSetDelta(new IpSetKey(SET, IpFamily.V4),
        List.of(Cidr.parse("0.0.0.0/1"), Cidr.parse("128.0.0.0/1")),
        List.of(Cidr.parse("10.1.2.3/32"), Cidr.parse("192.0.2.0/24"))));
    DesiredState fresh = new Replay(NODE).feed(cluster(gns("feed", labels("deny", "yes"), "10.1.2.3/32", "192.0.2.0/24")),
        false);
    assertThat(r.graph.snapshot()).isEqualTo(fresh).isEqualTo(r.mirror);
  }

  @Test
  void aDeltaThatCannotApplyExactlyIsRefusedAndChangesNothing() {
    Replay r = new Replay(NODE);
    r.feed(cluster(at(gns("feed", labels("deny", "yes"), "10.0.0.0/8", "10.1.2.3/32"), 5)), false);
    DesiredState before = r.graph.snapshot();
    List<String> none = List.of();

    assertThat(r.graph.applyNetsDelta(change("4", "6", none, List.of("192.0.2.1")))).as("another base").isFalse();
    assertThat(r.graph.applyNetsDelta(new NetsChange(Kind.GLOBAL_NETWORK_SET, null, "other", "5", "6", none,
        List.of("192.0.2.1")))).as("an unknown set").isFalse();
    assertThat(r.graph.applyNetsDelta(new NetsChange(Kind.NETWORK_SET, "ns1", "feed", "5", "6", none,
        List.of("192.0.2.1")))).as("a NetworkSet of the same name").isFalse();
    assertThat(r.graph.applyNetsDelta(change("5", "6", List.of("10.9.9.9/32"), none))).as("removes a net not there")
        .isFalse();
    assertThat(r.graph.applyNetsDelta(change("5", "6", List.of("10.1.2.3/32", "10.1.2.3/32"), none)))
        .as("removes a net twice that is there once").isFalse();
    assertThat(r.graph.applyNetsDelta(change("5", "6", none, List.of("192.0.2.1", "10.0.0.300/32"))))
        .as("adds a net that does not parse").isFalse();
    r.flush();
    assertThat(r.graph.snapshot()).isEqualTo(before);

    // The version held moves with full updates; a set with a problem takes full updates only.
    r.graph.onUpdate(at(gns("feed", labels("deny", "yes"), "10.0.0.0/8", "bad"), 7));
    assertThat(r.graph.applyNetsDelta(change("7", "8", none, List.of("192.0.2.1")))).as("set with a problem").isFalse();
    r.graph.onUpdate(at(gns("feed", labels("deny", "yes"), "10.0.0.0/8"), 8));
    assertThat(r.graph.applyNetsDelta(change("8", "9", none, List.of("192.0.2.1")))).isTrue();
    r.graph.onDelete(Kind.GLOBAL_NETWORK_SET, null, "feed");
    assertThat(r.graph.applyNetsDelta(change("9", "10", none, List.of("192.0.2.2")))).as("deleted").isFalse();
  }

  @Test
  void aNamespacedNetworkSetTakesDeltasUnderItsNamespace() {
    Replay r = new Replay(NODE);
    r.feed(cluster(at(ns("ns1", "feed", labels("deny", "yes"), "10.0.0.0/8"), 3)), false);

    assertThat(r.graph.applyNetsDelta(new NetsChange(Kind.NETWORK_SET, "ns1", "feed", "3", "4", List.of("10.0.0.0/8"),
        List.of("fd00::/64")))).isTrue();
    r.flush();

    DesiredState fresh = new Replay(NODE).feed(cluster(ns("ns1", "feed", labels("deny", "yes"), "fd00::/64")), false);
    assertThat(r.graph.snapshot()).isEqualTo(fresh);
  }

  @Test
  void manyDeltasThenALabelChangeGiveTheStateOfTheFinalList() {
    // Enough deltas that pending changes are folded into the packed list on the way (> 4096),
    // then a label change that re-reads the whole list.
    List<String> nets = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      nets.add("10." + (i >> 8) + "." + (i & 0xFF) + ".0/24");
    }
    Replay r = new Replay(NODE);
    r.feed(cluster(at(gns("feed", labels("deny", "yes"), nets.toArray(String[]::new)), 1)), false);
    long version = 1;
    for (int step = 0; step < 60; step++) {
      List<String> removed = new ArrayList<>(nets.subList(0, 100));
      nets.removeAll(removed);
      List<String> added = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        added.add("172." + (16 + step / 2) + "." + (step % 2 * 100 + i) + ".0/24");
      }
      nets.addAll(added);
      assertThat(r.graph.applyNetsDelta(change(Long.toString(version), Long.toString(++version), removed, added)))
          .isTrue();
      if (step % 7 == 0) {
        r.flush();
      }
    }
    r.flush();
    List<Resource> last = cluster(gns("feed", labels("deny", "yes"), nets.toArray(String[]::new)));
    assertThat(r.graph.snapshot()).isEqualTo(new Replay(NODE).feed(last, false)).isEqualTo(r.mirror);

    r.graph.onUpdate(gns("feed", labels("deny", "no"), nets.toArray(String[]::new)));
    r.graph.onUpdate(gns("feed", labels("deny", "yes"), nets.toArray(String[]::new)));
    r.flush();
    assertThat(r.graph.snapshot()).isEqualTo(new Replay(NODE).feed(last, false)).isEqualTo(r.mirror);
  }
}
