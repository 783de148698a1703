package io.selvedge.lab;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code selvedge lab} builds: network namespaces named {@code PREFIX + role}, the addresses
 * in them and the labels of the endpoints, in one place so that the builder, the datastore
 * resources, the probe and the printed table cannot disagree.
 *
 * <pre>
 *   peer (PREFIXpeer)                    host (PREFIXhost), node "lab"               pods (PREFIXred, PREFIXblue)
 *   eth0 198.51.100.9/24   ── veth ──    eth0 198.51.100.1/24  host endpoint lab-eth0
 *        2001:db8:1::9/64                     2001:db8:1::1/64     (apply-ip-protect: 'true')
 *   + 192.0.2.10, 192.0.2.55,            calired  ── veth ──  eth0 10.0.0.5/32, 2001:db8:10::5/128 (color: red)
 *     203.0.113.7 (/32)                  caliblue ── veth ──  eth0 10.0.0.6/32, 2001:db8:10::6/128 (color: blue)
 * </pre>
 *
 * Workload interfaces are Calico's routed veths: the host side has no address, the pod's /32 and
 * /128 are routed to it, the pod's default route points at 169.254.1.1 / fe80::1 answered by the
 * host side's MAC. Only documentation and 10.x addresses, only inside the lab's namespaces.
 */
public record LabPlan(String prefix) {

    /** The default namespace prefix; tests use a longer one so a developer's lab is left alone. */
    public static final String DEFAULT_PREFIX = "sv-lab-";
    private static final Pattern PREFIX = Pattern.compile("sv-lab-([a-z0-9]{1,12}-)?");

    /** The node name of the lab host (endpoints' spec.node, the agent's --node). */
    public static final String NODE = "lab";
    public static final String K8S_NAMESPACE = "production";
    /** The label every datastore resource the lab writes carries; {@code down} deletes only those. */
    public static final String LAB_LABEL = "selvedge.io/lab";

    public static final String HOST_V4 = "198.51.100.1";
    public static final String HOST_V6 = "2001:db8:1::1";
    public static final String PEER_V4 = "198.51.100.9";
    public static final String PEER_V6 = "2001:db8:1::9";
    public static final String HOST_MAC = "02:00:00:00:01:01";
    public static final String PEER_MAC = "02:00:00:00:01:09";
    public static final String WL_GATEWAY_MAC = "ee:ee:ee:ee:ee:ee";
    /** Where the agent in the lab's host namespace serves /metrics (its own loopback). */
    public static final int METRICS_PORT = 9091;

    /** A pod: its name, label colour, host-side interface, addresses and MAC. */
    public record Workload(String name, String iface, String v4, String v6, String mac) {
        public Map<String, String> labels() {
            return Map.of("color", name);
        }

        /** Its WorkloadEndpoint name, as Calico names them: NODE-k8s-POD-eth0. */
        public String endpointName() {
            return NODE + "-k8s-" + name + "-eth0";
        }
    }

    public static final List<Workload> WORKLOADS = List.of(
            new Workload("red", "calired", "10.0.0.5", "2001:db8:10::5", "02:00:00:00:0a:05"),
            new Workload("blue", "caliblue", "10.0.0.6", "2001:db8:10::6", "02:00:00:00:0a:06"));

    /** The external peers' addresses: the IPv4 ones, then the IPv6 one. All live in the peer namespace. */
    public static final List<String> PEERS = List.of("192.0.2.10", "192.0.2.55", PEER_V4, "203.0.113.7", PEER_V6);
    /** The peers' addresses besides the link's own ones (routed to the peer by the host). */
    public static final List<String> EXTRA_PEER_V4 = List.of("192.0.2.10", "192.0.2.55", "203.0.113.7");
    public static final List<String> PEER_ROUTES_V4 = List.of("192.0.2.0/24", "203.0.113.0/24");

    public LabPlan {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("lab prefix must be sv-lab- or sv-lab-NAME- (NAME: 1-12 of a-z 0-9), not " + prefix);
        }
    }

    public static LabPlan standard() {
        return new LabPlan(DEFAULT_PREFIX);
    }

    public String hostNs() {
        return prefix + "host";
    }

    public String peerNs() {
        return prefix + "peer";
    }

    public String workloadNs(Workload w) {
        return prefix + w.name();
    }

    /** Every namespace of the lab, the host first. */
    public List<String> namespaces() {
        return List.of(hostNs(), peerNs(), workloadNs(WORKLOADS.get(0)), workloadNs(WORKLOADS.get(1)));
    }

    /**
     * A place packets are sent from or to: a pod, the host, or one peer address. {@code iface}
     * is where its packets meet the host: the pod's cali interface, {@code eth0} for peers, null
     * for the host itself. A peer has one address (v4 or v6), the others both.
     */
    public record Place(String name, String ns, String iface, String v4, String v6) {
        public String label() {
            return name.equals(v4) || name.equals(v6) ? name : name + " " + (v4 != null ? v4 : v6);
        }
    }

    /** Sources of the probe: the pods, then every peer address. */
    public List<Place> sources() {
        List<Place> out = new java.util.ArrayList<>();
        for (Workload w : WORKLOADS) {
            out.add(new Place(w.name(), workloadNs(w), w.iface(), w.v4(), w.v6()));
        }
        for (String p : PEERS) {
            out.add(new Place(p, peerNs(), "eth0", p.contains(":") ? null : p, p.contains(":") ? p : null));
        }
        return out;
    }

    /** Destinations of the probe: the pods, the host, then every peer address. */
    public List<Place> destinations() {
        List<Place> out = new java.util.ArrayList<>(sources());
        out.add(WORKLOADS.size(), new Place("host", hostNs(), null, HOST_V4, HOST_V6));
        return out;
    }

    /** The HostEndpoint's name. */
    public static String hostEndpointName() {
        return NODE + "-eth0";
    }
}
