package io.selvedge.store;

import io.selvedge.model.Resource;
import java.util.Objects;

/**
 * One change seen by a {@link Watch}: the resource was added, modified or deleted at
 * {@code revision}. {@code resource} is the state after the change, with all store-owned
 * metadata ({@code resourceVersion} equals {@code revision}); it is {@code null} for
 * {@link Type#DELETED} (the key says what went away).
 */
public record WatchEvent(Type type, ResourceKey key, long revision, Resource resource) {

  /** What happened to the resource. */
  public enum Type { ADDED, MODIFIED, DELETED }

  public WatchEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    if ((type == Type.DELETED) != (resource == null)) {
      throw new IllegalArgumentException(type + " event " + (resource == null ? "without" : "with") + " a resource");
    }
  }

  public static WatchEvent deleted(ResourceKey key, long revision) {
    return new WatchEvent(Type.DELETED, key, revision, null);
  }
}
