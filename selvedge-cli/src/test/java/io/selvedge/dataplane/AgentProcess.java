package io.selvedge.dataplane;

import io.selvedge.cli.Main;
import io.selvedge.nft.Netns;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code selvedge agent} JVM running inside a test namespace ({@code ip netns exec NS java
 * -cp <this test's classpath> io.selvedge.cli.Main --datastore sqlite:FILE agent ...}), its
 * stderr in a file; plus {@code selvedge apply} against the same SQLite file, in-process.
 * {@link #close()} kills the agent (SIGKILL) if it still runs.
 */
final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the agent for node1 in {@code ns} (watch mode, or {@code --once}). */
    static AgentProcess start(Netns ns, Path db, String... extra) {
        return start(ns, "sqlite:" + db, extra);
    }

    /** Starts the agent for node1 in {@code ns} on the datastore {@code url}. */
    static AgentProcess start(Netns ns, String url, String... extra) {
        return start(ns, url, "node1", extra);
    }

    /** Starts the agent for {@code node} in {@code ns} on the datastore {@code url}. */
    static AgentProcess start(Netns ns, String url, String node, String... extra) {
        try {
            Path log = Files.createTempFile("selvedge-agent", ".log");
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--datastore", url, "agent", "--node", node, "--metrics-addr", "127.0.0.1:9091"));
            argv.addAll(List.of(extra));
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new AgentProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code selvedge --datastore sqlite:DB apply -f -} with {@code yaml}; fails on a non-zero exit. */
    static void apply(Path db, String yaml) {
        selvedge(db, yaml, "apply", "-f", "-");
    }

    /** Runs {@code selvedge --datastore URL ARGS} as a JVM inside {@code ns} with {@code stdin}; fails on a non-zero exit. */
    static String selvedgeIn(Netns ns, String url, String stdin, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--datastore", url));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("selvedge " + String.join(" ", args) + " in " + ns + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the CLI in-process against {@code db}; fails on a non-zero exit. */
    static String selvedge(Path db, String stdin, String... args) {
        List<String> argv = new ArrayList<>(List.of("--datastore", "sqlite:" + db));
        argv.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), argv.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("selvedge " + String.join(" ", args) + " exited " + code + ": " + err);
        }
        return out.toString();
    }

    /** Waits for the process to exit; returns its exit code. */
    int waitFor(long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("agent did not exit in " + seconds + " s; log:\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a log line contains {@code text} (after {@code skip} earlier matches). */
    void awaitLog(String text, int skip, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (log().lines().filter(l -> l.contains(text)).count() > skip) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("agent exited " + process.exitValue() + " before logging \"" + text + "\":\n" + log());
            }
            pause(50);
        }
        throw new IllegalStateException("agent did not log \"" + text + "\" in " + seconds + " s:\n" + log());
    }

    /** Waits until the agent has programmed {@code revision} (or a later one). */
    void awaitRevision(long revision, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (programmedRevision() >= revision) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("agent exited " + process.exitValue() + ":\n" + log());
            }
            pause(20);
        }
        throw new IllegalStateException("agent did not program revision " + revision + " in " + seconds + " s:\n" + log());
    }

    /** The last revision the agent logged as programmed (0 if none). */
    long programmedRevision() {
        long rev = 0;
        for (String l : log().lines().toList()) {
            int i = l.indexOf(" revision ");
            if (i >= 0 && l.contains("; nft: ")) {
                String rest = l.substring(i + " revision ".length());
                int end = rest.indexOf(':');
                try {
                    rev = Math.max(rev, Long.parseLong(rest.substring(0, end)));
                } catch (RuntimeException e) {
                    // another kind of line
                }
            }
        }
        return rev;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL to the agent JVM (ip netns exec execs java, so this is the agent itself). */
    void kill() {
        process.destroyForcibly();
        waitFor(10);
    }

    /** SIGTERM, then wait for a clean exit. */
    int terminate() {
        process.destroy();
        return waitFor(15);
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // temp file
        }
    }
}
