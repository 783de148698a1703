package io.selvedge.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The person-readable and machine-readable forms of a verdict. */
class VerdictTextTest {
  private static final Scenario S = Scenario.of(Scenario.PODS, """
      kind: GlobalNetworkPolicy
      metadata: {name: b-web}
      spec:
        selector: app == 'b'
        ingress:
        - {action: Log, protocol: TCP}
        - action: Allow
          protocol: TCP
          source: {selector: app == 'a'}
          destination: {ports: [80, "8080:8090"]}
      ---
      kind: StagedGlobalNetworkPolicy
      metadata: {name: would-deny}
      spec: {selector: app == 'b', order: 1, ingress: [{action: Deny}]}
      """);

  @Test
  void textStartsWithTheVerdictAndShowsRulesAsYaml() {
    Verdict v = S.cluster().explain(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80));
    assertThat(VerdictText.format(v)).isEqualTo("""
        ALLOW
        flow: TCP 10.0.0.1:40000 -> 10.0.0.2:80 (new)
        source 10.0.0.1 is wep/ns1/a on node node1
        destination 10.0.0.2 is wep/ns1/b on node node1
        node node1, forward: in cali-a (wep/ns1/a), out cali-b (wep/ns1/b): ALLOW
          filter forward, wep/ns1/a egress: allowed
            profiles
              profile/allow-all: egress[0] Allow
                action: Allow
          filter forward, wep/ns1/b ingress: allowed
            tier default
              staged sgnp/would-deny: ingress[0] Deny (would have; staged policies are not enforced)
                action: Deny
              gnp/b-web: ingress[0] Log (logged; evaluation goes on)
                action: Log
                protocol: TCP
              gnp/b-web: ingress[1] Allow
                action: Allow
                protocol: TCP
                source:
                  selector: app == 'a'
                destination:
                  ports:
                    - 80
                    - 8080:8090
        """);
  }

  @Test
  void textShowsDefaultsAndRemarks() {
    String denied = VerdictText.format(S.cluster().explain(Flow.udp("10.0.0.1", 40000, "10.0.0.2", 53)));
    assertThat(denied).startsWith("DENY\n").contains("end of tier default: Deny (no policy decided)");
    String host = VerdictText.format(Scenario.of(Scenario.HOST).cluster()
        .explain(Flow.tcp("203.0.113.5", 40000, "192.168.0.1", 22)));
    assertThat(host).contains("inbound failsafe port tcp:22: accepted before any policy");
  }

  @Test
  void jsonCarriesTheSameFacts() {
    JsonNode j = VerdictJson.tree(S.cluster().explain(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80)));
    assertThat(j.get("verdict").asText()).isEqualTo("ALLOW");
    assertThat(j.at("/flow/protocolName").asText()).isEqualTo("TCP");
    assertThat(j.at("/flow/dstPort").asInt()).isEqualTo(80);
    JsonNode node = j.at("/nodes/0");
    assertThat(node.get("path").asText()).isEqualTo("forward");
    assertThat(node.at("/in/kind").asText()).isEqualTo("workload");
    JsonNode ingress = node.at("/stages/1");
    assertThat(ingress.get("hook").asText()).isEqualTo("filterForward");
    assertThat(ingress.get("direction").asText()).isEqualTo("ingress");
    JsonNode staged = ingress.at("/events/0");
    assertThat(staged.get("type").asText()).isEqualTo("rule");
    assertThat(staged.get("staged").asBoolean()).isTrue();
    assertThat(staged.at("/owner/kind").asText()).isEqualTo("StagedGlobalNetworkPolicy");
    JsonNode allow = ingress.at("/events/2");
    assertThat(allow.get("index").asInt()).isEqualTo(1);
    assertThat(allow.at("/rule/destination/ports/1").asText()).isEqualTo("8080:8090");
    assertThat(VerdictJson.format(S.cluster().explain(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80)))).endsWith("}\n");
  }
}
