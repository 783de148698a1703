package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One policy or profile rule. {@code source} and {@code destination} are never null (absent
 * means "any", {@link EntityRule#EMPTY}). {@code ipVersion} null means both families.
 */
@JsonPropertyOrder({"action", "ipVersion", "protocol", "icmp", "notProtocol", "notICMP", "source",
    "destination", "http", "metadata"})
public record Rule(
    Action action,
    Integer ipVersion,
    Protocol protocol,
    IcmpFields icmp,
    Protocol notProtocol,
    @com.fasterxml.jackson.annotation.JsonProperty("notICMP") IcmpFields notICMP,
    EntityRule source,
    EntityRule destination,
    HttpMatch http,
    RuleMetadata metadata) {

  public Rule {
    source = source == null ? EntityRule.EMPTY : source;
    destination = destination == null ? EntityRule.EMPTY : destination;
  }
}
