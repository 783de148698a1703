package io.selvedge.lab;

import io.selvedge.cli.ExitCode;
import io.selvedge.lab.LabPlan.Workload;
import io.selvedge.store.Datastore;
import io.selvedge.store.ResourceKey;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selvedge lab up}: builds the namespaces, writes the lab's endpoints into the datastore,
 * starts the agent in the lab's host namespace and waits until it has programmed the kernel;
 * prints what it built. A failure part-way removes what was made. When a lab is up already it
 * says so and changes nothing.
 */
@Command(exitCodeList = {"0:the lab is up (or was already)", "1:it could not be built; nothing is left behind", "2:usage error; or not root, or a tool is missing", "3:datastore unreachable"},
        name = "up", mixinStandardHelpOptions = true,
        description = "Build the lab (namespaces, endpoints in the datastore, an agent) and print it.",
        footer = {"", "Examples:", "  selvedge lab up", "  selvedge --datastore sqlite:/tmp/lab.db lab up"})
final class LabUp implements Callable<Integer> {

    /** How long the agent may take to start and program the kernel. */
    static final long AGENT_START_SECONDS = 60;

    @ParentCommand
    LabCommand lab;

    @Override
    public Integer call() {
        LabCommand.requireRootAndTools();
        return LabCommand.guarded(this::up);
    }

    private int up() {
        PrintWriter out = lab.parent.out();
        LabPlan plan = lab.plan();
        Optional<LabState> existing = LabState.read(lab.state);
        LabNetwork network = new LabNetwork(plan);
        if (existing.isPresent()) {
            LabState s = existing.get();
            LabPlan was = new LabPlan(s.prefix());
            boolean whole = new LabNetwork(was).existing().size() == was.namespaces().size() && LabAgent.running(s.agentPid());
            if (!whole) {
                throw new LabException("a lab recorded in " + lab.state + " is only partly there (after a reboot?); "
                        + "run `selvedge lab down` first");
            }
            out.println("The lab is up already (" + lab.state + "); `selvedge lab down` removes it.");
            print(out, was, s);
            return ExitCode.OK;
        }
        if (!network.existing().isEmpty()) {
            throw new LabException("network namespaces " + network.existing() + " exist but no lab is recorded in " + lab.state
                    + "; `selvedge lab down` removes them");
        }
        LabState state;
        try (Datastore store = lab.parent.openDatastore()) {
            network.build();
            state = new LabState(plan.prefix(), store.url().toString(), 0, lab.agentLog().toString(), List.of());
            try {
                state.write(lab.state);
                List<ResourceKey> written = LabResources.write(store);
                state = new LabState(plan.prefix(), state.datastore(), 0, state.agentLog(), written.stream().map(LabState.Key::of).toList());
                state.write(lab.state);
                LabAgent agent = new LabAgent(plan);
                long pid = agent.start(lab.parent.datastoreArguments(store.url()), lab.agentLog());
                state = state.withAgent(pid, state.agentLog());
                state.write(lab.state);
                agent.awaitProgrammed(pid, store.currentRevision(), lab.agentLog(), AGENT_START_SECONDS);
            } catch (RuntimeException e) {
                LabDown.teardown(plan, state, store, lab.state);   // exactly what this run made so far
                throw e;
            }
        }
        print(out, plan, state);
        return ExitCode.OK;
    }

    private static void print(PrintWriter out, LabPlan plan, LabState state) {
        out.println("Lab node \"" + LabPlan.NODE + "\": agent pid " + state.agentPid() + " in netns " + plan.hostNs()
                + ", log " + state.agentLog());
        out.println("Datastore " + state.datastore() + ": " + state.resources().size() + " resources labelled "
                + LabPlan.LAB_LABEL + "=true");
        out.println();
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"NAME", "KIND", "NETNS", "INTERFACE", "ADDRESSES", "LABELS"});
        rows.add(new String[] {LabPlan.hostEndpointName(), "HostEndpoint", plan.hostNs(), "eth0",
            LabPlan.HOST_V4 + ", " + LabPlan.HOST_V6, "apply-ip-protect=true"});
        for (Workload w : LabPlan.WORKLOADS) {
            rows.add(new String[] {LabPlan.K8S_NAMESPACE + "/" + w.endpointName(), "WorkloadEndpoint", plan.workloadNs(w), w.iface(),
                w.v4() + ", " + w.v6(), labels(w.labels())});
        }
        for (String peer : LabPlan.PEERS) {
            rows.add(new String[] {"peer", "(external)", plan.peerNs(), "eth0", peer, ""});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                b.append(r[i]).append(i == r.length - 1 ? "" : " ".repeat(width[i] - r[i].length() + 2));
            }
            out.println(b.toString().stripTrailing());
        }
        out.println();
        out.println("Next: selvedge lab probe; selvedge apply -f examples/; selvedge lab probe; selvedge lab down");
        out.flush();
    }

    private static String labels(Map<String, String> labels) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}
