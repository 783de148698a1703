package io.selvedge.dataplane;

import io.selvedge.nft.Netns;
import io.selvedge.store.etcd.EtcdProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Several Selvedge hosts on one etcd cluster, built from network namespaces, never touching the
 * root namespace:
 *
 * <pre>
 *   lan (sv-dp-…): bridge br0 with 10.99.0.1, .2, .3 — etcd members m0, m1, m2 listen there
 *     ├── lan1 ── eth1 10.99.0.11  host1: a {@link Topology} (peer on eth0, workloads cali1…)
 *     ├── lan2 ── eth1 10.99.0.12  host2
 *     └── lan3 ── eth1 10.99.0.13  host3
 * </pre>
 *
 * Host {@code i}'s workloads are numbered from {@code 5 + (i-1) * workloadsPerHost} (10.0.0.N), so
 * endpoints of different hosts have different addresses, and each host routes the other hosts'
 * workload addresses over the LAN. Each host runs a real {@code selvedge agent --node hostI}
 * ({@link AgentProcess}) whose endpoint list starts with member {@code i-1}, so each agent talks
 * to a different member first. Writes go through a {@link NamespacedStore} client in the lan
 * namespace. {@link #partition} cuts a host off from etcd (nft drop in the lan namespace: packets
 * vanish, as on a real network fault); {@link #heal} undoes it. {@link #close} removes everything.
 */
final class MultiHostCluster implements AutoCloseable {

    static final String LAN_PREFIX = "10.99.0.";

    /** One host: its node name, namespaces and agent. */
    static final class Host {
        final int index;
        final String node;
        final Topology topology;
        final String lanIp;
        AgentProcess agent;

        Host(int index, Topology topology) {
            this.index = index;
            this.node = "host" + index;
            this.topology = topology;
            this.lanIp = LAN_PREFIX + (10 + index);
        }

        Netns ns() {
            return topology.host;
        }
    }

    final Path dir;
    final Netns lan;
    final List<Host> hosts = new ArrayList<>();
    List<EtcdProcess> etcd = List.of();
    NamespacedStore store;

    private MultiHostCluster(Path dir, Netns lan) {
        this.dir = dir;
        this.lan = lan;
    }

    /** Three etcd members and {@code hostCount} hosts with {@code workloadsPerHost} workloads each; no agents yet. */
    static MultiHostCluster start(int hostCount, int workloadsPerHost) throws IOException, InterruptedException {
        MultiHostCluster c = new MultiHostCluster(Files.createTempDirectory("selvedge-multihost"), Netns.create("sv-dp-"));
        try {
            c.wire(hostCount, workloadsPerHost);
            c.etcd = EtcdProcess.clusterInNamespace(c.dir, c.lan.name,
                    List.of(LAN_PREFIX + 1, LAN_PREFIX + 2, LAN_PREFIX + 3));
            c.store = NamespacedStore.start(c.lan, c.url(0));
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void wire(int hostCount, int workloadsPerHost) {
        lan.exec("ip", "link", "add", "br0", "type", "bridge");
        lan.exec("ip", "link", "set", "br0", "up");
        for (int m = 1; m <= 3; m++) {
            lan.exec("ip", "addr", "add", LAN_PREFIX + m + "/24", "dev", "br0");
        }
        for (int i = 1; i <= hostCount; i++) {
            Host h = new Host(i, Topology.build(workloadsPerHost, 5 + (i - 1) * workloadsPerHost));
            hosts.add(h);
            h.ns().exec("ip", "link", "add", "eth1", "type", "veth", "peer", "name", "lan" + i, "netns", lan.name);
            lan.exec("ip", "link", "set", "lan" + i, "master", "br0");
            lan.exec("ip", "link", "set", "lan" + i, "up");
            h.ns().exec("ip", "addr", "add", h.lanIp + "/24", "dev", "eth1");
            h.ns().exec("ip", "link", "set", "eth1", "up");
        }
        for (Host h : hosts) {
            for (Host other : hosts) {
                if (other != h) {
                    for (Topology.Workload w : other.topology.workloads.values()) {
                        h.ns().exec("ip", "route", "add", w.v4() + "/32", "via", other.lanIp);
                    }
                }
            }
        }
    }

    /** {@code etcd:} URL listing every member, starting with member {@code first}. */
    String url(int first) {
        StringBuilder b = new StringBuilder("etcd:");
        for (int k = 0; k < etcd.size(); k++) {
            b.append(k == 0 ? "" : ",").append(etcd.get((first + k) % etcd.size()).clientUrl());
        }
        return b.toString();
    }

    /** Starts (or restarts) the agent of {@code h}: {@code selvedge --datastore URL agent --node hostI}. */
    AgentProcess startAgent(Host h, String... extra) {
        if (h.agent != null) {
            h.agent.close();
        }
        h.agent = AgentProcess.start(h.ns(), url(h.index - 1), h.node, extra);
        return h.agent;
    }

    void startAgents(String... extra) {
        for (Host h : hosts) {
            startAgent(h, extra);
        }
    }

    Host host(int index) {
        return hosts.get(index - 1);
    }

    /** Drops every packet between {@code h} and the etcd members (both directions), silently. */
    void partition(Host h) {
        ensurePartitionTable();
        lan.exec("nft", "add", "element", "inet", "sv_partition", "cut", "{ " + h.lanIp + " }");
    }

    /** Undoes {@link #partition}. */
    void heal(Host h) {
        lan.exec("nft", "delete", "element", "inet", "sv_partition", "cut", "{ " + h.lanIp + " }");
    }

    /**
     * Drops the etcd members' FIN and RST segments to {@code h}: a connection whose member died
     * then stays open on the host's side, as when the goodbye is lost on a real network. New
     * connections work.
     */
    void loseGoodbyes(Host h) {
        ensurePartitionTable();
        lan.exec("nft", "add", "element", "inet", "sv_partition", "mute", "{ " + h.lanIp + " }");
    }

    /** Undoes {@link #loseGoodbyes}. */
    void keepGoodbyes(Host h) {
        lan.exec("nft", "delete", "element", "inet", "sv_partition", "mute", "{ " + h.lanIp + " }");
    }

    private void ensurePartitionTable() {
        if (Netns.status("ip", "netns", "exec", lan.name, "nft", "list", "table", "inet", "sv_partition") != 0) {
            lan.exec("sh", "-c", "nft add table inet sv_partition"
                    + " && nft add set inet sv_partition cut '{ type ipv4_addr; }'"
                    + " && nft add set inet sv_partition mute '{ type ipv4_addr; }'"
                    + " && nft add chain inet sv_partition in '{ type filter hook input priority 0; }'"
                    + " && nft add chain inet sv_partition out '{ type filter hook output priority 0; }'"
                    + " && nft add rule inet sv_partition in ip saddr @cut drop"
                    + " && nft add rule inet sv_partition out ip daddr @cut drop"
                    + " && nft add rule inet sv_partition out ip daddr @mute tcp flags '&' '(fin|rst)' != 0 drop");
        }
    }

    /** The etcd members (indexes, ascending) that {@code h} has established TCP connections to. */
    List<Integer> membersInUse(Host h) {
        String ss = h.ns().exec("ss", "-tnH", "state", "established");
        List<Integer> used = new ArrayList<>();
        for (int m = 0; m < etcd.size(); m++) {
            // Java's sockets are dual-stack: ss shows the peer as [::ffff:10.99.0.M]:2379
            if (ss.contains(LAN_PREFIX + (m + 1) + ":2379") || ss.contains(LAN_PREFIX + (m + 1) + "]:2379")) {
                used.add(m);
            }
        }
        return used;
    }

    @Override
    public void close() {
        for (Host h : hosts) {
            if (h.agent != null) {
                h.agent.close();
            }
        }
        if (store != null) {
            store.close();
        }
        for (EtcdProcess m : etcd) {
            try {
                m.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Host h : hosts) {
            h.topology.close();
        }
        lan.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
