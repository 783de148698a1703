package io.selvedge.lab;

import io.selvedge.lab.LabPlan.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and removes the lab's network namespaces as {@link LabPlan} describes them, with
 * {@code ip} and {@code sysctl} only inside those namespaces: the root namespace's interfaces,
 * routes and nftables ruleset are never touched (veths are created inside the lab's host
 * namespace and their other end moved straight into the peer or pod namespace).
 *
 * <p>Neighbours are static, so that neighbour discovery never depends on the policy under test;
 * the host namespace forwards and its kernel rp_filter is off (the agent does Calico's own
 * reverse-path check).
 */
final class LabNetwork {

    private final LabPlan plan;

    LabNetwork(LabPlan plan) {
        this.plan = plan;
    }

    /** The lab's namespaces that exist now. */
    List<String> existing() {
        List<String> present = List.of(Shell.run("ip", "netns", "list").split("\n")).stream()
                .map(l -> l.split(" ")[0].trim()).toList();
        List<String> out = new ArrayList<>();
        for (String ns : plan.namespaces()) {
            if (present.contains(ns)) {
                out.add(ns);
            }
        }
        return out;
    }

    /** Builds every namespace; on any failure removes what it made and rethrows. */
    void build() {
        try {
            for (String ns : plan.namespaces()) {
                Shell.run("ip", "netns", "add", ns);
                Shell.in(ns, "ip", "link", "set", "lo", "up");
            }
            wireHost();
            wirePeer();
            for (Workload w : LabPlan.WORKLOADS) {
                wireWorkload(w);
            }
        } catch (RuntimeException e) {
            remove();
            throw e;
        }
    }

    private void wireHost() {
        String host = plan.hostNs();
        for (String s : List.of("net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1", "net.ipv4.conf.all.rp_filter=0",
                "net.ipv4.conf.default.rp_filter=0")) {
            Shell.in(host, "sysctl", "-q", "-w", s);
        }
        Shell.in(host, "ip", "link", "add", "eth0", "address", LabPlan.HOST_MAC, "type", "veth", "peer", "name", "eth0",
                "address", LabPlan.PEER_MAC, "netns", plan.peerNs());
        Shell.in(host, "ip", "link", "set", "eth0", "up");
        Shell.in(host, "ip", "addr", "add", LabPlan.HOST_V4 + "/24", "dev", "eth0");
        Shell.in(host, "ip", "-6", "addr", "add", LabPlan.HOST_V6 + "/64", "dev", "eth0", "nodad");
        Shell.in(host, "ip", "neigh", "replace", LabPlan.PEER_V4, "lladdr", LabPlan.PEER_MAC, "dev", "eth0", "nud", "permanent");
        Shell.in(host, "ip", "-6", "neigh", "replace", LabPlan.PEER_V6, "lladdr", LabPlan.PEER_MAC, "dev", "eth0", "nud", "permanent");
        for (String net : LabPlan.PEER_ROUTES_V4) {
            Shell.in(host, "ip", "route", "add", net, "via", LabPlan.PEER_V4);
        }
    }

    private void wirePeer() {
        String peer = plan.peerNs();
        Shell.in(peer, "ip", "link", "set", "eth0", "up");
        Shell.in(peer, "ip", "addr", "add", LabPlan.PEER_V4 + "/24", "dev", "eth0");
        Shell.in(peer, "ip", "-6", "addr", "add", LabPlan.PEER_V6 + "/64", "dev", "eth0", "nodad");
        for (String a : LabPlan.EXTRA_PEER_V4) {
            Shell.in(peer, "ip", "addr", "add", a + "/32", "dev", "eth0");
        }
        Shell.in(peer, "ip", "neigh", "replace", LabPlan.HOST_V4, "lladdr", LabPlan.HOST_MAC, "dev", "eth0", "nud", "permanent");
        Shell.in(peer, "ip", "-6", "neigh", "replace", LabPlan.HOST_V6, "lladdr", LabPlan.HOST_MAC, "dev", "eth0", "nud", "permanent");
        Shell.in(peer, "ip", "route", "add", "10.0.0.0/24", "via", LabPlan.HOST_V4);
        Shell.in(peer, "ip", "-6", "route", "add", "2001:db8:10::/64", "via", LabPlan.HOST_V6);
    }

    private void wireWorkload(Workload w) {
        String host = plan.hostNs();
        String pod = plan.workloadNs(w);
        Shell.in(host, "ip", "link", "add", w.iface(), "address", LabPlan.WL_GATEWAY_MAC, "type", "veth", "peer", "name", "eth0",
                "address", w.mac(), "netns", pod);
        Shell.in(host, "ip", "link", "set", w.iface(), "up");
        Shell.in(pod, "ip", "link", "set", "eth0", "up");
        Shell.in(pod, "ip", "addr", "add", w.v4() + "/32", "dev", "eth0");
        Shell.in(pod, "ip", "-6", "addr", "add", w.v6() + "/128", "dev", "eth0", "nodad");
        Shell.in(pod, "ip", "route", "add", "169.254.1.1", "dev", "eth0");
        Shell.in(pod, "ip", "route", "add", "default", "via", "169.254.1.1");
        Shell.in(pod, "ip", "neigh", "replace", "169.254.1.1", "lladdr", LabPlan.WL_GATEWAY_MAC, "dev", "eth0", "nud", "permanent");
        Shell.in(pod, "ip", "-6", "route", "add", "default", "via", "fe80::1", "dev", "eth0");
        Shell.in(pod, "ip", "-6", "neigh", "replace", "fe80::1", "lladdr", LabPlan.WL_GATEWAY_MAC, "dev", "eth0", "nud", "permanent");
        Shell.in(host, "ip", "route", "add", w.v4() + "/32", "dev", w.iface());
        Shell.in(host, "ip", "-6", "route", "add", w.v6() + "/128", "dev", w.iface());
        Shell.in(host, "ip", "neigh", "replace", w.v4(), "lladdr", w.mac(), "dev", w.iface(), "nud", "permanent");
        Shell.in(host, "ip", "-6", "neigh", "replace", w.v6(), "lladdr", w.mac(), "dev", w.iface(), "nud", "permanent");
    }

    /**
     * Deletes the lab's namespaces that exist, after killing what still runs in them (the
     * kernel table and the veths go with the namespace). Returns the ones deleted.
     */
    List<String> remove() {
        List<String> gone = new ArrayList<>();
        for (String ns : existing()) {
            String pids = Shell.succeeds("ip", "netns", "pids", ns) ? Shell.run("ip", "netns", "pids", ns).strip() : "";
            for (String pid : pids.split("\\s+")) {
                if (!pid.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            if (Shell.succeeds("ip", "netns", "del", ns)) {
                gone.add(ns);
            }
        }
        return gone;
    }
}
