package io.selvedge.store;

import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import java.util.List;
import java.util.Optional;

/**
 * A revisioned store of {@code projectcalico.org/v3} resources: the one API the CLI writes
 * through and the agent watches. Implementations: {@code io.selvedge.store.sqlite.SqliteDatastore}
 * (embedded, default) and the etcd v3 backend; open either from a URL with
 * {@link DatastoreFactory}. Both pass the same contract test suite ({@code DatastoreContractTest}).
 *
 * <h2>Revisions and store-owned metadata</h2>
 * The datastore has one revision counter. Every write transaction that changes something moves
 * it forward (all resources written by one transaction share its revision); reads never do. Each
 * stored resource carries, as Calico's API server fills them in:
 * <ul>
 *   <li>{@code resourceVersion}: the revision of its last write, as a decimal string;</li>
 *   <li>{@code uid}: a random UUID chosen on create, kept by updates;</li>
 *   <li>{@code creationTimestamp}: RFC 3339 UTC, seconds precision, set on create, kept;</li>
 *   <li>{@code generation}: 1 on create, +1 on each update that changes the spec (label or
 *       annotation changes do not count).</li>
 * </ul>
 * Values for these fields in resources passed in are ignored, except {@code resourceVersion},
 * which is a precondition: an {@code update}, {@code apply} or {@code delete} that names a
 * resourceVersion succeeds only if it is the stored one, else it throws
 * {@link ConflictException} and writes nothing. Without one, the write is unconditional (last
 * writer wins, as calicoctl does). A write whose labels, annotations and spec equal what is
 * stored changes nothing: no new revision, no event.
 *
 * <h2>Keys</h2>
 * Namespaced kinds need a namespace, global kinds have none (see {@link ResourceKey}); the store
 * never defaults it. Resources are expected to be validated already; the store checks only keys.
 *
 * <h2>Errors</h2>
 * Every method may throw {@link UnavailableException}; others as documented. Programming errors
 * (null arguments, a namespaced key without namespace) throw {@link IllegalArgumentException}
 * or {@link NullPointerException}.
 *
 * <h2>Thread safety</h2>
 * Implementations are safe for use by several threads and several processes at once; see each
 * implementation for how much runs in parallel.
 */
public interface Datastore extends AutoCloseable {

  /** Where this datastore lives (for messages). */
  DatastoreUrl url();

  /**
   * The resource, or empty. For global kinds {@code namespace} is ignored.
   */
  Optional<Resource> get(Kind kind, String namespace, String name);

  /**
   * Resources of one kind, sorted by namespace then name.
   *
   * @param namespace only this namespace; {@code null} for all (ignored for global kinds)
   * @param labelSelector a Calico selector over the resources' labels, e.g.
   *     {@code role == 'db' && has(tier)}; {@code null} or blank for all
   * @throws IllegalArgumentException if the selector does not parse (message gives the column)
   */
  List<Resource> list(Kind kind, String namespace, String labelSelector);

  /**
   * Creates a resource that must not exist.
   *
   * @return the stored resource, with store-owned metadata filled in
   * @throws AlreadyExistsException if it exists
   */
  Resource create(Resource resource);

  /**
   * Replaces an existing resource (labels, annotations, spec).
   *
   * @return the stored resource
   * @throws NotFoundException if it does not exist
   * @throws ConflictException if it carries a resourceVersion that is not the stored one
   */
  Resource update(Resource resource);

  /**
   * Creates the resource, or replaces it if it exists. A resourceVersion in the resource is a
   * precondition on the replace; it is ignored if the resource does not exist (so the output of
   * {@code get -o yaml} re-creates a deleted resource).
   *
   * @return the stored resource
   * @throws ConflictException if it exists with another resourceVersion than the one given
   */
  Resource apply(Resource resource);

  /**
   * Deletes a resource.
   *
   * @param expectedResourceVersion if not null, delete only if this is the stored version
   * @throws NotFoundException if it does not exist
   * @throws ConflictException if the stored version is another one
   */
  void delete(Kind kind, String namespace, String name, String expectedResourceVersion);

  /**
   * Applies every resource ({@link #apply} semantics each), in order. On SQLite the batch is one
   * transaction: all written at one revision, or nothing (a conflict on any resource fails the
   * whole batch). A backend that cannot write the batch atomically says exactly what it wrote
   * with {@link PartialWriteException}.
   *
   * @param resources no two with the same key ({@link IllegalArgumentException} otherwise)
   * @return per resource: created, updated or unchanged
   */
  BatchResult applyAll(List<? extends Resource> resources, ProgressListener progress);

  /** The revision of the last write to the datastore (0 for an empty new store). */
  long currentRevision();

  /**
   * Starts watching. With {@code fromRevision == 0} the listener first gets a snapshot of every
   * resource at some revision R, then every change after R in order. With a revision
   * {@code > 0} (the last one the caller has seen) it gets every change after that revision, or
   * {@link WatchListener#onResync} if that history has been compacted away. Changes reach the
   * listener within 100 ms of their commit.
   *
   * <p>Cost: the snapshot reads and decodes every resource; afterwards work is proportional to
   * the changes.
   */
  Watch watch(long fromRevision, WatchListener listener);

  /**
   * Records an agent's heartbeat, replacing the node's previous one. Node status is kept apart
   * from the resources: it takes no resource revision, makes no watch event and is never
   * returned by {@link #list} or {@link #watch}, so heartbeats of many agents wake no watcher.
   * (On etcd the write still moves the cluster's revision, as any etcd write does.) Entries are
   * kept until replaced, so a host that stopped reporting stays visible with its old heartbeat.
   */
  void reportNodeStatus(NodeStatus status);

  /** The last status of every node that reported, sorted by node name. */
  List<NodeStatus> listNodeStatus();

  /**
   * Forgets a node's status (a retired host). A node whose agent still runs reports again at its
   * next heartbeat.
   *
   * @return false if the node had no status
   */
  boolean deleteNodeStatus(String node);

  /**
   * How many resources differ between {@code revision} and now (created, changed or deleted
   * after it): 0 exactly when no resource changed after {@code revision}, so an agent that
   * programmed {@code revision} is up to date. A resource created and deleted after it may or
   * may not count. Writes that change no resource (node status, or other programs' keys on etcd)
   * do not count. If the history at {@code revision} is compacted, deletions after it may go
   * uncounted.
   */
  long resourcesChangedSince(long revision);

  /** Stops every watch started from this instance and releases the connection. Idempotent. */
  @Override
  void close();
}
