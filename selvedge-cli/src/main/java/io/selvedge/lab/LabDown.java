package io.selvedge.lab;

import io.selvedge.cli.ExitCode;
import io.selvedge.store.Datastore;
import io.selvedge.store.ResourceKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selvedge lab down}: stops the lab's agent, deletes the lab's namespaces (the kernel
 * table lives in the host namespace and goes with it), deletes the datastore resources the lab
 * wrote (those recorded in the state file, or without one those carrying the lab label), and
 * the state file. Nothing else; running it again finds nothing to do.
 */
@Command(exitCodeList = {"0:removed (or there was nothing to remove)", "1:something could not be removed (the message says what)", "2:usage error; or not root, or a tool is missing", "3:datastore unreachable"},
        name = "down", mixinStandardHelpOptions = true,
        description = "Remove the lab: its agent, its namespaces, its datastore resources. Safe to run twice.",
        footer = {"", "Examples:", "  selvedge lab down"})
final class LabDown implements Callable<Integer> {

    @ParentCommand
    LabCommand lab;

    @Override
    public Integer call() {
        LabCommand.requireRootAndTools();
        return LabCommand.guarded(this::down);
    }

    private int down() {
        PrintWriter out = lab.parent.out();
        Optional<LabState> state = LabState.read(lab.state);
        LabPlan plan = state.map(s -> new LabPlan(s.prefix())).orElse(lab.plan());
        List<String> removed;
        try (Datastore store = lab.parent.openDatastore()) {
            if (state.isPresent() && !state.get().datastore().equals(store.url().toString())) {
                throw new LabException("the lab wrote its resources to " + state.get().datastore() + ", not " + store.url()
                        + "; run: selvedge --datastore " + state.get().datastore() + " lab down");
            }
            removed = teardown(plan, state.orElse(null), store, lab.state);
        }
        if (removed.isEmpty()) {
            out.println("No lab here: nothing to remove.");
        } else {
            out.println("Removed:");
            removed.forEach(r -> out.println("  " + r));
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * Removes whatever of the lab exists: agent, namespaces, resources, state file. Also the
     * clean-up of a {@code lab up} that failed part-way. Returns what it removed.
     */
    static List<String> teardown(LabPlan plan, LabState state, Datastore store, Path stateFile) {
        List<String> removed = new ArrayList<>();
        if (state != null && LabAgent.running(state.agentPid())) {
            LabAgent.stop(state.agentPid());
            removed.add("agent (pid " + state.agentPid() + ")");
        }
        for (String ns : new LabNetwork(plan).remove()) {
            removed.add("netns " + ns);
        }
        List<ResourceKey> keys = state != null ? state.resourceKeys() : LabResources.labelled(store);
        removed.addAll(LabResources.delete(store, keys));
        if (state != null) {
            LabState.delete(stateFile);
            removed.add("state " + stateFile);
        }
        return removed;
    }
}
