package io.selvedge.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The host's network interfaces and their addresses, as the renderer needs them to bind host
 * endpoints to interfaces by {@code expectedIPs} (spec §4.1). Addresses are host prefixes
 * ({@code /32}, {@code /128}); the interface's own prefix length does not matter for binding.
 *
 * <p>Tests build one with {@link #of}; the agent reads its network namespace with
 * {@code ip -j addr} and passes the output to {@link #fromIpJson}. This class runs nothing
 * itself. Immutable and thread-safe.
 */
public record InterfaceInventory(SortedMap<String, List<Cidr>> interfaces) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public InterfaceInventory {
        TreeMap<String, List<Cidr>> copy = new TreeMap<>();
        interfaces.forEach((name, addrs) -> {
            List<Cidr> hosts = new ArrayList<>();
            for (Cidr a : addrs) {
                hosts.add(Cidr.of(a.family(), a.hi(), a.lo(), a.family().bits()));
            }
            copy.put(name, List.copyOf(hosts));
        });
        interfaces = Collections.unmodifiableSortedMap(copy);
    }

    /** No interfaces known: host endpoints bind by explicit {@code interfaceName} only. */
    public static InterfaceInventory empty() {
        return new InterfaceInventory(new TreeMap<>());
    }

    /** From interface names to addresses given as text ({@code "192.0.2.1"}, {@code "2001:db8::1/64"}). */
    public static InterfaceInventory of(Map<String, List<String>> interfaces) {
        TreeMap<String, List<Cidr>> m = new TreeMap<>();
        interfaces.forEach((name, addrs) -> m.put(name, addrs.stream().map(InterfaceInventory::hostOf).toList()));
        return new InterfaceInventory(m);
    }

    /**
     * Parses the output of {@code ip -j addr} (iproute2's JSON: a list of objects with
     * {@code ifname} and {@code addr_info[].local}). Unknown fields are ignored; addresses that
     * do not parse are skipped.
     *
     * @throws IllegalArgumentException if the text is not such a JSON list
     */
    public static InterfaceInventory fromIpJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not the JSON of `ip -j addr`: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("not the JSON of `ip -j addr`: expected a list");
        }
        TreeMap<String, List<Cidr>> m = new TreeMap<>();
        for (JsonNode link : root) {
            String name = link.path("ifname").asText("");
            if (name.isEmpty()) {
                continue;
            }
            List<Cidr> addrs = new ArrayList<>();
            for (JsonNode a : link.path("addr_info")) {
                String local = a.path("local").asText("");
                try {
                    addrs.add(hostOf(local));
                } catch (IllegalArgumentException e) {
                    // not an address we can bind by (empty, or something iproute2 added later)
                }
            }
            m.put(name, addrs);
        }
        return new InterfaceInventory(m);
    }

    private static Cidr hostOf(String text) {
        int slash = text.indexOf('/');
        Cidr c = Cidr.parse(slash < 0 ? text : text.substring(0, slash));
        return Cidr.of(c.family(), c.hi(), c.lo(), c.family() == IpFamily.V4 ? 32 : 128);
    }

    /** The addresses of an interface (empty if unknown). */
    public List<Cidr> addresses(String iface) {
        return interfaces.getOrDefault(iface, List.of());
    }
}
