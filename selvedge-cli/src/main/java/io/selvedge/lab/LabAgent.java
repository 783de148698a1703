package io.selvedge.lab;

import io.selvedge.probe.Prober;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The lab's {@code selvedge agent}: a JVM of this very program ({@code java -cp <our class path>
 * io.selvedge.cli.Main}) started in its own session ({@code setsid}) inside the lab's host
 * namespace, so that it outlives the {@code lab up} command and owns that namespace's table only;
 * its output goes to a log file. Readiness is read from its {@code /metrics} (served on the
 * namespace's own loopback), fetched with the probe agent's Python.
 */
final class LabAgent {

    private static final String MAIN = "io.selvedge.cli.Main";

    private final LabPlan plan;

    LabAgent(LabPlan plan) {
        this.plan = plan;
    }

    /** Starts the agent on the datastore named by {@code datastoreArgs}; returns its pid. */
    long start(List<String> datastoreArgs, Path log) {
        List<String> argv = new ArrayList<>(List.of("setsid", "ip", "netns", "exec", plan.hostNs(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-cp", classPath(), MAIN));
        argv.addAll(datastoreArgs);
        argv.addAll(List.of("agent", "--node", LabPlan.NODE, "--metrics-addr", "127.0.0.1:" + LabPlan.METRICS_PORT));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return p.pid();
        } catch (IOException e) {
            throw new LabException("cannot start the agent: " + e.getMessage());
        }
    }

    /** This JVM's class path with absolute entries (the agent's working directory may differ). */
    private static String classPath() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            out.add(Path.of(e).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, out);
    }

    /**
     * Waits until the agent reports {@code revision} (or a later one) programmed and healthy.
     *
     * @throws LabException when it exits or does not get there within {@code seconds}
     */
    void awaitProgrammed(long pid, long revision, Path log, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long seen = -1;
        while (System.nanoTime() < deadline) {
            if (!running(pid) && !launching(pid)) {
                throw new LabException("the lab agent (pid " + pid + ") is not running; its log " + log + " ends:\n" + tail(log));
            }
            Optional<String> metrics = metrics();
            if (metrics.isPresent()) {
                seen = gauge(metrics.get(), "selvedge_revision_programmed");
                if (seen >= revision && gauge(metrics.get(), "selvedge_up") == 1) {
                    return;
                }
            }
            pause(150);
        }
        throw new LabException("the lab agent did not program revision " + revision + " within " + seconds + " s (it reports "
                + seen + "); its log " + log + " ends:\n" + tail(log));
    }

    /** The agent's /metrics text, if it answers. */
    Optional<String> metrics() {
        String url = "http://127.0.0.1:" + LabPlan.METRICS_PORT + "/metrics";
        try {
            return Optional.of(Shell.in(plan.hostNs(), Prober.PYTHON, "-c",
                    "import urllib.request,sys;sys.stdout.write(urllib.request.urlopen('" + url + "',timeout=2).read().decode())"));
        } catch (LabException e) {
            return Optional.empty();
        }
    }

    private static long gauge(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return (long) Double.parseDouble(line.substring(name.length() + 1).strip());
            }
        }
        return -1;
    }

    /** True when {@code pid} is a live lab agent (a JVM running our main class's agent command). */
    static boolean running(long pid) {
        if (pid <= 0) {
            return false;
        }
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            List<String> args = List.of(cmdline.split("\0"));
            return args.contains(MAIN) && args.contains("agent") && args.contains(LabPlan.NODE);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True while {@code pid} is still {@code setsid} or {@code ip netns exec} on its way to exec'ing
     * the agent's JVM: on a busy machine the first readiness check can come before that exec. Also
     * true in the middle of an exec, when the kernel shows an empty command line for a process
     * that is not a zombie.
     */
    private static boolean launching(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            if (cmdline.isEmpty()) {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
                int afterName = stat.lastIndexOf(')');
                return afterName > 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) != 'Z';
            }
            String argv0 = Path.of(cmdline.split("\0", 2)[0]).getFileName().toString();
            return argv0.equals("setsid") || argv0.equals("ip");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Kills the agent (SIGKILL) and waits for it to be gone. No graceful stop: its table and its
     * namespace are removed right after, and a SIGTERM'd agent JVM takes seconds to exit.
     */
    static void stop(long pid) {
        if (!running(pid)) {
            return;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        h.ifPresent(ProcessHandle::destroyForcibly);
        try {
            if (h.isPresent()) {
                h.get().onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // gone or going: the namespace removal that follows kills what is left in it
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }
}
