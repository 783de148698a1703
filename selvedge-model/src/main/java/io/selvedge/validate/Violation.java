package io.selvedge.validate;

import java.util.Objects;

/**
 * One thing wrong with a resource: where ({@code path}, in YAML field names with {@code [i]}
 * list indices and {@code ["key"]} map keys, e.g. {@code spec.egress[0].destination.nets[1]})
 * and what ({@code message}: the problem, then what is allowed in parentheses). User input in
 * the message is quoted with control characters escaped, so a violation prints safely.
 *
 * <p>{@link #toString()} is the form the CLI prints:
 * {@code spec.egress[0].destination.nets[1]: "10.0.0.1/24" has host bits set (use 10.0.0.0/24)}.
 */
public record Violation(String path, String message) {
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
