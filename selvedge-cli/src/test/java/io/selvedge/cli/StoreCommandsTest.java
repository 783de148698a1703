package io.selvedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apply/create/replace/get/label/delete against a real SQLite file, through the CLI entry point. */
class StoreCommandsTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
      Path.of("..").toAbsolutePath().normalize().toString()), "examples");

  @TempDir
  Path dir;
  String db;

  @BeforeEach
  void setUp() {
    db = "sqlite:" + dir.resolve("selvedge.db");
  }

  /** The same verbs against a real etcd member: the CLI opens etcd: URLs like sqlite: ones. */
  @Test
  void applyGetAndDeleteOnEtcd() throws Exception {
    try (io.selvedge.store.etcd.EtcdProcess etcd = io.selvedge.store.etcd.EtcdProcess.single(dir.resolve("etcd"))) {
      db = "etcd:" + etcd.clientUrl();
      CliRun applied = run("apply", "-f", EXAMPLES.toString());
      assertThat(applied.exitCode()).as(applied.err()).isZero();
      assertThat(run("get", "gnp", "-o", "name").out()).contains("globalnetworkpolicy/ip-protect");
      Path out = dir.resolve("p.yaml");
      Files.writeString(out, run("get", "gns", "ip-protect", "-o", "yaml").out());
      assertThat(run("label", "gns", "ip-protect", "team=sec").exitCode()).isZero();
      assertThat(run("replace", "-f", out.toString()).exitCode()).isEqualTo(ExitCode.CONFLICT);
      assertThat(run("delete", "-f", EXAMPLES.toString()).out()).contains("Successfully deleted 4 resource(s)");
    }
  }

  private CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--datastore";
    all[1] = db;
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.of(all);
  }

  @Test
  void applyThenGetInEveryFormat() {
    CliRun applied = run("apply", "-f", EXAMPLES.toString());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("GlobalNetworkSet ip-protect created").contains("Successfully applied 4 resource(s)");

    assertThat(run("get", "gnp").out()).isEqualTo(String.join(System.lineSeparator(),
        "NAME", "forward-default-allow", "ip-protect", ""));
    assertThat(run("get", "GlobalNetworkPolicies", "-o", "wide").out())
        .contains("ip-protect              default   0       Ingress   apply-ip-protect == 'true'");
    assertThat(run("get", "np").out()).isEmpty(); // namespace "default" has none
    assertThat(run("get", "networkpolicy", "-n", "production", "-o", "name").out())
        .isEqualTo("networkpolicy/production/allow-egress-external" + System.lineSeparator());
    assertThat(run("get", "np", "-A", "-o", "wide").out()).contains("production   allow-egress-external");
    assertThat(run("get", "gns", "-l", "ip-deny-list == 'true'", "-o", "name").out()).contains("globalnetworkset/ip-protect");
    assertThat(run("get", "gns", "-l", "ip-deny-list == 'false'").out()).isEmpty();
    assertThat(run("get", "gns", "ip-protect", "-o", "json").out()).contains("\"resourceVersion\"").contains("203.0.113.0/24");

    CliRun again = run("apply", "-f", EXAMPLES.toString());
    assertThat(again.out()).contains("GlobalNetworkSet ip-protect unchanged");
  }

  @Test
  void getYamlReappliesCleanly() throws Exception {
    run("apply", "-f", EXAMPLES.toString());
    Path out = dir.resolve("all.yaml");
    Files.writeString(out, run("get", "gnp", "-o", "yaml").out());
    CliRun reapplied = run("apply", "-f", out.toString());
    assertThat(reapplied.exitCode()).as(reapplied.err()).isZero();
    assertThat(reapplied.out()).contains("GlobalNetworkPolicy ip-protect unchanged").contains("forward-default-allow unchanged");
    CliRun replaced = run("replace", "-f", out.toString());
    assertThat(replaced.exitCode()).as(replaced.err()).isZero();
  }

  @Test
  void invalidInputWritesNothing() throws Exception {
    Path f = dir.resolve("mixed.yaml");
    Files.writeString(f, Files.readString(EXAMPLES.resolve("02-ip-protect-set.yaml"))
        + "\n---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: broken}\nspec: {selector: \"a =\"}\n");
    CliRun r = run("apply", "-f", f.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(r.err()).contains("document 2 (GlobalNetworkPolicy broken): spec.selector").contains("nothing was changed");
    assertThat(run("get", "gns").out()).isEmpty();
  }

  @Test
  void createRefusesExistingAndReplaceRefusesMissing() {
    assertThat(run("create", "-f", EXAMPLES.resolve("02-ip-protect-set.yaml").toString()).exitCode()).isZero();
    CliRun dup = run("create", "-f", EXAMPLES.toString());
    assertThat(dup.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(dup.err()).contains("GlobalNetworkSet ip-protect already exists").contains("nothing was created");
    assertThat(run("get", "gnp").out()).isEmpty();
    CliRun missing = run("replace", "-f", EXAMPLES.toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(missing.err()).contains("does not exist").contains("nothing was replaced");
  }

  @Test
  void staleResourceVersionIsAConflict() throws Exception {
    run("apply", "-f", EXAMPLES.resolve("02-ip-protect-set.yaml").toString());
    Path stale = dir.resolve("stale.yaml");
    Files.writeString(stale, run("get", "gns", "ip-protect", "-o", "yaml").out());
    assertThat(run("label", "gns", "ip-protect", "team=sec").exitCode()).isZero();
    CliRun r = run("replace", "-f", stale.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.CONFLICT);
    assertThat(r.err()).contains("resourceVersion 1").contains("has 2");
    assertThat(run("delete", "-f", stale.toString()).exitCode()).isEqualTo(ExitCode.CONFLICT);
  }

  @Test
  void labelSetsOverwritesAndRemoves() {
    run("apply", "-f", EXAMPLES.resolve("02-ip-protect-set.yaml").toString());
    CliRun noOverwrite = run("label", "gns", "ip-protect", "ip-deny-list=false");
    assertThat(noOverwrite.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(noOverwrite.err()).contains("--overwrite");
    assertThat(run("label", "gns", "ip-protect", "ip-deny-list=false", "--overwrite").exitCode()).isZero();
    assertThat(run("label", "gns", "ip-protect", "ip-deny-list-").exitCode()).isZero();
    assertThat(run("get", "gns", "-o", "wide").out()).contains("ip-protect   2      -");
    CliRun bad = run("label", "gns", "ip-protect", "bad key=x");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(bad.err()).contains("metadata.labels");
  }

  @Test
  void deleteByNameChecksEverythingFirst() {
    run("apply", "-f", EXAMPLES.toString());
    CliRun typo = run("delete", "gnp", "ip-protect", "ip-protekt");
    assertThat(typo.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(typo.err()).contains("GlobalNetworkPolicy ip-protekt not found").contains("nothing was deleted");
    assertThat(run("get", "gnp", "ip-protect").exitCode()).isZero();
    assertThat(run("delete", "gnp", "ip-protect", "ip-protekt", "--skip-not-exists").exitCode()).isZero();
    assertThat(run("get", "gnp", "ip-protect").exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(run("delete", "-f", EXAMPLES.toString(), "--skip-not-exists").out()).contains("Successfully deleted 3 resource(s)");
  }

  @Test
  void usageAndDatastoreErrorsHaveTheirExitCodes() {
    assertThat(run("get", "frobs").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run("get", "gnp", "-o", "xml").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run("get", "gnp", "-l", "a =").exitCode()).isEqualTo(ExitCode.USAGE);
    CliRun etcd = CliRun.of("--datastore", "etcd:http://127.0.0.1:1", "get", "gnp");
    assertThat(etcd.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(etcd.err()).startsWith("error: etcd:http://127.0.0.1:1").doesNotContain("Exception");
    CliRun unwritable = CliRun.of("--datastore", "sqlite:/proc/selvedge/x.db", "get", "gnp");
    assertThat(unwritable.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(unwritable.err()).startsWith("error: sqlite:/proc/selvedge/x.db: ");
  }
}
