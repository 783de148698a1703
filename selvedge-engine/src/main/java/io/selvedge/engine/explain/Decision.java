package io.selvedge.engine.explain;

/** The verdict on a packet: the dataplane lets it through or drops it. */
public enum Decision {
  ALLOW,
  DENY
}
