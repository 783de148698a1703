package io.selvedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.store.NodeStatus;
import io.selvedge.store.sqlite.SqliteDatastore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code selvedge get nodes} against a real SQLite file holding agents' heartbeats. */
class GetNodesCommandTest {
  @TempDir
  Path dir;

  private CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--datastore";
    all[1] = "sqlite:" + dir.resolve("selvedge.db");
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.of(all);
  }

  private static GlobalNetworkSet gns(String name, String net) {
    return new GlobalNetworkSet(ObjectMeta.named(name), new NetworkSetSpec(List.of(net)));
  }

  @Test
  void showsHeartbeatAgeRevisionLagAndHealthOfEachNode() {
    Instant now = Instant.now();
    try (SqliteDatastore ds = SqliteDatastore.open(dir.resolve("selvedge.db"))) {
      ds.apply(gns("a", "192.0.2.1/32"));
      long r1 = ds.currentRevision();
      ds.apply(gns("b", "192.0.2.2/32"));
      ds.apply(gns("a", "192.0.2.3/32"));
      long r3 = ds.currentRevision();
      ds.reportNodeStatus(new NodeStatus("host1", now.minusSeconds(2), r3, true, "", "1.2.3"));
      ds.reportNodeStatus(new NodeStatus("host2", now.minus(Duration.ofMinutes(3)), r1, false,
          "last programming round failed; the kernel keeps revision " + r1, "1.2.3"));
    }
    CliRun got = run("get", "nodes");
    assertThat(got.exitCode()).as(got.err()).isZero();
    List<String> lines = got.out().lines().toList();
    assertThat(lines.get(0)).matches("NAME +LAST HEARTBEAT +REVISION +LAG +HEALTH");
    assertThat(lines.get(1)).matches("host1 +[2-9]s ago +3 +0 +ok");
    assertThat(lines.get(2)).as("two resources changed after revision 1").matches("host2 +3m[0-9]+s ago +1 +2 +failing");

    CliRun wide = run("get", "no", "host2", "-o", "wide");
    assertThat(wide.out()).contains("VERSION").contains("1.2.3").contains("the kernel keeps revision 1").doesNotContain("host1");

    CliRun yaml = run("get", "node", "-o", "yaml");
    assertThat(yaml.out()).contains("- name: host1").contains("lag: 2").contains("healthy: false");
    assertThat(run("get", "nodes", "-o", "json").out()).contains("\"name\" : \"host2\"").contains("\"revision\" : 1");
  }

  @Test
  void unknownNodeAndNoReportsAreClearMessages() {
    CliRun none = run("get", "nodes");
    assertThat(none.exitCode()).isZero();
    assertThat(none.err()).contains("No node has reported yet");
    CliRun missing = run("get", "nodes", "ghost");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(missing.err()).contains("node ghost has not reported to sqlite:");
    assertThat(run("get", "nodes", "-l", "a == 'b'").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void agesAreShort() {
    assertThat(NodeStatusReport.age(Duration.ofSeconds(4))).isEqualTo("4s");
    assertThat(NodeStatusReport.age(Duration.ofSeconds(192))).isEqualTo("3m12s");
    assertThat(NodeStatusReport.age(Duration.ofMinutes(125))).isEqualTo("2h5m");
    assertThat(NodeStatusReport.age(Duration.ofHours(76))).isEqualTo("3d4h");
    assertThat(NodeStatusReport.age(Duration.ofSeconds(-3))).as("clock skew").isEqualTo("0s");
  }

  @Test
  void deleteNodeForgetsARetiredHost() {
    try (SqliteDatastore ds = SqliteDatastore.open(dir.resolve("selvedge.db"))) {
      ds.reportNodeStatus(new NodeStatus("host1", Instant.now(), 0, true, "", "1"));
      ds.reportNodeStatus(new NodeStatus("retired", Instant.now().minusSeconds(86_400), 0, true, "", "1"));
    }
    CliRun typo = run("delete", "node", "retired", "retird");
    assertThat(typo.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(typo.err()).contains("node retird has not reported").contains("nothing was deleted");
    assertThat(run("get", "nodes", "-o", "name").out()).contains("node/retired");

    CliRun deleted = run("delete", "nodes", "retired");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("node retired deleted").contains("Successfully deleted 1 node(s)");
    assertThat(run("get", "nodes", "-o", "name").out()).isEqualTo("node/host1" + System.lineSeparator());
    assertThat(run("delete", "node", "retired", "--skip-not-exists").out()).contains("Successfully deleted 0 node(s)");
  }
}
