package io.selvedge.store;

import io.selvedge.model.Resource;
import java.util.List;

/**
 * Receives what a {@link Watch} sees. All callbacks of one watch run on one thread, one at a
 * time, in revision order; they must not block for long (the watch does not read ahead while a
 * callback runs). A callback may call {@link Watch#close()}.
 *
 * <p>Sequence: {@code onSnapshot} (only when watching from revision 0), then any number of
 * {@code onEvents}, then at most one terminal call, {@code onResync} or {@code onError}, after
 * which nothing more is delivered. Closing the watch delivers nothing further.
 */
public interface WatchListener {

  /**
   * Every resource in the datastore at {@code revision} (a consistent cut, in no particular
   * order). Events that follow are exactly the changes after {@code revision}.
   */
  void onSnapshot(long revision, List<Resource> resources);

  /**
   * Changes in revision order; a batch never splits a revision (all changes of one write
   * transaction arrive together), so a batch end is a consistent point to act on.
   */
  void onEvents(List<WatchEvent> events);

  /**
   * Terminal: the history after {@code requestedRevision} is no longer available (the datastore
   * compacted it: its oldest retained history starts after {@code compactedRevision}), so
   * events would be missing. Throw away derived state, and start a new watch from revision 0
   * (which begins with a snapshot).
   */
  void onResync(long requestedRevision, long compactedRevision);

  /**
   * Terminal: the watch failed (datastore unavailable, or one of this listener's callbacks threw
   * — then the cause is that exception). Retry with a new watch from the last revision seen.
   */
  void onError(DatastoreException error);
}
