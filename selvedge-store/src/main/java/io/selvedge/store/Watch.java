package io.selvedge.store;

/**
 * A running watch started by {@link Datastore#watch}. Closing it stops delivery; close is
 * idempotent, may be called from any thread including a listener callback, and (when not called
 * from a callback) returns only after the last callback has finished.
 */
public interface Watch extends AutoCloseable {

  /** The revision of the last snapshot or event batch delivered (the one to resume from). */
  long revision();

  /** False once the watch was closed or delivered its terminal callback. */
  boolean isActive();

  @Override
  void close();
}
