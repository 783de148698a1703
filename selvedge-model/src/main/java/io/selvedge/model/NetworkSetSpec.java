package io.selvedge.model;

import java.util.List;

/** Spec of NetworkSet and GlobalNetworkSet: a list of CIDRs (host bits allowed, normalised). */
public record NetworkSetSpec(List<String> nets) {
  public static final NetworkSetSpec EMPTY = new NetworkSetSpec(null);

  public NetworkSetSpec {
    nets = Immutable.list(nets);
  }
}
