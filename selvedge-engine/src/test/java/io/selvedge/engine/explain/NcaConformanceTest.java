package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.codec.DecodeException;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.engine.TypesDefaulting;
import io.selvedge.model.Resource;
import io.selvedge.validate.PolicyDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The 542 NCA flows of {@code shared/conformance/nca/cases.json}, read at test time, each
 * evaluated across the cluster ({@link ClusterExplainer#explain}) and compared with NCA's verdict
 * — or, for the flows flagged {@code disagrees_with_spec}, with Calico's (see
 * {@link Disagreement}). One dynamic test per flow, grouped by scenario; prints {@code nca: N/542}.
 */
class NcaConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Source port for flows that do not give one (their verdict does not depend on it). */
  private static final int EPHEMERAL_PORT = 49152;

  /**
   * Why NCA's verdict differs from Calico's on a flagged flow, and Calico's answer, which is
   * what this test asserts. Each flag must fall in exactly one class; a new kind of flag fails
   * the test until someone decides what Calico does.
   */
  enum Disagreement {
    /**
     * Calico accepts the default failsafe ports (inbound tcp 22, 6443, ...; outbound udp 53, ...)
     * to and from a host endpoint before any policy (spec §4.3, G17); NCA has no failsafe rules.
     */
    FAILSAFE("failsafe port", Decision.ALLOW),
    /**
     * Equal-order policies: Calico orders them by {@code name/namespace/kind} (spec §3.6, G4), so
     * a Deny of the name-first policy wins; NCA keeps file order and applies an earlier Pass.
     */
    TIE_BREAK("breaks the tie by name", Decision.DENY),
    /**
     * Profiles as written: Calico enforces the profile rules (these {@code kns.*} profiles have
     * none, so "no profile allowed" drops, spec §3.7); NCA reads profiles only for labelsToApply.
     */
    PROFILE_RULES("reads Profiles only for labelsToApply", Decision.DENY);

    private final String marker;
    final Decision calico;

    Disagreement(String marker, Decision calico) {
      this.marker = marker;
      this.calico = calico;
    }

    static Disagreement of(String flag) {
      Disagreement found = null;
      for (Disagreement d : values()) {
        if (flag.contains(d.marker)) {
          if (found != null) {
            throw new AssertionError("flag fits two classes: " + flag);
          }
          found = d;
        }
      }
      if (found == null) {
        throw new AssertionError("unclassified disagrees_with_spec flag; decide Calico's answer: " + flag);
      }
      return found;
    }
  }

  /** One flow's outcome, computed before the dynamic tests run so that the summary can be printed. */
  private record Outcome(String name, Decision expected, Verdict actual, Decision fast, String why) {}

  @TestFactory
  Stream<DynamicNode> ncaFlows() throws IOException, DecodeException {
    String shared = System.getProperty("selvedge.shared");
    assertThat(shared).as("system property selvedge.shared").isNotNull();
    Path file = Path.of(shared, "conformance", "nca", "cases.json");
    assertThat(file).as("NCA conformance vectors").exists();
    JsonNode scenarios = JSON.readTree(file.toFile());
    List<DynamicNode> containers = new ArrayList<>();
    int total = 0;
    int agree = 0;
    for (JsonNode scenario : scenarios) {
      String id = scenario.get("id").asText();
      List<Resource> resources = new ArrayList<>();
      int doc = 0;
      for (JsonNode r : scenario.get("resources")) {
        // As Calico's client stores it: types and tier filled in.
        resources.add(PolicyDefaults.apply(ResourceCodec.strict().decodeNode(id, ++doc, r)));
      }
      ClusterExplainer explainer = new ClusterExplainer(resources, DataplaneSettings.defaults(), TypesDefaulting.FELIX);
      List<Outcome> outcomes = new ArrayList<>();
      int i = 0;
      for (JsonNode f : scenario.get("flows")) {
        Flow flow = flow(f);
        Decision nca = decision(f.get("expect").asText());
        Decision expected = nca;
        String why = f.get("why").asText();
        String label = "";
        if (f.has("disagrees_with_spec")) {
          Disagreement d = Disagreement.of(f.get("disagrees_with_spec").asText());
          assertThat(d.calico).as("Calico's answer for a flagged flow differs from NCA's").isNotEqualTo(nca);
          expected = d.calico;
          label = " [Calico, not NCA: " + d.name().toLowerCase(Locale.ROOT) + "]";
          why = why + "\nNCA says " + nca + "; Calico: " + f.get("disagrees_with_spec").asText();
        }
        Verdict v = explainer.explain(flow);
        total++;
        if (v.decision() == expected) {
          agree++;
        }
        outcomes.add(new Outcome("#" + i + " " + flow + " -> " + expected + label, expected, v, explainer.decide(flow),
            why));
        i++;
      }
      containers.add(DynamicContainer.dynamicContainer(id, outcomes.stream().map(o -> DynamicTest.dynamicTest(o.name(),
          () -> {
            assertThat(o.actual().decision()).as("%s%n%s", o.why(), VerdictText.format(o.actual()))
                .isEqualTo(o.expected());
            assertThat(o.fast()).as("decide() agrees with explain()").isEqualTo(o.actual().decision());
          }))));
    }
    System.out.println("nca: " + agree + "/" + total);
    assertThat(total).as("flows in cases.json").isEqualTo(542);
    return containers.stream();
  }

  private static Decision decision(String s) {
    return switch (s) {
      case "Allow" -> Decision.ALLOW;
      case "Deny" -> Decision.DENY;
      default -> throw new AssertionError("expect must be Allow or Deny: " + s);
    };
  }

  private static Flow flow(JsonNode f) {
    int protocol = protocol(f.get("protocol"));
    Flow flow = Flow.of(f.get("src").asText(), f.get("dst").asText(), protocol);
    if (f.hasNonNull("port")) {
      int srcPort = f.hasNonNull("srcPort") ? f.get("srcPort").asInt() : EPHEMERAL_PORT;
      flow = flow.withPorts(srcPort, f.get("port").asInt());
    }
    if (f.hasNonNull("icmp")) {
      JsonNode icmp = f.get("icmp");
      flow = flow.withIcmp(icmp.get("type").asInt(), icmp.hasNonNull("code") ? icmp.get("code").asInt() : -1);
    }
    return flow;
  }

  private static int protocol(JsonNode p) {
    if (p.isInt()) {
      return p.asInt();
    }
    return switch (p.asText()) {
      case "TCP" -> Flow.TCP;
      case "UDP" -> Flow.UDP;
      case "ICMP" -> Flow.ICMP;
      case "SCTP" -> Flow.SCTP;
      case "UDPLite" -> 136;
      default -> throw new AssertionError("unknown protocol " + p);
    };
  }
}
