package io.selvedge.feeds;

import io.selvedge.agent.AgentLog;
import io.selvedge.agent.HealthServer;
import io.selvedge.cli.ExitCode;
import io.selvedge.cli.SelvedgeCommand;
import io.selvedge.cli.UserError;
import io.selvedge.store.Datastore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selvedge feeds [--once] [--metrics-addr HOST:PORT]}: runs the GlobalThreatFeeds of the
 * datastore ({@link FeedRunner}). Run one per datastore (the agents do not pull feeds). With
 * {@code --once} it pulls every enabled feed once and exits 0 if all succeeded, 1 otherwise.
 */
@Command(name = "feeds", mixinStandardHelpOptions = true,
    description = {"Pull every enabled GlobalThreatFeed on its period and write its GlobalNetworkSet "
        + "threatfeed.NAME (until SIGTERM). Run one per datastore.",
        "A failed or partial pull never shrinks a set: it keeps its last good content, and the error shows in "
            + "the feed's status (selvedge get gtf) and on /metrics."},
    footer = {"", "Examples:", "  selvedge feeds --once", "  selvedge feeds --metrics-addr 0.0.0.0:9092",
        "", "More: docs/feeds.md"})
public final class FeedsCommand implements Callable<Integer> {
  private static final long MAX_BYTES = 256L << 20;

  @ParentCommand
  SelvedgeCommand parent;

  @Option(names = "--once", description = "pull every enabled feed once and exit (0 if all succeeded, else 1)")
  boolean once;

  @Option(names = "--metrics-addr", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
      description = "serve /metrics and /healthz here (default ${DEFAULT-VALUE}; 'none' to disable)")
  String metricsAddr;

  @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "10",
      description = "how often to look for due or changed feeds (default ${DEFAULT-VALUE})")
  int pollSeconds;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "limit for each download (default ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Override
  public Integer call() {
    if (pollSeconds < 1 || timeoutSeconds < 1) {
      throw new UserError(ExitCode.USAGE, "--poll and --timeout must be at least 1 second");
    }
    AgentLog log = new AgentLog(parent.err());
    FeedMetrics metrics = new FeedMetrics();
    FeedPuller puller = new FeedPuller(Duration.ofSeconds(timeoutSeconds), MAX_BYTES);
    try (Datastore store = parent.openDatastore()) {
      FeedRunner runner = new FeedRunner(store, puller, metrics, Clock.systemUTC(), log);
      if (once) {
        int failed = runner.tick(true);
        if (failed < 0) {
          throw new UserError(ExitCode.UNREACHABLE, "cannot read the feeds from " + store.url());
        }
        return failed == 0 ? ExitCode.OK : ExitCode.INVALID;
      }
      InetSocketAddress addr = HealthServer.parseAddress(metricsAddr);
      HealthServer http = null;
      if (addr != null) {
        try {
          http = HealthServer.start(addr, metrics::healthy, metrics::render);
        } catch (IOException e) {
          throw new UserError(ExitCode.USAGE, "cannot serve metrics on " + metricsAddr + ": " + e.getMessage());
        }
        log.info("metrics and health on http://" + metricsAddr + "/metrics, /healthz");
      }
      Thread loop = Thread.currentThread();
      Thread hook = new Thread(() -> {
        runner.stop();
        try {
          loop.join(5000); // let the loop finish its pass and close the datastore
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "selvedge-feeds-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      log.info("running the GlobalThreatFeeds of " + store.url());
      try {
        runner.run(Duration.ofSeconds(pollSeconds));
      } finally {
        if (http != null) {
          http.close();
        }
      }
    }
    return ExitCode.OK;
  }
}
