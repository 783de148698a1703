package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Spec of a Tier. {@code order} null means the API default 1,000,000; {@code defaultAction} null means Deny. */
@JsonPropertyOrder({"order", "defaultAction"})
public record TierSpec(Double order, String defaultAction) {
  public static final TierSpec EMPTY = new TierSpec(null, null);

  public static final double DEFAULT_ORDER = 1_000_000d;
}
