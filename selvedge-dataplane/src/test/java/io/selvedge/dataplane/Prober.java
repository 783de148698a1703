package io.selvedge.dataplane;

import io.selvedge.nft.Netns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A probe agent ({@code probe.py}) running in one network namespace: echo servers, counting
 * sinks and TCP/UDP/ICMP clients, one command per line. Closing it (or its namespace) stops it.
 * Every call is bounded in time.
 */
final class Prober implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";
    private static Path script;

    private final String where;
    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(64);

    private Prober(Netns ns) {
        this.where = ns.name;
        try {
            process = new ProcessBuilder("ip", "netns", "exec", ns.name, PYTHON, "-u", script().toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> drain(process.getInputStream()), "probe-" + ns.name);
        reader.setDaemon(true);
        reader.start();
        String hello = next(20_000);
        if (!"ready".equals(hello)) {
            throw new IllegalStateException("probe agent in " + ns.name + " did not start: " + hello);
        }
    }

    static Prober in(Netns ns) {
        return new Prober(ns);
    }

    static boolean available() {
        return Files.isExecutable(Path.of(PYTHON));
    }

    private static synchronized Path script() throws IOException {
        if (script == null) {
            try (InputStream s = Prober.class.getResourceAsStream("probe.py")) {
                Path p = Files.createTempFile("selvedge-probe", ".py");
                Files.write(p, s.readAllBytes());
                p.toFile().deleteOnExit();
                script = p;
            }
        }
        return script;
    }

    private void drain(InputStream s) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.offer(line);
            }
        } catch (IOException e) {
            // process gone
        }
    }

    private String next(long timeoutMs) {
        try {
            String l = lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
            if (l == null) {
                throw new IllegalStateException("probe agent in " + where + " did not answer in " + timeoutMs + " ms");
            }
            return l;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends one command; returns its reply line (waits at most {@code timeoutMs} plus slack). */
    synchronized String call(String command, long timeoutMs) {
        try {
            in.write(command + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("probe agent in " + where + " is gone", e);
        }
        return next(timeoutMs + 10_000);
    }

    void listen(String proto, int port) {
        expectOk(call("listen " + proto + " " + port, 1000));
    }

    void countUdp(int port) {
        expectOk(call("count udp " + port, 1000));
    }

    long counted(int port) {
        return Long.parseLong(call("counted " + port, 1000));
    }

    /** "ok" or "fail ...": a TCP or UDP echo, or an ICMP echo, from {@code src} (null: any). */
    String probe(String proto, String host, int port, int timeoutMs, String src) {
        String cmd = proto.equals("icmp") ? "icmp " + host + " " + timeoutMs : proto + " " + host + " " + port + " " + timeoutMs;
        return call(cmd + (src == null ? "" : " " + src), timeoutMs);
    }

    /** Records the payloads of UDP datagrams arriving on {@code port} (IPv4 and IPv6). */
    void sink(int port) {
        expectOk(call("sink " + port, 1000));
    }

    /** The payloads recorded on {@code port} since the last call. */
    java.util.Set<String> seen(int port) {
        String r = call("seen " + port, 1000);
        return r.equals("-") ? java.util.Set.of() : java.util.Set.of(r.split(" "));
    }

    /** One UDP datagram carrying {@code token}, from source port {@code sport} (and address {@code src}); no waiting. */
    void send(String host, int port, String token, int sport, String src) {
        expectOk(call("send " + host + " " + port + " " + token + " " + sport + (src == null ? "" : " " + src), 1000));
    }

    /** Records arriving TCP SYNs ({@code tSPORT}), ICMP echo requests and {@code m-} messages (their payload). */
    void sniff() {
        expectOk(call("sniff", 1000));
    }

    /** What {@link #sniff} recorded since the last call. */
    java.util.Set<String> sniffed() {
        String r = call("sniffed", 1000);
        return r.equals("-") ? java.util.Set.of() : new java.util.HashSet<>(java.util.List.of(r.split(" ")));
    }

    /** One TCP SYN from source port {@code sport} (the connection attempt is abandoned). */
    void syn(String host, int port, int sport, String src) {
        expectOk(call("syn " + host + " " + port + " " + sport + (src == null ? "" : " " + src), 1000));
    }

    /** One ICMP (or ICMPv6) echo request carrying {@code token}. */
    void echo(String host, String token, String src) {
        expectOk(call("echo " + host + " " + token + (src == null ? "" : " " + src), 1000));
    }

    /**
     * One ICMP (or ICMPv6) message of any type and code carrying {@code token}, which must start
     * with {@code m-} for {@link #sniff} to record it.
     */
    void icmpMessage(String host, int type, int code, String token, String src) {
        expectOk(call("icmpmsg " + host + " " + type + " " + code + " " + token + (src == null ? "" : " " + src), 1000));
    }

    /** Sends UDP datagrams for {@code ms}; returns how many. */
    long spray(String host, int port, int ms, String src) {
        return Long.parseLong(call("spray " + host + " " + port + " " + ms + (src == null ? "" : " " + src), ms));
    }

    private void expectOk(String reply) {
        if (!"ok".equals(reply)) {
            throw new IllegalStateException("probe agent in " + where + ": " + reply);
        }
    }

    @Override
    public void close() {
        try {
            in.write("quit\n");
            in.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
