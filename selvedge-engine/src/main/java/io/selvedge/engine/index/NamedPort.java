package io.selvedge.engine.index;

import java.util.Objects;

/** A named port an endpoint declares: name, protocol number, port number. */
public record NamedPort(String name, int protocol, int port) {
  public NamedPort {
    Objects.requireNonNull(name, "name");
  }
}
