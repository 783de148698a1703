package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** ICMP type and optional code (type 0..254, code 0..255, code needs a type). */
@JsonPropertyOrder({"type", "code"})
public record IcmpFields(Integer type, Integer code) {}
