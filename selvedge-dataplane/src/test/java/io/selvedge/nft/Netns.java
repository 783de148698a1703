package io.selvedge.nft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away network namespace {@code PREFIX-PID-N} for tests ({@code sv-nft-} here,
 * {@code sv-dp-} for the dataplane's); {@link #close()} deletes it, killing what still runs in
 * it. Leftovers of dead test JVMs are removed by {@link NetnsLeftovers}.
 */
public final class Netns implements AutoCloseable {

    static final String PREFIX = "sv-nft-";
    /** Every prefix test namespaces use; {@link NetnsLeftovers} cleans all of them. */
    static final java.util.List<String> PREFIXES = java.util.List.of(PREFIX, "sv-dp-");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    public final String name;

    private Netns(String name) {
        this.name = name;
    }

    static Netns create() {
        return create(PREFIX);
    }

    /** A new namespace {@code prefix + PID-N} with {@code lo} up; {@code prefix} must be one of {@link #PREFIXES}. */
    public static Netns create(String prefix) {
        if (!PREFIXES.contains(prefix)) {
            throw new IllegalArgumentException("namespace prefix " + prefix + " is not cleaned up by NetnsLeftovers");
        }
        String name = prefix + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        sh("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    /** Runs a command inside the namespace; fails the test on a non-zero exit. */
    public String exec(String... argv) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(argv));
        return sh(cmd.toArray(String[]::new));
    }

    /** Runs a command and returns its exit code (output discarded). */
    public static int status(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs a command; fails on a non-zero exit; returns its output. */
    public static String sh(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", argv));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed (" + p.exitValue() + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The PID-N part of the name, unique among live test namespaces (for interface names). */
    public String suffix() {
        return name.substring(name.indexOf('-', 3) + 1);
    }

    @Override
    public void close() {
        // kill what still runs inside (probe servers), then delete
        String pids = "";
        try {
            pids = sh("ip", "netns", "pids", name).trim();
        } catch (IllegalStateException ignored) {
            // namespace already gone
        }
        for (String pid : pids.split("\\s+")) {
            if (!pid.isEmpty()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        status("ip", "netns", "del", name);
    }

    @Override
    public String toString() {
        return name;
    }
}
