package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A named port of a HostEndpoint. */
@JsonPropertyOrder({"name", "protocol", "port"})
public record EndpointPort(String name, Protocol protocol, int port) {}
