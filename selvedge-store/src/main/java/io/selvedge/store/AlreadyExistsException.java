package io.selvedge.store;

/** {@code create} of a resource that exists already (use apply or replace to change it). */
public final class AlreadyExistsException extends DatastoreException {
  private static final long serialVersionUID = 1L;
  private final transient ResourceKey key;

  public AlreadyExistsException(ResourceKey key) {
    super(key + " already exists (use apply or replace to change it)");
    this.key = key;
  }

  public ResourceKey key() {
    return key;
  }
}
