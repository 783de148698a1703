package io.selvedge.engine.explain;

import io.selvedge.engine.IcmpMatch;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.ResolvedRule;
import io.selvedge.engine.RuleAction;

/**
 * A {@link ResolvedRule} in the form the evaluator's hot loop wants: protocol and ICMP criteria
 * as ints ({@code -1} = not set), both sides compiled. Keeps the resolved rule for traces.
 * Immutable.
 */
final class CompiledRule {
  final ResolvedRule resolved;
  final RuleAction action;
  /** Protocol number the rule requires, -1 for any. */
  final int protocol;
  private final int notProtocol;
  private final int icmpProtocol;
  private final int icmpType;
  private final int icmpCode;
  private final int notIcmpType;
  private final int notIcmpCode;
  private final CompiledSide source;
  final CompiledSide destination;

  CompiledRule(ResolvedRule r, SetResolver ipSets) {
    resolved = r;
    action = r.action();
    protocol = r.protocol() == null ? -1 : r.protocol();
    notProtocol = r.notProtocol() == null ? -1 : r.notProtocol();
    icmpProtocol = r.family() == IpFamily.V4 ? Flow.ICMP : Flow.ICMPV6;
    icmpType = type(r.icmp());
    icmpCode = code(r.icmp());
    notIcmpType = type(r.notIcmp());
    notIcmpCode = code(r.notIcmp());
    source = new CompiledSide(r.source(), r.family(), ipSets);
    destination = new CompiledSide(r.destination(), r.family(), ipSets);
  }

  private static int type(IcmpMatch m) {
    return m == null ? -1 : m.type();
  }

  private static int code(IcmpMatch m) {
    return m == null || m.code() == null ? -1 : m.code();
  }

  /** Whether the rule matches every packet of its family: no protocol, ICMP, address or port criterion. */
  boolean matchesEverything() {
    return protocol < 0 && notProtocol < 0 && icmpType < 0 && notIcmpType < 0 && source.matchesEverything()
        && destination.matchesEverything();
  }

  /** Whether testing the rule looks an address up in a big set's table (likely a cache miss). */
  boolean looksUpBigSet() {
    return source.looksUpBigSet() || destination.looksUpBigSet();
  }

  /**
   * Whether the rule matches the packet (spec §3.4). ICMP criteria, positive or negated, only
   * match ICMP packets of the rule's family, as nft's {@code icmp type} expressions imply the
   * protocol. A negated type with a code matches when the packet's (type, code) pair differs
   * from the rule's, i.e. unless both are equal: what the kernel does with Calico's nft rule
   * (nft merges its two negated compares into one compare of the pair, see spec G9) and what
   * Calico's iptables mode does ({@code ! --icmp-type T/C}). A negated type alone matches any
   * other type.
   */
  boolean matches(Flow f, boolean hasPorts) {
    int proto = f.protocol();
    if (protocol >= 0 && proto != protocol) {
      return false;
    }
    if (notProtocol >= 0 && proto == notProtocol) {
      return false;
    }
    if (icmpType >= 0) {
      if (proto != icmpProtocol || f.icmpType() != icmpType || (icmpCode >= 0 && f.icmpCode() != icmpCode)) {
        return false;
      }
    }
    if (notIcmpType >= 0) {
      if (proto != icmpProtocol || f.icmpType() == notIcmpType && (notIcmpCode < 0 || f.icmpCode() == notIcmpCode)) {
        return false;
      }
    }
    return source.matches(f.srcHi(), f.srcLo(), proto, f.srcPort(), hasPorts)
        && destination.matches(f.dstHi(), f.dstLo(), proto, f.dstPort(), hasPorts);
  }
}
