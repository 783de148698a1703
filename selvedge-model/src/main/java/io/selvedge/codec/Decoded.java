package io.selvedge.codec;

import io.selvedge.model.Resource;

/**
 * One resource read from an input.
 *
 * @param source the name the caller gave the input (a file name, {@code -} for stdin)
 * @param document the 1-based number of the document it came from; items of a {@code kind: List}
 *     document or of a top-level JSON array share the number of that document
 * @param resource the decoded resource, never null
 */
public record Decoded(String source, int document, Resource resource) {}
