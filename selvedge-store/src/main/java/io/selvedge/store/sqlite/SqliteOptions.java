package io.selvedge.store.sqlite;

import java.time.Duration;

/**
 * Tuning of a {@link SqliteDatastore}. The defaults suit a host: wait up to 10 s for another
 * process's write, poll for changes every 10 ms (a tiny query: about
 * 100 a second per watcher when idle), and keep change history (for watchers that
 * resume from a revision) for the last 10,000 revisions and at most 256 MiB, but never drop
 * history younger than 60 s, so a live watcher is never forced to resync by a burst of writes.
 *
 * @param busyTimeout how long a write waits for another writer before failing as unavailable
 * @param pollInterval how often a watch checks for new commits (changes reach it within this)
 * @param retainRevisions keep the change history of at least this many latest revisions
 * @param retainBytes compact older history when the stored change history exceeds this size
 * @param minRetainAge never compact history younger than this
 */
public record SqliteOptions(Duration busyTimeout, Duration pollInterval, long retainRevisions,
    long retainBytes, Duration minRetainAge) {

  public SqliteOptions {
    if (busyTimeout.isNegative() || pollInterval.isNegative() || pollInterval.isZero()
        || retainRevisions < 1 || retainBytes < 0 || minRetainAge.isNegative()) {
      throw new IllegalArgumentException("invalid SQLite options: " + busyTimeout + ", " + pollInterval
          + ", " + retainRevisions + ", " + retainBytes + ", " + minRetainAge);
    }
  }

  public static SqliteOptions defaults() {
    return new SqliteOptions(Duration.ofSeconds(10), Duration.ofMillis(10), 10_000, 256L << 20,
        Duration.ofSeconds(60));
  }

  /** These options with another change-history retention (tests use small ones). */
  public SqliteOptions withRetention(long revisions, long bytes, Duration minAge) {
    return new SqliteOptions(busyTimeout, pollInterval, revisions, bytes, minAge);
  }

  public SqliteOptions withBusyTimeout(Duration timeout) {
    return new SqliteOptions(timeout, pollInterval, retainRevisions, retainBytes, minRetainAge);
  }
}
