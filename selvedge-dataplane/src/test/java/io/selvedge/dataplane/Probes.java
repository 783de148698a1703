package io.selvedge.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.nft.Netns;
import io.selvedge.probe.Prober;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A table of expected probe outcomes, run against real packets: each row sends one TCP, UDP or
 * ICMP echo from a namespace (optionally from a given source address) and expects it answered
 * (allowed both ways) or not. Rows from different namespaces run in parallel; all mismatches are
 * reported together with the host's ruleset and counters.
 */
final class Probes {

    /** One expected outcome. */
    record Row(String why, Prober from, String proto, String dst, int port, String src, boolean allowed) {
        @Override
        public String toString() {
            return (allowed ? "ALLOW " : "DENY  ") + proto + " " + (src == null ? "" : src + " ") + "-> " + dst
                    + (proto.equals("icmp") ? "" : ":" + port) + "  (" + why + ")";
        }
    }

    static final int TIMEOUT_MS = 600;

    private final List<Row> rows = new ArrayList<>();

    Probes allow(String why, Prober from, String proto, String dst, String src) {
        rows.add(new Row(why, from, proto, dst, port(proto), src, true));
        return this;
    }

    /** To a given port (the echo servers listen on TCP 8080 and 22, UDP 8081). */
    Probes allow(String why, Prober from, String proto, String dst, int port, String src) {
        rows.add(new Row(why, from, proto, dst, port, src, true));
        return this;
    }

    Probes deny(String why, Prober from, String proto, String dst, int port, String src) {
        rows.add(new Row(why, from, proto, dst, port, src, false));
        return this;
    }

    Probes deny(String why, Prober from, String proto, String dst, String src) {
        rows.add(new Row(why, from, proto, dst, port(proto), src, false));
        return this;
    }

    /** The same expectation over TCP, UDP and ICMP. */
    Probes allowAll(String why, Prober from, String dst, String src) {
        for (String p : List.of("tcp", "udp", "icmp")) {
            allow(why, from, p, dst, src);
        }
        return this;
    }

    Probes denyAll(String why, Prober from, String dst, String src) {
        for (String p : List.of("tcp", "udp", "icmp")) {
            deny(why, from, p, dst, src);
        }
        return this;
    }

    private static int port(String proto) {
        return proto.equals("udp") ? 8081 : 8080;
    }

    /** Runs every row; fails listing each mismatch, with the host's ruleset. */
    void check(Netns host) {
        List<String> wrong = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Row r : rows) {
                results.add(pool.submit(() -> r.from().probe(r.proto(), r.dst(), r.port(), TIMEOUT_MS, r.src())));
            }
            for (int i = 0; i < rows.size(); i++) {
                String got = results.get(i).get();
                boolean ok = got.equals("ok");
                if (ok != rows.get(i).allowed()) {
                    wrong.add(rows.get(i) + " but got: " + got);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        if (!wrong.isEmpty()) {
            String ruleset = host.exec("nft", "list", "table", "inet", "selvedge");
            assertThat(wrong).as("probes that did not go as expected; the host's table:%n%s", ruleset).isEmpty();
        }
    }
}
