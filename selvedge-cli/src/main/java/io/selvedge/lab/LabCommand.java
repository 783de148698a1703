package io.selvedge.lab;

import io.selvedge.cli.ExitCode;
import io.selvedge.cli.SelvedgeCommand;
import io.selvedge.cli.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code selvedge lab up|probe|down}: a small Calico-shaped node built from network namespaces
 * on this machine, with a real agent enforcing the datastore's policy, to try policies on real
 * packets ({@link LabPlan} draws it). Needs root; touches only its own namespaces, its own
 * datastore resources (labelled {@value LabPlan#LAB_LABEL}) and its state file.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"A lab on this machine: network namespaces shaped like a Calico node (a host with a host endpoint, "
                + "pods red and blue in namespace production, external peers), an agent enforcing the datastore's policy "
                + "in them, and a probe that sends real packets and compares them with explain. Needs root."},
        subcommands = {LabUp.class, LabProbe.class, LabDown.class},
        footer = {"", "Examples:", "  selvedge lab up", "  selvedge lab probe", "  selvedge apply -f examples/ && selvedge lab probe",
            "  selvedge lab down"})
public final class LabCommand implements Callable<Integer> {

    @ParentCommand
    SelvedgeCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--state", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "where the lab records what it made (default " + LabState.DEFAULT_PATH + ")")
    Path state = Path.of(LabState.DEFAULT_PATH);

    @Option(names = "--prefix", paramLabel = "PREFIX", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "network namespace prefix: sv-lab- (default) or sv-lab-NAME- for a second lab")
    String prefix = LabPlan.DEFAULT_PREFIX;

    @Override
    public Integer call() {
        spec.commandLine().usage(parent.err());
        return ExitCode.USAGE;
    }

    LabPlan plan() {
        try {
            return new LabPlan(prefix);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--prefix: " + e.getMessage());
        }
    }

    /** The agent's log file: next to the state file. */
    Path agentLog() {
        String name = state.getFileName().toString().replaceFirst("\\.json$", "");
        return state.toAbsolutePath().resolveSibling(name + "-agent.log");
    }

    /** Refuses unless running as root with the tools the lab uses. */
    static void requireRootAndTools() {
        if (effectiveUid() != 0) {
            throw new UserError(ExitCode.USAGE, "selvedge lab needs root (it creates network namespaces); run it with sudo");
        }
        StringBuilder missing = new StringBuilder();
        check(missing, "ip", "iproute2", "ip", "-V");
        check(missing, "nft", "nftables", "nft", "--version");
        check(missing, io.selvedge.probe.Prober.PYTHON, "python3", io.selvedge.probe.Prober.PYTHON, "--version");
        check(missing, "sysctl", "procps", "sysctl", "-n", "kernel.ostype");
        check(missing, "setsid", "util-linux", "setsid", "--version");
        if (missing.length() > 0) {
            throw new UserError(ExitCode.USAGE, "selvedge lab needs" + missing + " (apt-get install iproute2 nftables python3 procps)");
        }
    }

    private static void check(StringBuilder missing, String tool, String pkg, String... probe) {
        boolean ok;
        try {
            ok = Shell.succeeds(probe);
        } catch (LabException e) {
            ok = false;
        }
        if (!ok) {
            missing.append(missing.length() == 0 ? " " : ", ").append(tool).append(" (Debian package ").append(pkg).append(')');
        }
    }

    private static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.split("\\s+")[2]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return -1;
    }

    /** Runs a lab action, turning its failures into one-line user errors. */
    static int guarded(Callable<Integer> action) {
        try {
            return action.call();
        } catch (LabException e) {
            throw new UserError(ExitCode.INVALID, e.getMessage());
        } catch (UserError | io.selvedge.store.DatastoreException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
