package io.selvedge.cli;

import io.selvedge.engine.TypesDefaulting;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.Datastore;
import java.util.ArrayList;
import java.util.List;

/**
 * Every resource of every kind in the selected datastore, read once (not a consistent snapshot
 * across kinds: a write between two lists may show half of a change).
 */
final class DatastoreResourceSource implements ResourceSource {
  private final DatastoreSelection selection;

  DatastoreResourceSource(DatastoreSelection selection) {
    this.selection = selection;
  }

  @Override
  public List<Resource> load() {
    List<Resource> out = new ArrayList<>();
    try (Datastore store = selection.open()) {
      for (Kind k : Kind.values()) {
        out.addAll(store.list(k, null, null));
      }
    }
    return out;
  }

  /** The write path defaulted {@code types}; what is left is read as Felix reads it. */
  @Override
  public TypesDefaulting typesDefaulting() {
    return TypesDefaulting.FELIX;
  }
}
