package io.selvedge.store;

/**
 * A write carried a {@code metadata.resourceVersion} that is not the stored one: someone else
 * changed (or deleted and re-created) the resource since the caller read it. Nothing was
 * written. The message names both versions; the caller should read the resource again, re-apply
 * its change and retry.
 */
public final class ConflictException extends DatastoreException {
  private static final long serialVersionUID = 1L;
  private final transient ResourceKey key;
  private final String expectedVersion;
  private final String actualVersion;

  /**
   * @param expectedVersion the resourceVersion the caller sent
   * @param actualVersion the stored resourceVersion
   */
  public ConflictException(ResourceKey key, String expectedVersion, String actualVersion) {
    super(key + " was changed by someone else: you have resourceVersion " + expectedVersion
        + ", the datastore has " + actualVersion + " (get it again and retry)");
    this.key = key;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public ResourceKey key() {
    return key;
  }

  /** The resourceVersion the caller sent. */
  public String expectedVersion() {
    return expectedVersion;
  }

  /** The resourceVersion in the datastore. */
  public String actualVersion() {
    return actualVersion;
  }
}
