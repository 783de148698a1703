package io.selvedge.dataplane;

import io.selvedge.nft.Netns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code nft monitor} in a network namespace: the kernel's own report of every committed nft
 * change, each line stamped (wall clock, µs) when it is read. "The kernel holds address A" is
 * the moment an {@code add element} naming A is reported — no polling, no table reads, so it
 * can time many changes cheaply. Lines are kept until {@link #clear()}.
 */
final class KernelMonitor implements AutoCloseable {

    /** One reported line and when it was read. */
    record Line(long micros, String text) { }

    private final Process process;
    private final Thread reader;
    private final List<Line> lines = new ArrayList<>();

    private KernelMonitor(Netns ns) {
        try {
            // line-buffered: nft writes to a pipe, which stdio would otherwise buffer
            process = new ProcessBuilder("ip", "netns", "exec", ns.name, "stdbuf", "-oL", "nft", "monitor")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = new Thread(this::read, "nft-monitor-" + ns.name);
        reader.setDaemon(true);
        reader.start();
    }

    static KernelMonitor in(Netns ns) {
        KernelMonitor m = new KernelMonitor(ns);
        AgentProcess.pause(300); // let nft subscribe before the caller changes anything
        return m;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                long t = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                synchronized (lines) {
                    lines.add(new Line(t, l));
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // process closed
        }
    }

    /** The pattern of an {@code add element} line naming {@code address} exactly. */
    static Pattern added(String address) {
        return Pattern.compile("^add element .*[ {,]" + Pattern.quote(address) + "[ ,}]");
    }

    /**
     * When the kernel first reported a line matching {@code p} (epoch µs), waiting up to
     * {@code timeoutMs}; -1 if it did not.
     */
    long await(Pattern p, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (lines) {
            int checked = 0;
            while (true) {
                for (; checked < lines.size(); checked++) {
                    if (p.matcher(lines.get(checked).text()).find()) {
                        return lines.get(checked).micros();
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return -1;
                }
                try {
                    lines.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
        }
    }

    /** Forgets the lines read so far. */
    void clear() {
        synchronized (lines) {
            lines.clear();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
