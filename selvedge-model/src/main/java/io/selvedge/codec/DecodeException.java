package io.selvedge.codec;

import java.util.List;
import java.util.stream.Collectors;

/** A single document could not be decoded; carries every problem found in it. */
public final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<DecodeProblem> problems;

  public DecodeException(List<DecodeProblem> problems) {
    super(problems.stream().map(DecodeProblem::format).collect(Collectors.joining("\n")), null, false, false);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a DecodeException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The first problem. */
  public DecodeProblem problem() {
    return problems.get(0);
  }

  /** All problems of the document, in the order they were found. */
  public List<DecodeProblem> problems() {
    return problems;
  }
}
