package io.selvedge.engine;

/**
 * An ICMP (or ICMPv6, by the rule's family) type with an optional code. A negated type+code,
 * {@code notICMP {type: T, code: C}}, means "not this (type, code) pair", as the kernel executes
 * Calico's nft rule (spec G9 reads it as "both differ"; see docs/reference/resources.md);
 * consumers decide how to match, this record only carries the values.
 */
public record IcmpMatch(int type, Integer code) {
  public IcmpMatch {
    if (type < 0 || type > 255 || (code != null && (code < 0 || code > 255))) {
      throw new IllegalArgumentException("bad ICMP type/code " + type + "/" + code);
    }
  }
}
