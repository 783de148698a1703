package io.selvedge.store;

/**
 * Progress of a batch write ({@link Datastore#applyAll}), for a terminal progress display.
 * Called on the writing thread, possibly inside the datastore's write transaction: do not call
 * the datastore from it, and keep it cheap (the store calls it at most once per resource).
 */
@FunctionalInterface
public interface ProgressListener {

  /** Does nothing. */
  ProgressListener NONE = (done, total) -> { };

  /** {@code done} of {@code total} resources processed (written or found unchanged). */
  void progress(int done, int total);
}
