package io.selvedge.lab;

import io.selvedge.lab.LabPlan.Place;
import io.selvedge.probe.Prober;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends the first packet of every flow of the lab's matrix for real and records which ones
 * arrive: one probe agent ({@link Prober}) per namespace sniffs arriving TCP SYNs and ICMP echo
 * requests and records UDP datagrams on {@value ProbeFlow#UDP_PORT}; each packet carries a token
 * (its source port, or its payload), so a packet is "delivered" exactly when its token shows up
 * in the destination's namespace. One packet a flow, all sent at once and collected after
 * {@link #SETTLE_MS} (twice, so that a probe agent slow to read its sockets on a busy machine is
 * not mistaken for a drop): the whole matrix takes about two seconds.
 *
 * <p>This is the verdict on the flow's first packet, which is what {@code explain} predicts.
 * Replies are not probed: with untracked (doNotTrack) policy a delivered request can still go
 * unanswered when the reply has no rule of its own.
 */
final class ConnectivityProbe {

    /** Waits after sending before each collection of what arrived (the collections add up). */
    private static final List<Long> SETTLE_MS = List.of(600L, 400L);
    private static final List<String> PROTOCOLS = List.of("tcp", "udp", "icmp");

    private final LabPlan plan;

    ConnectivityProbe(LabPlan plan) {
        this.plan = plan;
    }

    /** Every flow of the matrix (none between two addresses of the same namespace). */
    List<ProbeFlow> flows() {
        int port = ThreadLocalRandom.current().nextInt(20_000, 50_000);
        List<ProbeFlow> out = new ArrayList<>();
        for (Place s : plan.sources()) {
            for (Place d : plan.destinations()) {
                if (s.ns().equals(d.ns())) {
                    continue;
                }
                boolean v4 = s.v4() != null && d.v4() != null;
                boolean v6 = s.v6() != null && d.v6() != null;
                if (!v4 && !v6) {
                    continue;
                }
                for (String proto : PROTOCOLS) {
                    int sport = port++;
                    String token = proto.charAt(0) + Integer.toString(sport);
                    out.add(new ProbeFlow(s, d, proto, v4 ? s.v4() : s.v6(), v4 ? d.v4() : d.v6(), sport, token));
                }
            }
        }
        return out;
    }

    /** Sends every flow's first packet; returns, per flow, null when it arrived, else why not. */
    Map<ProbeFlow, String> run(List<ProbeFlow> flows) {
        Set<String> namespaces = new LinkedHashSet<>(plan.namespaces());
        Map<String, Prober> probers = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(namespaces.size());
        try {
            Map<String, Future<Prober>> starting = new LinkedHashMap<>();
            for (String ns : namespaces) {
                starting.put(ns, pool.submit(() -> probers.put(ns, listening(ns))));
            }
            for (Future<Prober> f : starting.values()) {
                f.get(30, TimeUnit.SECONDS);
            }
            Map<ProbeFlow, String> sendErrors = new java.util.concurrent.ConcurrentHashMap<>();
            List<Future<?>> sending = new ArrayList<>();
            for (String ns : namespaces) {
                List<ProbeFlow> mine = flows.stream().filter(f -> f.from().ns().equals(ns)).toList();
                Prober p = probers.get(ns);
                sending.add(pool.submit(() -> mine.forEach(f -> {
                    String r = send(p, f);
                    if (!r.equals("ok")) {
                        sendErrors.put(f, r);
                    }
                })));
            }
            for (Future<?> f : sending) {
                f.get(60, TimeUnit.SECONDS);
            }
            Map<String, Set<String>> arrived = new HashMap<>();
            for (long wait : SETTLE_MS) {
                Thread.sleep(wait);
                for (String ns : namespaces) {
                    Set<String> tokens = arrived.computeIfAbsent(ns, n -> new HashSet<>());
                    tokens.addAll(probers.get(ns).sniffed());
                    tokens.addAll(probers.get(ns).seen(ProbeFlow.UDP_PORT));
                }
            }
            Map<ProbeFlow, String> out = new LinkedHashMap<>();
            for (ProbeFlow f : flows) {
                String token = f.proto().equals("tcp") ? "t" + f.srcPort() : f.token();
                boolean delivered = arrived.get(f.to().ns()).contains(token);
                out.put(f, delivered ? null : sendErrors.getOrDefault(f, "not delivered"));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while probing");
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new LabException("probing failed: " + c.getMessage());
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(25, TimeUnit.SECONDS);   // a prober still starting is in the map after this
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            probers.values().forEach(Prober::close);
        }
    }

    private static Prober listening(String ns) {
        Prober p = Prober.in(ns);
        try {
            p.sniff();
            p.sink(ProbeFlow.UDP_PORT);
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private static String send(Prober p, ProbeFlow f) {
        return switch (f.proto()) {
            case "tcp" -> call(() -> p.syn(f.dst(), ProbeFlow.TCP_PORT, f.srcPort(), f.src()));
            case "udp" -> call(() -> p.send(f.dst(), ProbeFlow.UDP_PORT, f.token(), f.srcPort(), f.src()));
            default -> call(() -> p.echo(f.dst(), f.token(), f.src()));
        };
    }

    private static String call(Runnable r) {
        try {
            r.run();
            return "ok";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
