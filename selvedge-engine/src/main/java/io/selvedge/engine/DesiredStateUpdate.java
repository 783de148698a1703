package io.selvedge.engine;

import java.util.List;
import java.util.Objects;

/**
 * One change to a node's desired state, as emitted by {@code CalculationGraph.flush}. A flush
 * emits, in this order: IP set additions and member changes, profile and policy upserts,
 * endpoint upserts, then endpoint removals, policy and profile removals, IP set removals. So a
 * consumer applying updates in order never references an IP set, policy or profile it does not
 * have, and never removes one still referenced (spec STYLE: sequencer). Each update reflects
 * what was previously sent: upserts only for values that changed, removals only for keys sent.
 */
public sealed interface DesiredStateUpdate {

  /** A new IP set, or a full replacement of one (named-port sets are always replaced whole). */
  record IpSetUpsert(IpSet set) implements DesiredStateUpdate {
    public IpSetUpsert {
      Objects.requireNonNull(set, "set");
    }
  }

  /**
   * Member changes of a selector (NETS) set already sent. Apply {@code removed} before
   * {@code added}: the set never holds overlapping members in between (an added /8 may replace
   * removed /32s inside it).
   */
  record IpSetDelta(IpSetKey key, List<Cidr> removed, List<Cidr> added) implements DesiredStateUpdate {
    public IpSetDelta {
      Objects.requireNonNull(key, "key");
      removed = List.copyOf(removed);
      added = List.copyOf(added);
    }
  }

  record IpSetRemoved(IpSetKey key) implements DesiredStateUpdate {}

  record ProfileUpsert(ResolvedProfile profile) implements DesiredStateUpdate {}

  record ProfileRemoved(ProfileId id) implements DesiredStateUpdate {}

  record PolicyUpsert(ResolvedPolicy policy) implements DesiredStateUpdate {}

  record PolicyRemoved(PolicyId id) implements DesiredStateUpdate {}

  record EndpointUpsert(LocalEndpoint endpoint) implements DesiredStateUpdate {}

  record EndpointRemoved(EndpointId id) implements DesiredStateUpdate {}
}
