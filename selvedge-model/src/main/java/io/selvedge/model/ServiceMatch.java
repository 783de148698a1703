package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A Kubernetes service reference in a rule. */
@JsonPropertyOrder({"name", "namespace"})
public record ServiceMatch(String name, String namespace) {}
