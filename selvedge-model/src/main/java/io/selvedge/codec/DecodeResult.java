package io.selvedge.codec;

import io.selvedge.model.Resource;
import java.util.List;

/**
 * Everything read from one input: the resources that decoded and the problems of those that
 * did not, each in input order. A bad document never hides a good one.
 */
public record DecodeResult(List<Decoded> resources, List<DecodeProblem> problems) {
  public DecodeResult {
    resources = List.copyOf(resources);
    problems = List.copyOf(problems);
  }

  /** True when nothing was wrong (an empty input is ok). */
  public boolean ok() {
    return problems.isEmpty();
  }

  /** The decoded resources without their positions. */
  public List<Resource> resourceList() {
    return resources.stream().map(Decoded::resource).toList();
  }
}
