package io.selvedge.codec;

/**
 * Why (part of) an input could not be decoded.
 *
 * @param source the name the caller gave the input
 * @param document 1-based document number; 0 when the problem concerns the whole input (too
 *     large, not UTF-8)
 * @param kindAndName e.g. {@code GlobalNetworkPolicy ip-protect} or
 *     {@code NetworkPolicy prod/allow-web}; null when the document has no usable kind or name
 * @param path where in the document, e.g. {@code spec.ingress[0].protocol}; items of a
 *     {@code kind: List} are prefixed {@code items[3].}, items of a top-level JSON array
 *     {@code [3].}; empty for problems of the document as a whole (YAML syntax errors)
 * @param message what is wrong, in plain English, with what is allowed where that helps
 * @param line 1-based line in the input where the problem is, 0 when unknown (for example for
 *     trees handed to {@link ResourceCodec#decodeNode})
 */
public record DecodeProblem(String source, int document, String kindAndName, String path, String message,
    int line) {

  /** A problem without a known line. */
  public DecodeProblem(String source, int document, String kindAndName, String path, String message) {
    this(source, document, kindAndName, path, message, 0);
  }

  /**
   * One line a user can act on, e.g. {@code policies.yaml:14: document 2 (GlobalNetworkPolicy
   * ip-protect): spec.ingress[0].protocl: unknown field (known: action, ipVersion, ...)}. The
   * {@code :14} appears only when the line is known.
   */
  public String format() {
    StringBuilder b = new StringBuilder();
    b.append(source == null ? "<input>" : source);
    if (line > 0) {
      b.append(':').append(line);
    }
    b.append(": ");
    if (document > 0) {
      b.append("document ").append(document);
      if (kindAndName != null && !kindAndName.isEmpty()) {
        b.append(" (").append(kindAndName).append(')');
      }
      b.append(": ");
    }
    if (path != null && !path.isEmpty()) {
      b.append(path).append(": ");
    }
    b.append(message);
    // Names and paths come from user input: one problem must stay one line on a terminal.
    return io.selvedge.model.UserText.escapeControls(b.toString());
  }

  @Override
  public String toString() {
    return format();
  }
}
