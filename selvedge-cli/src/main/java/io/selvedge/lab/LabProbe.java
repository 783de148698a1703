package io.selvedge.lab;

import io.selvedge.cli.ExitCode;
import io.selvedge.cli.UserError;
import io.selvedge.model.UserText;
import io.selvedge.store.Datastore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selvedge lab probe [-o json]}: waits until the lab's agent has programmed the
 * datastore's current revision, sends the first packet of every flow of the matrix for real
 * ({@link ConnectivityProbe}), asks the engine what {@code explain} predicts for each
 * ({@link ExplainPrediction}) and prints both ({@link ProbeMatrix}). Exit 1 when they disagree
 * on any flow.
 */
@Command(exitCodeList = {"0:the packets did what explain predicted, everywhere", "1:they disagree on some flow; or no lab is up", "2:usage error; or not root, or a tool is missing", "3:datastore unreachable"},
        name = "probe", mixinStandardHelpOptions = true,
        description = {"Send real TCP, UDP and ICMP packets between the lab's pods, host and peers and show which got "
                + "through, beside what explain predicts. Exit 1 if they disagree anywhere."},
        footer = {"", "Examples:", "  selvedge lab probe", "  selvedge lab probe -o json"})
final class LabProbe implements Callable<Integer> {

    /** How long the agent may take to catch up with the datastore before probing. */
    static final long CATCH_UP_SECONDS = 30;

    @ParentCommand
    LabCommand lab;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json")
    String output;

    @Override
    public Integer call() {
        String format = output.toLowerCase(Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw new UserError(ExitCode.USAGE, "unknown output format \"" + UserText.escapeControls(output) + "\" (use text or json)");
        }
        LabCommand.requireRootAndTools();
        return LabCommand.guarded(() -> probe(format.equals("json")));
    }

    private int probe(boolean json) {
        LabState state = LabState.read(lab.state)
                .orElseThrow(() -> new LabException("no lab is up (no " + lab.state + "); run: selvedge lab up"));
        LabPlan plan = new LabPlan(state.prefix());
        List<String> present = new LabNetwork(plan).existing();
        if (present.size() != plan.namespaces().size()) {
            throw new LabException("the lab's namespaces are not all there (found " + present + "); run `selvedge lab down`, "
                    + "then `selvedge lab up`");
        }
        ExplainPrediction prediction;
        try (Datastore store = lab.parent.openDatastore()) {
            if (!state.datastore().equals(store.url().toString())) {
                throw new LabException("the lab's agent follows " + state.datastore() + ", not " + store.url()
                        + "; run: selvedge --datastore " + state.datastore() + " lab probe");
            }
            new LabAgent(plan).awaitProgrammed(state.agentPid(), store.currentRevision(), Path.of(state.agentLog()), CATCH_UP_SECONDS);
            prediction = ExplainPrediction.from(store);
        }
        ConnectivityProbe probe = new ConnectivityProbe(plan);
        List<ProbeFlow> flows = probe.flows();
        Map<ProbeFlow, String> got = probe.run(flows);
        List<ProbeResult> results = new ArrayList<>();
        for (ProbeFlow f : flows) {
            String failure = got.get(f);
            results.add(new ProbeResult(f, failure == null, failure, prediction.verdict(f)));
        }
        lab.parent.out().print(json ? ProbeMatrix.json(results) : ProbeMatrix.text(plan, results, colour()));
        lab.parent.out().flush();
        return results.stream().allMatch(ProbeResult::agrees) ? ExitCode.OK : ExitCode.INVALID;
    }

    /** Colour only on a terminal, unless NO_COLOR is set or the terminal is dumb. */
    private static boolean colour() {
        return System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
    }
}
