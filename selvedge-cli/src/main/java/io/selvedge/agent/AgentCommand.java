package io.selvedge.agent;

import io.selvedge.cli.ExitCode;
import io.selvedge.cli.SelvedgeCommand;
import io.selvedge.cli.UserError;
import io.selvedge.cli.VersionCommand;
import io.selvedge.dataplane.Ruleset;
import io.selvedge.model.UserText;
import io.selvedge.nft.ExecNft;
import io.selvedge.nft.NftException;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.UnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selvedge agent [--node NAME] [--once] [--metrics-addr HOST:PORT]}: enforces the
 * datastore's policy for one node in the kernel of the current network namespace
 * ({@code table inet selvedge} only). With {@code --once} it programs the table once and exits
 * 0 when the kernel holds it; otherwise it runs {@link Agent} until SIGTERM, which leaves the
 * table in place.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Enforce policy on this host: watch the datastore and keep table inet selvedge of the current "
                + "network namespace in sync (until SIGTERM; the table stays in place).",
            "Failsafe ports (Calico's defaults) stay open on host endpoints."},
        footer = {"", "Examples:", "  selvedge agent --node node1 --once",
            "  selvedge agent --node node1 --metrics-addr 0.0.0.0:9091",
            "  SELVEDGE_DATASTORE=etcd:http://10.0.0.1:2379 selvedge agent"})
public final class AgentCommand implements Callable<Integer> {

    @ParentCommand
    SelvedgeCommand parent;

    @Option(names = "--node", paramLabel = "NAME", description = "this node's name, as in endpoints' spec.node (default: the hostname)")
    String node;

    @Option(names = "--once", description = "program the kernel once and exit 0 when it holds the state")
    boolean once;

    @Option(names = "--metrics-addr", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9091",
            description = "serve /metrics and /healthz here (default ${DEFAULT-VALUE}; 'none' to disable)")
    String metricsAddr;

    @Option(names = "--heartbeat", paramLabel = "SECONDS", defaultValue = "5",
            description = "report node status (see 'selvedge get nodes') every SECONDS (default ${DEFAULT-VALUE}; 0 to disable)")
    double heartbeatSeconds;

    @Option(names = "--flow-cache-mask", paramLabel = "HEX", defaultValue = "0xffffff00",
            description = "conntrack-mark bits that remember a flow's allow (default ${DEFAULT-VALUE}; 0 turns the flow cache off)")
    String flowCacheMask;

    @Override
    public Integer call() {
        String nodeName = node != null && !node.isBlank() ? node : hostname();
        if (heartbeatSeconds < 0 || heartbeatSeconds > 3600 || Double.isNaN(heartbeatSeconds)) {
            throw new UserError(ExitCode.USAGE, "--heartbeat must be 0 to 3600 seconds, not " + heartbeatSeconds);
        }
        AgentLog log = new AgentLog(parent.err());
        AgentMetrics metrics = new AgentMetrics();
        ExecNft nft;
        try {
            nft = ExecNft.start();
        } catch (NftException e) {
            throw new UserError(ExitCode.INVALID, "nft is not usable: " + e.getMessage());
        }
        EnforcementSettings settings = EnforcementSettings.defaults().withFlowCacheMask(parseMask(flowCacheMask));
        if (once) {
            return programOnce(nodeName, nft, settings, log, metrics);
        }
        InetSocketAddress addr = HealthServer.parseAddress(metricsAddr);
        HealthServer http = null;
        if (addr != null) {
            try {
                http = HealthServer.start(addr, metrics, new RuleCounters(metrics));
            } catch (IOException e) {
                throw new UserError(ExitCode.USAGE, "cannot serve metrics on " + metricsAddr + ": " + e.getMessage());
            }
            log.info("metrics and health on http://" + metricsAddr + "/metrics, /healthz");
        }
        Agent agent = new Agent(nodeName, parent::openDatastore, nft, settings, new InterfaceReader(), log, metrics);
        NodeStatusReporter heartbeat = heartbeatSeconds == 0 ? null
                : new NodeStatusReporter(nodeName, parent::openDatastore, metrics, VersionCommand.version(), log,
                        java.time.Clock.systemUTC(), Math.max(100, Math.round(heartbeatSeconds * 1000)), agent::reconnectWatch).start();
        // The hook waits for the loop's clean-up, not for the thread: after the loop returns, Main
        // calls System.exit, which blocks behind this very hook (joining would wait out the timeout).
        java.util.concurrent.CountDownLatch cleanedUp = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            agent.stop();
            try {
                cleanedUp.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "selvedge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            agent.run();
        } finally {
            if (heartbeat != null) {
                heartbeat.close();
            }
            agent.close();
            if (http != null) {
                http.close();
            }
            cleanedUp.countDown();
        }
        return ExitCode.OK;
    }

    /** A mask the renderer accepts: 0, or one run of 8 to 32 bits, in hex ({@code 0x...}) or decimal. */
    static long parseMask(String text) {
        long mask;
        try {
            mask = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UserError(ExitCode.USAGE, "--flow-cache-mask must be a number such as 0xffffff00, not " + UserText.quoted(text));
        }
        try {
            EnforcementSettings.defaults().withFlowCacheMask(mask).dataplaneConfig();
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--flow-cache-mask " + UserText.quoted(text) + ": " + e.getMessage());
        }
        return mask;
    }

    private int programOnce(String nodeName, ExecNft nft, EnforcementSettings settings, AgentLog log, AgentMetrics metrics) {
        try (Agent agent = new Agent(nodeName, parent::openDatastore, nft, settings, new InterfaceReader(), log, metrics)) {
            long rev = agent.programOnce();
            if (!nft.hasTable(Ruleset.TABLE)) {   // nft list chains: cheap with millions of set elements
                throw new UserError(ExitCode.INVALID, "nft accepted the table but the kernel does not list table inet selvedge");
            }
            log.info("kernel holds revision " + rev + " for node " + nodeName);
            return ExitCode.OK;
        } catch (UnavailableException e) {
            throw new UserError(ExitCode.UNREACHABLE, e.getMessage());
        } catch (DatastoreException e) {
            throw new UserError(ExitCode.UNREACHABLE, e.getMessage());
        } catch (NftException e) {
            throw new UserError(ExitCode.INVALID, "nft refused the table: " + e.getMessage()
                    + e.failingLine().map(l -> " | failing line: " + l).orElse(""));
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env;
            }
            throw new UserError(ExitCode.USAGE, "cannot find the hostname; give --node NAME");
        }
    }
}
