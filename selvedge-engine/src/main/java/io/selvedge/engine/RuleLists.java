package io.selvedge.engine;

import java.util.List;

/**
 * The resolved rules of a policy or profile, per direction and family, each list in the
 * original rule order (a rule dropped for a family is simply absent from that family's list).
 */
public record RuleLists(
    List<ResolvedRule> ingressV4,
    List<ResolvedRule> ingressV6,
    List<ResolvedRule> egressV4,
    List<ResolvedRule> egressV6) {

  public static final RuleLists EMPTY = new RuleLists(List.of(), List.of(), List.of(), List.of());

  public RuleLists {
    ingressV4 = List.copyOf(ingressV4);
    ingressV6 = List.copyOf(ingressV6);
    egressV4 = List.copyOf(egressV4);
    egressV6 = List.copyOf(egressV6);
  }

  public List<ResolvedRule> get(Direction direction, IpFamily family) {
    if (direction == Direction.INGRESS) {
      return family == IpFamily.V4 ? ingressV4 : ingressV6;
    }
    return family == IpFamily.V4 ? egressV4 : egressV6;
  }
}
