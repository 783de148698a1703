package io.selvedge.store.sqlite;

import java.time.Duration;

/**
 * Tuning of a {@link SqliteDatastore}. The defaults suit a host: wait up to 10 s for another
 * process's write; look for changes when the database's directory is written (or every 25 ms
 * where it cannot be watched, see {@link CommitSignal}); keep change history (for watchers that
 * resume from a revision) for the last 10,000 revisions and at most 256 MiB, but never drop
 * history younger than 60 s, so a live watcher is never forced to resync by a burst of writes.
 *
 * @param busyTimeout how long a write waits for another writer before failing as unavailable
 * @param pollInterval how often a watch checks for new commits when it cannot be told of writes
 * @param wakeOnWrites whether a watch is woken by writes to the database's directory
 *     ({@link CommitSignal}); false: it polls every {@code pollInterval} alone (a baseline)
 * @param retainRevisions keep the change history of at least this many latest revisions
 * @param retainBytes compact older history when the stored change history exceeds this size
 * @param minRetainAge never compact history younger than this
 */
public record SqliteOptions(Duration busyTimeout, Duration pollInterval, boolean wakeOnWrites,
    long retainRevisions, long retainBytes, Duration minRetainAge) {

  public SqliteOptions {
    if (busyTimeout.isNegative() || pollInterval.isNegative() || pollInterval.isZero()
        || retainRevisions < 1 || retainBytes < 0 || minRetainAge.isNegative()) {
      throw new IllegalArgumentException("invalid SQLite options: " + busyTimeout + ", " + pollInterval
          + ", " + retainRevisions + ", " + retainBytes + ", " + minRetainAge);
    }
  }

  public static SqliteOptions defaults() {
    return new SqliteOptions(Duration.ofSeconds(10), Duration.ofMillis(25), true, 10_000, 256L << 20,
        Duration.ofSeconds(60));
  }

  /** These options with another change-history retention (tests use small ones). */
  public SqliteOptions withRetention(long revisions, long bytes, Duration minAge) {
    return new SqliteOptions(busyTimeout, pollInterval, wakeOnWrites, revisions, bytes, minAge);
  }

  public SqliteOptions withBusyTimeout(Duration timeout) {
    return new SqliteOptions(timeout, pollInterval, wakeOnWrites, retainRevisions, retainBytes, minRetainAge);
  }
}
