package io.selvedge.codec;

/**
 * Bounds that keep hostile input from exhausting memory or time.
 *
 * @param maxInputBytes size of one input in bytes (UTF-8)
 * @param maxNestingDepth deepest nesting of lists and objects in a document
 * @param maxAliases how many YAML aliases of lists/objects one document may use
 * @param maxAliasExpansion how many nodes YAML aliases may add to one document in total
 * @param maxProblemsPerDocument problems reported per document before the rest are summarised
 */
record Limits(long maxInputBytes, int maxNestingDepth, int maxAliases, long maxAliasExpansion,
    int maxProblemsPerDocument) {

  static final Limits DEFAULT = new Limits(64L << 20, 64, 50, 100_000, 50);

  /** Problems reported per input before the rest are summarised. */
  int maxProblemsPerInput() {
    return 1000;
  }

  Limits {
    if (maxInputBytes < 1 || maxNestingDepth < 4 || maxAliases < 0 || maxAliasExpansion < 0
        || maxProblemsPerDocument < 1) {
      throw new IllegalArgumentException("limits out of range");
    }
  }
}
