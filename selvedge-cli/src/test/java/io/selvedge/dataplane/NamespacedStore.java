package io.selvedge.dataplane;

import io.selvedge.codec.DecodeResult;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.nft.Netns;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.NodeStatus;
import io.selvedge.store.ProgressListener;
import io.selvedge.store.etcd.EtcdDatastore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A datastore client JVM inside a network namespace (where the test JVM cannot reach etcd):
 * the test sends one command per line on its stdin and reads one answer line. It keeps one open
 * {@link Datastore}, so a write costs a request, not a JVM start, and it reports when each write
 * started and committed (wall clock, microseconds) for latency measurements.
 */
final class NamespacedStore implements AutoCloseable {

    /** One write: the revision it committed at, and when it was sent and answered (epoch µs). */
    record Write(long revision, long sentMicros, long committedMicros) { }

    private final Process process;
    private final BufferedReader answers;
    private final Writer commands;

    private NamespacedStore(Process process) {
        this.process = process;
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static NamespacedStore start(Netns ns, String url) {
        List<String> argv = List.of("ip", "netns", "exec", ns.name,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), NamespacedStore.class.getName(), url);
        try {
            NamespacedStore s = new NamespacedStore(new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            s.call("rev");
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies every resource of {@code yaml} in one batch. */
    Write apply(String yaml) {
        String[] a = call("apply " + Base64.getEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8))).split(" ");
        return new Write(Long.parseLong(a[0]), Long.parseLong(a[1]), Long.parseLong(a[2]));
    }

    /** The datastore's current revision. */
    long revision() {
        return Long.parseLong(call("rev"));
    }

    /** Compacts etcd's history up to the current revision; returns it. */
    long compact() {
        return Long.parseLong(call("compact"));
    }

    /** Every node's last status, as the datastore holds it. */
    List<NodeStatus> nodes() {
        List<NodeStatus> out = new ArrayList<>();
        String a = call("nodes");
        if (!a.isEmpty()) {
            for (String item : a.split(" ")) {
                out.add(io.selvedge.store.NodeStatusJson.fromJson(Base64.getDecoder().decode(item)));
            }
        }
        return out;
    }

    /** {@link Datastore#resourcesChangedSince}. */
    long changedSince(long revision) {
        return Long.parseLong(call("changed " + revision));
    }

    private synchronized String call(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
            String line = answers.readLine();
            if (line == null) {
                throw new IllegalStateException("datastore client exited (" + waitExit() + ")");
            }
            if (!line.startsWith("ok")) {
                throw new IllegalStateException("datastore client: " + line);
            }
            return line.length() > 3 ? line.substring(3) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String waitExit() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? "exit " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long micros() {
        Instant now = Instant.now();
        return ChronoUnit.MICROS.between(Instant.EPOCH, now);
    }

    /** The child side: {@code NamespacedStore URL}, commands on stdin. */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Datastore ds = DatastoreFactory.open(DatastoreUrl.parse(args[0]))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try {
                    out.println("ok " + answer(ds, line));
                } catch (RuntimeException e) {
                    out.println("error " + e.toString().replace('\n', ' '));
                }
            }
        }
    }

    private static String answer(Datastore ds, String line) {
        String[] cmd = line.split(" ", 2);
        switch (cmd[0]) {
            case "apply": {
                String yaml = new String(Base64.getDecoder().decode(cmd[1]), StandardCharsets.UTF_8);
                DecodeResult decoded = ResourceCodec.strict().decode("test", yaml);
                if (!decoded.ok()) {
                    throw new IllegalArgumentException(decoded.problems().toString());
                }
                long sent = micros();
                long rev = ds.applyAll(decoded.resourceList(), ProgressListener.NONE).revision();
                return rev + " " + sent + " " + micros();
            }
            case "rev":
                return Long.toString(ds.currentRevision());
            case "compact": {
                long rev = ds.currentRevision();
                ((EtcdDatastore) ds).compact(rev);
                return Long.toString(rev);
            }
            case "changed":
                return Long.toString(ds.resourcesChangedSince(Long.parseLong(cmd[1])));
            case "nodes": {
                StringBuilder b = new StringBuilder();
                for (NodeStatus s : ds.listNodeStatus()) {
                    b.append(b.length() == 0 ? "" : " ")
                            .append(Base64.getEncoder().encodeToString(io.selvedge.store.NodeStatusJson.toJson(s)));
                }
                return b.toString();
            }
            default:
                throw new IllegalArgumentException("unknown command " + cmd[0]);
        }
    }
}
