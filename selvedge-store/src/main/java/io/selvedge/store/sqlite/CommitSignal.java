package io.selvedge.store.sqlite;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells a {@link SqliteWatch} that a file in the database's directory was written, so that a
 * commit by another process (in WAL mode every commit appends to {@code FILE-wal}) is read at once
 * instead of at the next poll, and an idle watch sleeps instead of polling. On Linux this is
 * inotify, through {@link WatchService}. Where the directory cannot be watched (no inotify
 * instance left, an unusual file system) the signal is unavailable and {@link #await} just sleeps:
 * the watch then relies on polling alone.
 *
 * <p>Writes to other files of the directory wake the watch too; it then finds {@code PRAGMA
 * data_version} unchanged and waits again. Used by the watch's own thread; {@link #close} from any.
 */
final class CommitSignal implements AutoCloseable {

  private final WatchService service;

  private CommitSignal(WatchService service) {
    this.service = service;
  }

  /** Watches the directory of {@code databaseFile}, or an unavailable signal if it cannot. */
  static CommitSignal open(Path databaseFile) {
    Path dir = databaseFile.toAbsolutePath().getParent();
    WatchService ws = null;
    try {
      ws = FileSystems.getDefault().newWatchService();
      dir.register(ws, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
      return new CommitSignal(ws);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      closeQuietly(ws);
      return none();
    }
  }

  /** A signal that never fires: {@link #await} only sleeps. */
  static CommitSignal none() {
    return new CommitSignal(null);
  }

  /** Whether writes wake {@link #await}; if not, it only sleeps. */
  boolean available() {
    return service != null;
  }

  /**
   * Waits until a file in the directory is written, {@code nanos} pass, or the signal is
   * closed or the thread interrupted (the interrupt stays set). True when a write ended the wait.
   */
  boolean await(long nanos) {
    if (service == null) {
      LockSupport.parkNanos(nanos);
      return false;
    }
    try {
      WatchKey key = service.poll(nanos, TimeUnit.NANOSECONDS);
      if (key == null) {
        return false;
      }
      do {   // one wake for every write signalled so far
        key.pollEvents();
        key.reset();
        key = service.poll();
      } while (key != null);
      return true;
    } catch (ClosedWatchServiceException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    closeQuietly(service);
  }

  private static void closeQuietly(WatchService ws) {
    if (ws != null) {
      try {
        ws.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
