package io.selvedge.engine;

/**
 * An ICMP (or ICMPv6, by the rule's family) type with an optional code. Note Calico's nft
 * rendering of a negated type+code (spec G9): {@code notICMP {type: T, code: C}} matches only
 * when both differ; consumers decide how to match, this record only carries the values.
 */
public record IcmpMatch(int type, Integer code) {
  public IcmpMatch {
    if (type < 0 || type > 255 || (code != null && (code < 0 || code > 255))) {
      throw new IllegalArgumentException("bad ICMP type/code " + type + "/" + code);
    }
  }
}
