package io.selvedge.codec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One document as parsed from YAML or JSON text, before binding: either a tree (null for an
 * empty document) with its line table, or the syntax problem that stopped it.
 */
record RawDocument(int number, JsonNode root, Locations locations, DecodeProblem problem) {
  static RawDocument of(int number, JsonNode root, Locations locations) {
    return new RawDocument(number, root, locations, null);
  }

  static RawDocument failed(int number, DecodeProblem problem) {
    return new RawDocument(number, null, Locations.NONE, problem);
  }
}
