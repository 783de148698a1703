package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.EndpointId;
import io.selvedge.engine.LocalEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostEndpointBindingTest {

    private static final String HEPS = """
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: b-explicit}
            spec: {node: n1, interfaceName: eth0}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: a-by-ip}
            spec: {node: n1, expectedIPs: [198.51.100.10]}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: c-by-ip}
            spec: {node: n1, expectedIPs: [203.0.113.1, '2001:db8::1']}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: d-other-name}
            spec: {node: n1, interfaceName: eth7, expectedIPs: [203.0.113.1]}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: y-star}
            spec: {node: n1, interfaceName: '*'}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: x-star}
            spec: {node: n1, interfaceName: '*'}
            ---
            apiVersion: projectcalico.org/v3
            kind: HostEndpoint
            metadata: {name: e-workload-iface}
            spec: {node: n1, interfaceName: cali0}
            """;

    /** Spec §4.1, G25: candidates by name or expected IP compete by HEP name; a different explicit name never binds by IP. */
    @Test
    void bindsAsFelixDoes() {
        var state = States.of("n1", HEPS);
        InterfaceInventory inv = InterfaceInventory.of(Map.of(
                "eth0", List.of("198.51.100.10/24"),          // a-by-ip (by IP) beats b-explicit (by name): smaller name
                "eth1", List.of("10.0.0.1/8", "2001:db8::1/64"), // c-by-ip by its IPv6 address
                "eth2", List.of("203.0.113.1/24"),            // c-by-ip; d-other-name names eth7, so not by IP
                "eth3", List.of("192.0.2.1/24"),              // nobody: the * default
                "cali0", List.of("169.254.1.1/32")));
        HostEndpointBinding b = HostEndpointBinding.bind(state.endpoints().values(), inv, DataplaneConfig.defaults());
        assertThat(b.byInterface()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().id().name())
                .containsExactly("eth0=a-by-ip", "eth1=c-by-ip", "eth2=c-by-ip", "eth7=d-other-name");
        assertThat(b.wildcard().map(LocalEndpoint::id)).contains(EndpointId.host("x-star"));
        assertThat(b.problems()).singleElement().asString().contains("e-workload-iface").contains("workload interface");
        assertThat(b.active().keySet()).extracting(EndpointId::name)
                .containsExactly("a-by-ip", "c-by-ip", "d-other-name", "x-star");
    }

    @Test
    void withoutAnInventoryOnlyExplicitNamesBind() {
        var state = States.of("n1", HEPS);
        HostEndpointBinding b = HostEndpointBinding.bind(state.endpoints().values(), InterfaceInventory.empty(),
                DataplaneConfig.defaults());
        assertThat(b.byInterface().keySet()).containsExactly("eth0", "eth7");
        assertThat(b.byInterface().get("eth0").id().name()).isEqualTo("b-explicit");
    }

    @Test
    void readsTheJsonOfIpAddr() {
        InterfaceInventory inv = InterfaceInventory.fromIpJson("""
                [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP"],"addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8},
                  {"family":"inet6","local":"::1","prefixlen":128}]},
                 {"ifindex":2,"ifname":"eth0","addr_info":[{"family":"inet","local":"198.51.100.10","prefixlen":24,"broadcast":"198.51.100.255"},
                  {"family":"inet6","local":"fe80::1","prefixlen":64,"scope":"link"}]},
                 {"ifindex":3,"ifname":"eth1","addr_info":[]}]
                """);
        assertThat(inv.interfaces().keySet()).containsExactly("eth0", "eth1", "lo");
        assertThat(inv.addresses("eth0")).extracting(Object::toString).containsExactly("198.51.100.10/32", "fe80::1/128");
        assertThat(inv.addresses("eth9")).isEmpty();
    }
}
