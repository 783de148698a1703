package io.selvedge.store;

/** The resource does not exist (get-for-update, update, delete). */
public final class NotFoundException extends DatastoreException {
  private static final long serialVersionUID = 1L;
  private final transient ResourceKey key;

  public NotFoundException(ResourceKey key) {
    super(key + " not found");
    this.key = key;
  }

  public ResourceKey key() {
    return key;
  }
}
