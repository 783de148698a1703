package io.selvedge.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What every backend's {@link Watch} shares: one daemon thread that runs the backend's
 * {@link #follow} (snapshot when watching from revision 0, then changes), delivers callbacks one
 * at a time through {@link #deliver}, turns an exception thrown by the listener into
 * {@link WatchListener#onError}, and ends with at most one terminal callback ({@link #terminal}).
 * The backend says how it reads, how to wake its thread on {@link #close}, and what to release
 * when the thread ends.
 */
public abstract class WatchThread implements Watch {
  private static final AtomicLong IDS = new AtomicLong();

  private final long from;
  private final WatchListener listener;
  private final Thread thread;
  private volatile boolean active = true;
  private volatile boolean inCallback;
  private volatile long revision;
  private long lastCallbackNanos;

  /**
   * @param threadName the thread's name without its number
   * @param from the revision to watch after (0: snapshot first)
   */
  protected WatchThread(String threadName, long from, WatchListener listener) {
    if (from < 0) {
      throw new IllegalArgumentException("watch revision must be >= 0, not " + from);
    }
    this.from = from;
    this.listener = listener;
    this.revision = from;
    this.thread = new Thread(this::run, threadName + "-" + IDS.incrementAndGet());
    thread.setDaemon(true);
  }

  /**
   * Reads and delivers until closed or terminal: a snapshot if {@link #from()} is 0, then changes.
   * Returns normally when the watch is closed; anything thrown ends the watch with
   * {@link WatchListener#onError} ({@link #failure} translates what is not a
   * {@link DatastoreException}).
   */
  protected abstract void follow() throws Exception;

  /** The error to report for an exception of the backend that is not a DatastoreException. */
  protected abstract DatastoreException failure(Exception e);

  /** Wakes the watch thread from a wait or a blocked read so that it sees it is closed. */
  protected abstract void wake();

  /** Releases the backend's resources; runs last on the watch thread, however it ended. */
  protected abstract void ended();

  public final void start() {
    thread.start();
  }

  @Override
  public final long revision() {
    return revision;
  }

  @Override
  public final boolean isActive() {
    return active;
  }

  /** Stops the watch: no callback runs after this returns (unless called from a callback). */
  @Override
  public final void close() {
    active = false;
    wake();
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  protected final long from() {
    return from;
  }

  protected final WatchListener listener() {
    return listener;
  }

  /** Records the revision delivered through (before the callback, so a listener that looks sees it). */
  protected final void delivered(long rev) {
    revision = rev;
  }

  /** Whether a listener callback is running now (a wake must not interrupt it). */
  protected final boolean inCallback() {
    return inCallback;
  }

  /** How long the last callback took. */
  protected final long lastCallbackNanos() {
    return lastCallbackNanos;
  }

  protected final Thread thread() {
    return thread;
  }

  /**
   * Runs a callback if still active, timing it.
   *
   * @return false if the watch was closed, before or during the callback
   */
  protected final boolean deliver(Runnable callback) {
    if (!active) {
      return false;
    }
    inCallback = true;
    long start = System.nanoTime();
    try {
      callback.run();
    } catch (RuntimeException | Error e) {
      throw new ListenerFailed(e);
    } finally {
      inCallback = false;
      lastCallbackNanos = System.nanoTime() - start;
      Thread.interrupted(); // a wake meant for a blocked read must not leak into the next one
    }
    return active;
  }

  /** Ends the watch (inactive first, so the listener sees it ended) and runs a terminal callback. */
  protected final void terminal(Runnable callback) {
    if (!active) {
      return;
    }
    active = false;
    inCallback = true;
    try {
      callback.run();
    } catch (RuntimeException ignored) {
      // the listener's problem; the watch is over either way
    } finally {
      inCallback = false;
    }
  }

  private void run() {
    try {
      follow();
    } catch (ListenerFailed e) {
      Throwable c = e.getCause();
      fail(new DatastoreException("the watch listener failed: " + c, c));
    } catch (DatastoreException e) {
      fail(e);
    } catch (Exception e) {
      fail(failure(e));
    } finally {
      active = false;
      ended();
    }
  }

  private void fail(DatastoreException e) {
    terminal(() -> listener.onError(e));
  }

  /** Marks an exception thrown by the listener, as opposed to one from the store. */
  private static final class ListenerFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFailed(Throwable cause) {
      super(cause);
    }
  }
}
