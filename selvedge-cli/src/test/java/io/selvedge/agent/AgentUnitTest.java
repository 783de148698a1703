package io.selvedge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.cli.Main;
import io.selvedge.dataplane.DataplaneConfig;
import io.selvedge.dataplane.FlushReport;
import io.selvedge.engine.explain.DataplaneSettings;
import io.selvedge.engine.explain.EndpointToHostAction;
import io.selvedge.engine.explain.FailsafePort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's small parts: settings bridge, metrics text, log lines, command-line handling. */
class AgentUnitTest {

    @Test
    void defaultSettingsGiveTheRenderersDefaults() {
        assertThat(EnforcementSettings.defaults().dataplaneConfig()).isEqualTo(DataplaneConfig.defaults());
    }

    @Test
    void customSettingsReachTheRenderer() {
        DataplaneSettings s = DataplaneSettings.defaults()
                .withFailsafe(List.of(new FailsafePort(6, null, 2222)), List.of())
                .withEndpointToHostAction(EndpointToHostAction.ACCEPT);
        DataplaneConfig c = new EnforcementSettings(s).dataplaneConfig();
        assertThat(c.settings()).isSameAs(s);
    }

    @Test
    void theFlowCacheMaskIsCheckedBeforeAnythingRuns() {
        assertThat(AgentCommand.parseMask("0xffffff00")).isEqualTo(0xFFFF_FF00L);
        assertThat(AgentCommand.parseMask("0")).isZero();
        assertThat(EnforcementSettings.defaults().withFlowCacheMask(0).dataplaneConfig().flowCacheMask()).isZero();
        for (String bad : List.of("0x0f0f0000", "0x7f", "ffffff00", "0x1ffffffff", "-1")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> AgentCommand.parseMask(bad),
                    io.selvedge.cli.UserError.class))
                    .as(bad).isNotNull()
                    .satisfies(e -> assertThat(e.exitCode()).isEqualTo(io.selvedge.cli.ExitCode.USAGE))
                    .satisfies(e -> assertThat(e.getMessage()).startsWith("--flow-cache-mask"));
        }
    }

    @Test
    void metricsArePrometheusText() {
        AgentMetrics m = new AgentMetrics();
        assertThat(m.healthy()).isFalse();
        m.syncSucceeded(42, new FlushReport(true, 10, 5, 0, 1, 0, 0, 3, 0, 0, 2, 7, 20, 5, Duration.ofMillis(3),
                Duration.ofMillis(4)), 0.02);
        m.stateSize(2, 3);
        String text = m.render();
        assertThat(m.healthy()).isTrue();
        assertThat(text).contains("selvedge_up 1\n", "selvedge_revision_programmed 42\n", "selvedge_syncs_total 1\n",
                "selvedge_nft_transactions_total 1\n", "selvedge_nft_operations_total 10\n", "selvedge_endpoints 2\n",
                "selvedge_policies 3\n", "selvedge_ipset_members 5\n",
                "selvedge_programming_latency_seconds_bucket{le=\"0.025\"} 1\n",
                "selvedge_programming_latency_seconds_bucket{le=\"0.01\"} 0\n",
                "selvedge_programming_latency_seconds_count 1\n");
        for (String line : text.split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{le=\"[^\"]+\"\\})? [0-9.]+");
        }
        m.syncFailed(true);
        assertThat(m.healthy()).isFalse();
        assertThat(m.render()).contains("selvedge_nft_errors_total 1\n", "selvedge_up 0\n");
    }

    @Test
    void ruleCountersAreSummedByComment() {
        String listing = """
                table inet selvedge {
                	chain p {
                		ip saddr 192.0.2.55 counter packets 3 bytes 180 drop comment "default/gnp/x ingress[0]"
                		ip6 saddr ::1 counter packets 2 bytes 100 drop comment "default/gnp/x ingress[0]"
                		counter packets 1 bytes 60 return
                		counter packets 4 bytes 9 accept comment "failsafe inbound"
                	}
                }
                """;
        assertThat(RuleCounters.format(listing)).contains(
                "selvedge_rule_packets_total{policy=\"default/gnp/x\",rule=\"default/gnp/x ingress[0]\"} 5\n",
                "selvedge_rule_bytes_total{policy=\"default/gnp/x\",rule=\"default/gnp/x ingress[0]\"} 280\n",
                "selvedge_rule_packets_total{policy=\"\",rule=\"\"} 1\n",
                "selvedge_rule_packets_total{policy=\"\",rule=\"failsafe inbound\"} 4\n");
    }

    @Test
    void logLinesAreOneLineWithATimestamp() {
        StringWriter w = new StringWriter();
        AgentLog log = new AgentLog(new PrintWriter(w), false);
        log.info("a\nb");
        log.error("boom", new IllegalStateException("x"));
        String[] lines = w.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z a b");
        assertThat(lines[1]).endsWith(" error: boom");
    }

    @Test
    void badMetricsAddressIsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true),
                "--datastore", "sqlite:/nonexistent/dir/x.db", "agent", "--node", "n", "--metrics-addr", "localhost");
        // either nft is missing (1) or the address is rejected (2); never a stack trace
        assertThat(code).isIn(1, 2);
        assertThat(err.toString()).startsWith("error: ").doesNotContain("\tat ");
    }

    @Test
    void helpNamesTheOptions() {
        StringWriter out = new StringWriter();
        int code = Main.run(new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), "agent", "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--node", "--once", "--metrics-addr");
    }
}
