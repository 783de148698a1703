package io.selvedge.probe;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A probe agent ({@code probe.py}, Python standard library only) running in one network
 * namespace: echo servers, counting sinks, sniffers and TCP/UDP/ICMP clients, one command per
 * line. Used by the namespace tests and by {@code selvedge lab probe}. Closing it (or deleting its
 * namespace) stops it. Every call is bounded in time.
 */
public final class Prober implements AutoCloseable {

    public static final String PYTHON = "/usr/bin/python3";
    private static Path script;

    private final String where;
    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(64);

    private Prober(String netns) {
        this.where = netns;
        try {
            process = new ProcessBuilder("ip", "netns", "exec", netns, PYTHON, "-u", script().toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> drain(process.getInputStream()), "probe-" + netns);
        reader.setDaemon(true);
        reader.start();
        String hello;
        try {
            hello = next(20_000);
        } catch (IllegalStateException e) {
            process.destroyForcibly();
            throw e;
        }
        if (!"ready".equals(hello)) {
            process.destroyForcibly();
            throw new IllegalStateException("probe agent in " + netns + " did not start: " + hello);
        }
    }

    /** Starts a probe agent in the network namespace {@code netns} (needs root and {@link #PYTHON}). */
    public static Prober in(String netns) {
        return new Prober(netns);
    }

    /** True when the probe agent's interpreter is installed. */
    public static boolean available() {
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
    public synchronized String call(String command, long timeoutMs) {
        try {
            in.write(command + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("probe agent in " + where + " is gone", e);
        }
        return next(timeoutMs + 10_000);
    }

    public void listen(String proto, int port) {
        expectOk(call("listen " + proto + " " + port, 1000));
    }

    public void countUdp(int port) {
        expectOk(call("count udp " + port, 1000));
    }

    public long counted(int port) {
        return Long.parseLong(call("counted " + port, 1000));
    }

    /** "ok" or "fail ...": a TCP or UDP echo, or an ICMP echo, from {@code src} (null: any). */
    public String probe(String proto, String host, int port, int timeoutMs, String src) {
        String cmd = proto.equals("icmp") ? "icmp " + host + " " + timeoutMs : proto + " " + host + " " + port + " " + timeoutMs;
        return call(cmd + (src == null ? "" : " " + src), timeoutMs);
    }

    /** Records the payloads of UDP datagrams arriving on {@code port} (IPv4 and IPv6). */
    public void sink(int port) {
        expectOk(call("sink " + port, 1000));
    }

    /** The payloads recorded on {@code port} since the last call. */
    public Set<String> seen(int port) {
        String r = call("seen " + port, 1000);
        return r.equals("-") ? Set.of() : Set.of(r.split(" "));
    }

    /** One UDP datagram carrying {@code token}, from source port {@code sport} (and address {@code src}); no waiting. */
    public void send(String host, int port, String token, int sport, String src) {
        expectOk(call("send " + host + " " + port + " " + token + " " + sport + (src == null ? "" : " " + src), 1000));
    }

    /** Records arriving TCP SYNs ({@code tSPORT}), ICMP echo requests and {@code m-} messages (their payload). */
    public void sniff() {
        expectOk(call("sniff", 1000));
    }

    /** What {@link #sniff} recorded since the last call. */
    public Set<String> sniffed() {
        String r = call("sniffed", 1000);
        return r.equals("-") ? Set.of() : new HashSet<>(List.of(r.split(" ")));
    }

    /** One TCP SYN from source port {@code sport} (the connection attempt is abandoned). */
    public void syn(String host, int port, int sport, String src) {
        expectOk(call("syn " + host + " " + port + " " + sport + (src == null ? "" : " " + src), 1000));
    }

    /** One ICMP (or ICMPv6) echo request carrying {@code token}. */
    public void echo(String host, String token, String src) {
        expectOk(call("echo " + host + " " + token + (src == null ? "" : " " + src), 1000));
    }

    /**
     * One ICMP (or ICMPv6) message of any type and code carrying {@code token}, which must start
     * with {@code m-} for {@link #sniff} to record it.
     */
    public void icmpMessage(String host, int type, int code, String token, String src) {
        expectOk(call("icmpmsg " + host + " " + type + " " + code + " " + token + (src == null ? "" : " " + src), 1000));
    }

    /** Sends UDP datagrams for {@code ms}; returns how many. */
    public long spray(String host, int port, int ms, String src) {
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
