package io.selvedge.engine.explain;

import static io.selvedge.engine.explain.Decision.ALLOW;
import static io.selvedge.engine.explain.Decision.DENY;
import static io.selvedge.engine.explain.Scenario.PODS;
import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.engine.Direction;
import io.selvedge.engine.PolicyId;
import io.selvedge.engine.ProfileId;
import io.selvedge.engine.RuleAction;
import io.selvedge.model.Kind;
import org.junit.jupiter.api.Test;

/** The verdict algorithm inside one endpoint chain (spec §3.7): tiers, actions, profiles, staged policies. */
class PolicyEvaluationTest {
  private static final Flow A_TO_B_80 = Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
  private static final Flow A_TO_B_81 = Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 81);

  /** Workload b with the given profiles (a keeps allow-all). */
  private static String podB(String profiles) {
    return PODS.replace("ipNetworks: [10.0.0.2/32, \"fd00::2/128\"],\n       profiles: [allow-all]",
        "ipNetworks: [10.0.0.2/32, \"fd00::2/128\"],\n       profiles: " + profiles);
  }

  /**
   * A catch-all rule ends its tier for every packet that gets to it (the fast path leaves the
   * rules after it out), but a Pass before it still leads to the next tier's policies (here:
   * allowed by t2, not dropped at t2's end).
   */
  @Test
  void passBeforeACatchAllStillReachesTheNextTier() {
    Scenario s = Scenario.of(PODS, """
        kind: Tier
        metadata: {name: t1}
        spec: {order: 10}
        ---
        kind: Tier
        metadata: {name: t2}
        spec: {order: 20}
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: t1.pass-80}
        spec:
          tier: t1
          order: 1
          selector: app == 'b'
          ingress: [{action: Pass, protocol: TCP, destination: {ports: [80]}}]
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: t1.catch-all}
        spec:
          tier: t1
          order: 2
          selector: app == 'b'
          ingress: [{action: Allow}, {action: Deny}]
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: t1.after}
        spec:
          tier: t1
          order: 3
          selector: app == 'b'
          ingress: [{action: Deny}]
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: t2.allow-80}
        spec:
          tier: t2
          selector: app == 'b'
          ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]
        """);
    s.expect(A_TO_B_80, ALLOW).expect(A_TO_B_81, ALLOW);
    assertThat(s.explain(A_TO_B_80).decision()).isEqualTo(ALLOW);
    assertThat(s.explain(A_TO_B_81).decision()).isEqualTo(ALLOW);
  }

  @Test
  void firstTerminalRuleWinsAndLogGoesOn() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: p}
        spec:
          selector: app == 'b'
          ingress:
          - {action: Log}
          - {action: Allow, protocol: TCP, destination: {ports: [80]}}
          - {action: Deny}
          - {action: Allow}
        """);
    s.expect(A_TO_B_80, ALLOW).expect(A_TO_B_81, DENY);
    assertThat(Scenario.lastStageEvents(s.explain(A_TO_B_81)))
        .filteredOn(TraceEvent.RuleHit.class::isInstance)
        .extracting(e -> ((TraceEvent.RuleHit) e).index(), e -> ((TraceEvent.RuleHit) e).action())
        .containsExactly(org.assertj.core.api.Assertions.tuple(0, RuleAction.LOG),
            org.assertj.core.api.Assertions.tuple(2, RuleAction.DENY));
  }

  @Test
  void policiesRunInOrderAndFallingOffAPolicyGoesToTheNext() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: first}
        spec: {selector: app == 'b', order: 10, ingress: [{action: Deny, protocol: TCP, destination: {ports: [81]}}]}
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: second}
        spec: {selector: app == 'b', order: 20, ingress: [{action: Allow}]}
        """);
    s.expect(A_TO_B_80, ALLOW).expect(A_TO_B_81, DENY);
  }

  @Test
  void endOfTierDropsWhenNoPolicyDecides() {
    Scenario s = Scenario.of(PODS, """
        kind: NetworkPolicy
        metadata: {name: web, namespace: ns1}
        spec: {selector: app == 'b', ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]}
        """);
    s.expect(A_TO_B_80, ALLOW).expect(A_TO_B_81, DENY);
    assertThat(Scenario.lastStageEvents(s.explain(A_TO_B_81))).endsWith(new TraceEvent.TierEnd("default", true));
  }

  @Test
  void passSkipsTheRestOfTheTierAndTierDefaultPassGoesOn() {
    String tiers = """
        kind: Tier
        metadata: {name: security}
        spec: {order: 100}
        ---
        kind: Tier
        metadata: {name: lenient}
        spec: {order: 200, defaultAction: Pass}
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: security.pass-80}
        spec:
          tier: security
          order: 1
          selector: app == 'b'
          ingress: [{action: Pass, protocol: TCP, destination: {ports: [80]}}]
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: security.never-reached}
        spec: {tier: security, order: 999, selector: app == 'b', ingress: [{action: Deny}]}
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: lenient.nothing}
        spec: {tier: lenient, selector: app == 'b', ingress: [{action: Deny, protocol: UDP}]}
        """;
    Scenario s = Scenario.of(PODS, tiers);
    // 80: Pass out of security, no verdict in lenient (default Pass), the allow-all profile allows.
    s.expect(A_TO_B_80, ALLOW);
    // 81: no policy of security decides, so its end-of-tier Deny drops.
    s.expect(A_TO_B_81, DENY);
    NodeTrace t = s.explain(A_TO_B_80);
    assertThat(Scenario.lastStageEvents(t)).contains(new TraceEvent.TierEnd("lenient", false))
        .noneMatch(e -> e instanceof TraceEvent.NoRuleHit n && n.owner().equals(PolicyId.global("security.never-reached")));
  }

  @Test
  void stagedPoliciesAreReportedButNeverEnforced() {
    Scenario s = Scenario.of(PODS, """
        kind: StagedGlobalNetworkPolicy
        metadata: {name: would-deny}
        spec: {selector: app == 'b', ingress: [{action: Deny, protocol: TCP}]}
        """);
    // A tier holding only staged policies has no end-of-tier drop: the profile allows.
    s.expect(A_TO_B_80, ALLOW);
    assertThat(Scenario.lastStageEvents(s.explain(A_TO_B_80))).first().isInstanceOfSatisfying(TraceEvent.RuleHit.class, r -> {
      assertThat(r.staged()).isTrue();
      assertThat(r.action()).isEqualTo(RuleAction.DENY);
      assertThat(r.owner()).isEqualTo(new PolicyId(Kind.STAGED_GLOBAL_NETWORK_POLICY, "", "would-deny"));
    });
    Scenario withEnforced = Scenario.of(PODS, """
        kind: StagedGlobalNetworkPolicy
        metadata: {name: would-allow}
        spec: {selector: app == 'b', order: 1, ingress: [{action: Allow}]}
        ---
        kind: GlobalNetworkPolicy
        metadata: {name: only-80}
        spec: {selector: app == 'b', order: 2, ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]}
        """);
    withEnforced.expect(A_TO_B_80, ALLOW).expect(A_TO_B_81, DENY);
  }

  @Test
  void profilesRunInListOrderWhenNoTierApplies() {
    String profiles = """
        kind: Profile
        metadata: {name: deny-81}
        spec: {ingress: [{action: Deny, protocol: TCP, destination: {ports: [81]}}, {action: Pass}]}
        ---
        kind: Profile
        metadata: {name: allow-80}
        spec: {ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]}
        """;
    Scenario s = Scenario.of(podB("[deny-81, allow-80]"), profiles);
    s.expect(A_TO_B_80, ALLOW).expect(A_TO_B_81, DENY).expect(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 82), DENY);
    assertThat(Scenario.lastStageEvents(s.explain(Flow.tcp("10.0.0.1", 40000, "10.0.0.2", 82))))
        .containsExactly(
            new TraceEvent.RuleHit("", new ProfileId("deny-81"), Direction.INGRESS, 1, RuleAction.PASS,
                new io.selvedge.model.Rule(io.selvedge.model.Action.Pass, null, null, null, null, null, null, null, null,
                    null), false, false),
            new TraceEvent.NoRuleHit("", new ProfileId("allow-80"), Direction.INGRESS, false),
            new TraceEvent.NoProfileMatched());
    Scenario.of(podB("[]")).expect(A_TO_B_80, DENY);
  }

  @Test
  void profilesAreSkippedWhenATierDecides() {
    Scenario s = Scenario.of(PODS, """
        kind: GlobalNetworkPolicy
        metadata: {name: deny-81}
        spec: {selector: app == 'b', ingress: [{action: Deny, protocol: TCP, destination: {ports: [81]}}, {action: Allow}]}
        """);
    s.expect(A_TO_B_81, DENY);
    assertThat(Scenario.lastStageEvents(s.explain(A_TO_B_81))).noneMatch(e -> e instanceof TraceEvent.RuleHit r
        && r.owner() instanceof ProfileId);
  }
}
