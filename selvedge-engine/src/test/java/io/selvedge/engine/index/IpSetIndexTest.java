package io.selvedge.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.NamedPortMember;
import io.selvedge.selector.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpSetIndexTest {
  private final IpSetIndex<String> index = new IpSetIndex<>();

  private static Selector sel(String s) throws Exception {
    return Selector.parse(s);
  }

  private static List<Cidr> cidrs(String... s) {
    List<Cidr> out = new ArrayList<>();
    for (String x : s) {
      out.add(Cidr.parse(x));
    }
    return out;
  }

  @Test
  void membersFollowLabelsAddressesAndActivation() throws Exception {
    Selector a = sel("app == 'a'");
    index.updateItem("ep1", Map.of("app", "a"), List.of(), cidrs("10.0.0.1/32", "fd00::1/128"), List.of());
    index.updateItem("set", Map.of(), List.of("prof"), cidrs("10.0.0.0/8"), List.of());
    index.activateSelectorSet(a);
    assertThat(index.members(a.uniqueId(), IpFamily.V4).asList()).containsExactlyElementsOf(cidrs("10.0.0.1/32"));
    assertThat(index.members(a.uniqueId(), IpFamily.V6).asList()).containsExactlyElementsOf(cidrs("fd00::1/128"));
    index.startDelta(a.uniqueId(), IpFamily.V4);
    index.takeTouched();

    // A profile gives the network set the label: the /8 covers the /32.
    index.updateParent("prof", Map.of("app", "a"));
    assertThat(index.takeTouched()).containsExactly(a.uniqueId());
    List<Cidr> removed = new ArrayList<>();
    List<Cidr> added = new ArrayList<>();
    index.drainDelta(a.uniqueId(), IpFamily.V4, removed, added);
    assertThat(removed).containsExactlyElementsOf(cidrs("10.0.0.1/32"));
    assertThat(added).containsExactlyElementsOf(cidrs("10.0.0.0/8"));

    // Address change of a matching item is applied as a difference.
    index.updateItem("set", Map.of(), List.of("prof"), cidrs("192.0.2.0/24"), List.of());
    removed.clear();
    added.clear();
    index.drainDelta(a.uniqueId(), IpFamily.V4, removed, added);
    assertThat(removed).containsExactlyElementsOf(cidrs("10.0.0.0/8"));
    assertThat(added).containsExactlyElementsOf(cidrs("10.0.0.1/32", "192.0.2.0/24"));

    long gen = index.generation(a.uniqueId());
    index.deactivateSelectorSet(a.uniqueId());
    assertThat(index.isSelectorSetActive(a.uniqueId())).isFalse();
    index.activateSelectorSet(a);
    assertThat(index.generation(a.uniqueId())).isNotEqualTo(gen);
    assertThat(index.members(a.uniqueId(), IpFamily.V4).size()).isEqualTo(2);
  }

  @Test
  void namedPortSetsShareTheSelectorWithSelectorSets() throws Exception {
    Selector db = sel("app == 'db'");
    NamedPortSetId tcp = NamedPortSetId.of(db.uniqueId(), 6, "pg");
    index.activateNamedPortSet(tcp, db);
    index.updateItem("ep1", Map.of("app", "db"), List.of(), cidrs("10.0.0.1/32"),
        List.of(new NamedPort("pg", 6, 5432), new NamedPort("pg", 17, 5432)));
    index.activateSelectorSet(db); // selector already registered: members taken from current matches
    assertThat(index.members(db.uniqueId(), IpFamily.V4).size()).isEqualTo(1);
    assertThat(index.namedPortMembers(tcp.id(), IpFamily.V4))
        .containsExactly(new NamedPortMember(Cidr.parse("10.0.0.1/32"), 6, 5432));
    assertThat(index.namedPortMembers(tcp.id(), IpFamily.V6)).isEmpty();
    index.takeTouched();
    index.updateItem("ep1", Map.of("app", "db"), List.of(), cidrs("10.0.0.1/32"), List.of(new NamedPort("pg", 6, 6543)));
    assertThat(index.takeTouched()).containsExactly(tcp.id());
    index.deactivateNamedPortSet(tcp.id());
    assertThat(index.isSelectorSetActive(db.uniqueId())).isTrue();
    index.removeItem("ep1");
    assertThat(index.members(db.uniqueId(), IpFamily.V4).isEmpty()).isTrue();
  }

  @Test
  void addressChangesOfItemsWithoutNamedPortsLeaveNamedPortSetsAlone() throws Exception {
    // A network set matched by all(): its CIDR changes cannot change an all() named-port set.
    Selector all = sel("all()");
    NamedPortSetId http = NamedPortSetId.of(all.uniqueId(), 6, "http");
    index.activateNamedPortSet(http, all);
    index.activateSelectorSet(all);
    index.updateItem("ep1", Map.of(), List.of(), cidrs("10.0.0.1/32"), List.of(new NamedPort("http", 6, 8080)));
    index.updateItem("netset", Map.of(), List.of(), cidrs("192.0.2.0/24"), List.of());
    index.takeTouched();
    index.updateItem("netset", Map.of(), List.of(), cidrs("192.0.2.0/24", "198.51.100.0/24"), List.of());
    assertThat(index.takeTouched()).containsExactly(all.uniqueId());
    // An endpoint with named ports still touches it when its address changes.
    index.updateItem("ep1", Map.of(), List.of(), cidrs("10.0.0.2/32"), List.of(new NamedPort("http", 6, 8080)));
    assertThat(index.takeTouched()).containsExactlyInAnyOrder(all.uniqueId(), http.id());
    assertThat(index.namedPortMembers(http.id(), IpFamily.V4))
        .containsExactly(new NamedPortMember(Cidr.parse("10.0.0.2/32"), 6, 8080));
  }
}
