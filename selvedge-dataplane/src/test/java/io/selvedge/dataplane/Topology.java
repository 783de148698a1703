package io.selvedge.dataplane;

import io.selvedge.nft.ExecNft;
import io.selvedge.nft.Netns;
import io.selvedge.probe.Prober;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Calico-shaped node built from network namespaces, for tests with real packets:
 *
 * <pre>
 *   peer (sv-dp-…)                      host (sv-dp-…)                          workload (sv-dp-…)
 *   eth0 198.51.100.2/24  ── veth ──    eth0 198.51.100.1/24  (host endpoint)
 *        2001:db8:1::2/64                    2001:db8:1::1/64
 *   + 192.0.2.10, 192.0.2.55,           caliN ee:ee:ee:ee:ee:ee  ── veth ──   eth0 10.0.0.N/32, 2001:db8:10::N/128
 *     203.0.113.5, 203.0.113.6,           route 10.0.0.N/32 dev caliN            default via 169.254.1.1 / fe80::1
 *     2001:db8:55::10, ::55               (Calico's routed workload interface)
 * </pre>
 *
 * Routing and forwarding are on in the host namespace; neighbours are static (so that neighbour
 * discovery never depends on the policy under test); the kernel's rp_filter is off (the
 * dataplane does its own reverse-path check). Only documentation and 10.x addresses are used, only
 * inside the namespaces; the root namespace is never touched. {@link #close()} deletes everything.
 */
final class Topology implements AutoCloseable {

    static final String HOST_MAC = "02:00:00:00:01:01";
    static final String PEER_MAC = "02:00:00:00:01:02";
    static final String WL_GATEWAY_MAC = "ee:ee:ee:ee:ee:ee";

    /** A workload: its interface on the host, its addresses. */
    record Workload(String iface, int n, Netns ns) {
        String v4() {
            return "10.0.0." + n;
        }

        String v6() {
            return "2001:db8:10::" + n;
        }
    }

    final Netns host;
    final Netns peer;
    final Map<String, Workload> workloads = new LinkedHashMap<>();
    private final List<Netns> all = new ArrayList<>();
    private final List<Prober> probers = new ArrayList<>();

    private Topology() {
        host = add(Netns.create("sv-dp-"));
        peer = add(Netns.create("sv-dp-"));
    }

    private Netns add(Netns ns) {
        all.add(ns);
        return ns;
    }

    /** The host, the peer, and workloads on {@code cali1, cali2, ...} numbered 5, 6, ... */
    static Topology build(int workloadCount) {
        return build(workloadCount, 5);
    }

    /**
     * As {@link #build(int)}, with workloads numbered from {@code firstWorkload} (10.0.0.N): hosts
     * of one multi-host test give their workloads different addresses.
     */
    static Topology build(int workloadCount, int firstWorkload) {
        Topology t = new Topology();
        try {
            t.wire(workloadCount, firstWorkload);
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private void wire(int workloadCount, int firstWorkload) {
        sysctl(host, "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1", "net.ipv4.conf.all.rp_filter=0",
                "net.ipv4.conf.default.rp_filter=0");
        host.exec("ip", "link", "add", "eth0", "address", HOST_MAC, "type", "veth", "peer", "name", "eth0", "address", PEER_MAC,
                "netns", peer.name);
        host.exec("ip", "link", "set", "eth0", "up");
        peer.exec("ip", "link", "set", "eth0", "up");
        host.exec("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
        host.exec("ip", "-6", "addr", "add", "2001:db8:1::1/64", "dev", "eth0", "nodad");
        peer.exec("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
        peer.exec("ip", "-6", "addr", "add", "2001:db8:1::2/64", "dev", "eth0", "nodad");
        for (String a : List.of("192.0.2.10/32", "192.0.2.55/32", "203.0.113.5/32", "203.0.113.6/32")) {
            peer.exec("ip", "addr", "add", a, "dev", "eth0");
        }
        for (String a : List.of("2001:db8:55::10/128", "2001:db8:55::55/128")) {
            peer.exec("ip", "-6", "addr", "add", a, "dev", "eth0", "nodad");
        }
        host.exec("ip", "-6", "neigh", "replace", "2001:db8:1::2", "lladdr", PEER_MAC, "dev", "eth0", "nud", "permanent");
        peer.exec("ip", "-6", "neigh", "replace", "2001:db8:1::1", "lladdr", HOST_MAC, "dev", "eth0", "nud", "permanent");
        host.exec("ip", "neigh", "replace", "198.51.100.2", "lladdr", PEER_MAC, "dev", "eth0", "nud", "permanent");
        peer.exec("ip", "neigh", "replace", "198.51.100.1", "lladdr", HOST_MAC, "dev", "eth0", "nud", "permanent");
        host.exec("ip", "route", "add", "192.0.2.0/24", "via", "198.51.100.2");
        host.exec("ip", "route", "add", "203.0.113.0/24", "via", "198.51.100.2");
        host.exec("ip", "-6", "route", "add", "2001:db8:55::/48", "via", "2001:db8:1::2");
        peer.exec("ip", "route", "add", "10.0.0.0/24", "via", "198.51.100.1");
        peer.exec("ip", "-6", "route", "add", "2001:db8:10::/64", "via", "2001:db8:1::1");
        for (int i = 1; i <= workloadCount; i++) {
            Workload w = new Workload("cali" + i, firstWorkload - 1 + i, add(Netns.create("sv-dp-")));
            String mac = String.format("02:00:00:00:0a:%02x", w.n());
            host.exec("ip", "link", "add", w.iface(), "address", WL_GATEWAY_MAC, "type", "veth", "peer", "name", "eth0", "address", mac,
                    "netns", w.ns().name);
            host.exec("ip", "link", "set", w.iface(), "up");
            w.ns().exec("ip", "link", "set", "eth0", "up");
            w.ns().exec("ip", "addr", "add", w.v4() + "/32", "dev", "eth0");
            w.ns().exec("ip", "-6", "addr", "add", w.v6() + "/128", "dev", "eth0", "nodad");
            w.ns().exec("ip", "route", "add", "169.254.1.1", "dev", "eth0");
            w.ns().exec("ip", "route", "add", "default", "via", "169.254.1.1");
            w.ns().exec("ip", "neigh", "replace", "169.254.1.1", "lladdr", WL_GATEWAY_MAC, "dev", "eth0", "nud", "permanent");
            w.ns().exec("ip", "-6", "route", "add", "default", "via", "fe80::1", "dev", "eth0");
            w.ns().exec("ip", "-6", "neigh", "replace", "fe80::1", "lladdr", WL_GATEWAY_MAC, "dev", "eth0", "nud", "permanent");
            host.exec("ip", "route", "add", w.v4() + "/32", "dev", w.iface());
            host.exec("ip", "-6", "route", "add", w.v6() + "/128", "dev", w.iface());
            host.exec("ip", "neigh", "replace", w.v4(), "lladdr", mac, "dev", w.iface(), "nud", "permanent");
            host.exec("ip", "-6", "neigh", "replace", w.v6(), "lladdr", mac, "dev", w.iface(), "nud", "permanent");
            workloads.put(w.iface(), w);
        }
    }

    private static void sysctl(Netns ns, String... settings) {
        for (String s : settings) {
            ns.exec("sysctl", "-q", "-w", s);
        }
    }

    /** The host's interfaces, as the agent reads them. */
    InterfaceInventory interfaces() {
        return InterfaceInventory.fromIpJson(host.exec("ip", "-j", "addr"));
    }

    /** nft inside the host namespace. */
    ExecNft nft() {
        return ExecNft.inNamespace(host.name);
    }

    /** A probe agent in {@code ns} with TCP and UDP echo servers on 8080/8081 and TCP 22. */
    Prober prober(Netns ns) {
        Prober p = Prober.in(ns.name);
        probers.add(p);
        p.listen("tcp", 8080);
        p.listen("udp", 8081);
        p.listen("tcp", 22);
        return p;
    }

    Workload workload(String iface) {
        return workloads.get(iface);
    }

    @Override
    public void close() {
        probers.forEach(Prober::close);
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
    }
}
