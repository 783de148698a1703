package io.selvedge.store;

/**
 * The datastore cannot be reached or used: a SQLite file that cannot be opened, is locked by
 * another process for too long, is full or corrupt; etcd endpoints that do not answer. The
 * message is {@code URL: reason}, e.g.
 * {@code sqlite:/var/lib/selvedge/selvedge.db: cannot open: permission denied}. Nothing is
 * known to have been written unless the operation says otherwise.
 */
public final class UnavailableException extends DatastoreException {
  private static final long serialVersionUID = 1L;
  private final String url;
  private final String reason;

  public UnavailableException(String url, String reason) {
    this(url, reason, null);
  }

  public UnavailableException(String url, String reason, Throwable cause) {
    super(url + ": " + reason, cause);
    this.url = url;
    this.reason = reason;
  }

  /** The datastore URL as the user gave it (canonical form). */
  public String url() {
    return url;
  }

  /** Why, without the URL. */
  public String reason() {
    return reason;
  }
}
