package io.selvedge.store;

import io.selvedge.model.Resource;
import java.util.List;
import java.util.Objects;

/**
 * What a batch write did, resource by resource in batch order, and the revision it committed
 * at (the current revision if nothing changed).
 */
public record BatchResult(List<Outcome> outcomes, long revision) {

  /** What happened to one resource. */
  public enum Change {
    CREATED, UPDATED,
    /** Identical labels, annotations and spec to what was stored: nothing written. */
    UNCHANGED
  }

  /** One resource's result; {@code stored} is what the datastore holds now. */
  public record Outcome(ResourceKey key, Change change, Resource stored) {
    public Outcome {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(stored, "stored");
    }
  }

  public BatchResult {
    outcomes = List.copyOf(outcomes);
  }

  public List<ResourceKey> created() {
    return keys(Change.CREATED);
  }

  public List<ResourceKey> updated() {
    return keys(Change.UPDATED);
  }

  public List<ResourceKey> unchanged() {
    return keys(Change.UNCHANGED);
  }

  private List<ResourceKey> keys(Change c) {
    return outcomes.stream().filter(o -> o.change() == c).map(Outcome::key).toList();
  }
}
