package io.selvedge.store;

import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One change seen by a {@link Watch}: the resource was added, modified or deleted at
 * {@code revision}. {@link #resource()} is the state after the change, with all store-owned
 * metadata ({@code resourceVersion} equals {@code revision}); it is {@code null} for
 * {@link Type#DELETED} (the key says what went away).
 *
 * <p>A MODIFIED NetworkSet or GlobalNetworkSet whose labels stayed may carry a
 * {@link #netsDelta()}, the change of its {@code spec.nets} (backends that record one: SQLite).
 * Its resource is then read and decoded only when {@link #resource()} is first called, so a
 * consumer that applies the delta never pays for a list of a million nets; one that ignores
 * deltas sees the same full resource as ever, if it asks in time: the backend keeps it as long as
 * its change history (SQLite: at least {@code minRetainAge}, a minute by default, after the
 * commit), and {@link #resource()} throws {@link DatastoreException} after that, as a watch that
 * falls that far behind resyncs. Thread-safe.
 */
public final class WatchEvent {

  /** What happened to the resource. */
  public enum Type { ADDED, MODIFIED, DELETED }

  private final Type type;
  private final ResourceKey key;
  private final long revision;
  private final NetsDelta netsDelta;
  private Supplier<Resource> decoder;
  private Resource resource;

  public WatchEvent(Type type, ResourceKey key, long revision, Resource resource) {
    this(type, key, revision, resource, null, null);
    if ((type == Type.DELETED) != (resource == null)) {
      throw new IllegalArgumentException(type + " event " + (resource == null ? "without" : "with") + " a resource");
    }
  }

  private WatchEvent(Type type, ResourceKey key, long revision, Resource resource, NetsDelta netsDelta,
      Supplier<Resource> decoder) {
    this.type = Objects.requireNonNull(type, "type");
    this.key = Objects.requireNonNull(key, "key");
    this.revision = revision;
    this.resource = resource;
    this.netsDelta = netsDelta;
    this.decoder = decoder;
  }

  public static WatchEvent deleted(ResourceKey key, long revision) {
    return new WatchEvent(Type.DELETED, key, revision, null);
  }

  /**
   * A MODIFIED network set whose nets changed by {@code delta}; {@code decoder} yields the full
   * resource at {@code revision} and is called at most once, on the first {@link #resource()}.
   */
  public static WatchEvent modifiedNets(ResourceKey key, long revision, NetsDelta delta, Supplier<Resource> decoder) {
    if (key.kind() != Kind.NETWORK_SET && key.kind() != Kind.GLOBAL_NETWORK_SET) {
      throw new IllegalArgumentException("a nets delta on a " + key.kind().apiName());
    }
    if (delta.baseRevision() >= revision) {
      throw new IllegalArgumentException("delta base " + delta.baseRevision() + " is not before revision " + revision);
    }
    return new WatchEvent(Type.MODIFIED, key, revision, null, delta, Objects.requireNonNull(decoder, "decoder"));
  }

  public Type type() {
    return type;
  }

  public ResourceKey key() {
    return key;
  }

  public long revision() {
    return revision;
  }

  /**
   * The state after the change (read and decoded now if it was deferred); null for DELETED.
   *
   * @throws DatastoreException if it was deferred and the backend can no longer read it
   */
  public synchronized Resource resource() {
    if (decoder != null) {
      resource = decoder.get();
      decoder = null;
    }
    return resource;
  }

  /** The change of {@code spec.nets}, if the backend recorded one (then the labels did not change). */
  public Optional<NetsDelta> netsDelta() {
    return Optional.ofNullable(netsDelta);
  }

  /** Equal when type, key, revision, delta and resource are (a deferred resource is read). */
  @Override
  public boolean equals(Object o) {
    return o instanceof WatchEvent e && type == e.type && key.equals(e.key) && revision == e.revision
        && Objects.equals(netsDelta, e.netsDelta) && Objects.equals(resource(), e.resource());
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, key, revision);
  }

  @Override
  public String toString() {
    return "WatchEvent[" + type + " " + key + " at " + revision
        + (netsDelta == null ? "" : ", nets -" + netsDelta.removed().size() + " +" + netsDelta.added().size()
            + " on " + netsDelta.baseRevision()) + "]";
  }
}
