package io.selvedge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.dataplane.FlushReport;
import io.selvedge.store.Datastore;
import io.selvedge.store.NodeStatus;
import io.selvedge.store.UnavailableException;
import io.selvedge.store.sqlite.SqliteDatastore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's heartbeat against a real SQLite file, and against a datastore that is down. */
class NodeStatusReporterTest {
  @TempDir
  Path dir;

  private final StringWriter logText = new StringWriter();
  private final AgentLog log = new AgentLog(new PrintWriter(logText, true), false);
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void reportsRevisionAndHealthFromTheMetrics() {
    Path db = dir.resolve("s.db");
    AgentMetrics metrics = new AgentMetrics();
    NodeStatusReporter r = new NodeStatusReporter("host1", () -> SqliteDatastore.open(db), metrics, "9.9", log, clock, 1000, why -> { });
    assertThat(r.reportOnce()).isTrue();
    metrics.syncSucceeded(17, new FlushReport(false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, java.time.Duration.ZERO, java.time.Duration.ZERO), 0.01);
    assertThat(r.reportOnce()).isTrue();
    try (Datastore ds = SqliteDatastore.open(db)) {
      assertThat(ds.listNodeStatus()).containsExactly(
          new NodeStatus("host1", clock.instant(), 17, true, "", "9.9"));
    }
    metrics.syncFailed(true);
    assertThat(r.current().healthy()).isFalse();
    assertThat(r.current().detail()).contains("the kernel keeps revision 17");
  }

  @Test
  void aDatastoreThatIsDownIsLoggedOnceAndRetried() {
    Path db = dir.resolve("s.db");
    AtomicBoolean down = new AtomicBoolean(true);
    NodeStatusReporter r = new NodeStatusReporter("host1", () -> {
      if (down.get()) {
        throw new UnavailableException("etcd:http://10.99.0.1:2379", "connection refused");
      }
      return SqliteDatastore.open(db);
    }, new AgentMetrics(), "9.9", log, clock, 1000, why -> { });
    assertThat(r.reportOnce()).isFalse();
    assertThat(r.reportOnce()).isFalse();
    down.set(false);
    assertThat(r.reportOnce()).isTrue();
    assertThat(logText.toString().lines().filter(l -> l.contains("cannot report node status"))).hasSize(1);
    assertThat(logText.toString()).contains("node status reported again");
  }

  @Test
  void aKernelRevisionThatStaysBehindTheDatastoreReopensTheWatch() {
    Path db = dir.resolve("s.db");
    AgentMetrics metrics = new AgentMetrics();
    java.util.List<String> stalls = new java.util.ArrayList<>();
    try (Datastore ds = SqliteDatastore.open(db)) {
      ds.apply(new io.selvedge.model.GlobalNetworkSet(io.selvedge.model.ObjectMeta.named("a"),
          new io.selvedge.model.NetworkSetSpec(java.util.List.of("192.0.2.1/32"))));
      metrics.syncSucceeded(ds.currentRevision(), new FlushReport(false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
          java.time.Duration.ZERO, java.time.Duration.ZERO), 0.01);
      NodeStatusReporter r = new NodeStatusReporter("host1", () -> SqliteDatastore.open(db), metrics, "9.9", log, clock, 1000,
          stalls::add);
      for (int i = 0; i < 2 * NodeStatusReporter.STALL_CHECK_EVERY; i++) {
        r.reportOnce();
      }
      assertThat(stalls).as("up to date").isEmpty();
      ds.apply(new io.selvedge.model.GlobalNetworkSet(io.selvedge.model.ObjectMeta.named("b"),
          new io.selvedge.model.NetworkSetSpec(java.util.List.of("192.0.2.2/32"))));
      for (int i = 0; i < 2 * NodeStatusReporter.STALL_CHECK_EVERY; i++) {
        r.reportOnce();
      }
      assertThat(stalls).hasSize(1);
      assertThat(stalls.get(0)).startsWith("1 resources changed after revision 1");
      assertThat(logText.toString()).contains("the datastore watch seems stalled");
    }
  }
}
