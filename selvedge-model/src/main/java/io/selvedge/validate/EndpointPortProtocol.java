package io.selvedge.validate;

import io.selvedge.model.Protocol;

/** Checks the protocol of an endpoint's named port: required, valid, and one that has ports. */
final class EndpointPortProtocol {
  private EndpointPortProtocol() {}

  static void check(Protocol p, ViolationCollector c) {
    if (p == null) {
      c.add("is missing (TCP, UDP or SCTP)");
      return;
    }
    if (!ProtocolValidator.check(p, c)) {
      return;
    }
    if (!p.supportsPorts()) {
      c.add(ProtocolValidator.describe(p) + " has no ports (TCP, UDP or SCTP)");
    }
  }
}
