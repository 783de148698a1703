package io.selvedge.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one document (or one item of a list document), stopping at a limit
 * so that a million bad list entries give a readable report.
 */
final class Problems {
  private final String source;
  private final int document;
  private final Locations locations;
  private final int max;
  private final List<DecodeProblem> list = new ArrayList<>();
  private String kindAndName;
  private int dropped;

  Problems(String source, int document, Locations locations, int max) {
    this.source = source;
    this.document = document;
    this.locations = locations;
    this.max = max;
  }

  void kindAndName(String kn) {
    this.kindAndName = kn;
  }

  void add(FieldPath path, String message) {
    if (list.size() >= max) {
      dropped++;
      return;
    }
    list.add(new DecodeProblem(source, document, kindAndName, path.toString(), message, locations.lineOf(path)));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int size() {
    return list.size() + dropped;
  }

  List<DecodeProblem> toList() {
    List<DecodeProblem> out = new ArrayList<>(list);
    if (dropped > 0) {
      out.add(new DecodeProblem(source, document, kindAndName, "",
          dropped + " more problem" + (dropped == 1 ? "" : "s") + " in this document not shown"));
    }
    return out;
  }
}
