package io.selvedge.store.etcd;

/**
 * A failed call to etcd's JSON gateway, classified by what the caller can do about it. Internal:
 * {@link EtcdDatastore} turns these into the store's exceptions with the datastore URL.
 */
final class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What the failure means for the caller. */
  enum Kind {
    /** No endpoint answered in time; nothing was done. */
    UNREACHABLE,
    /** A write may or may not have been applied (connection lost after sending, leader lost). */
    AMBIGUOUS,
    /** The requested revision was compacted away. */
    COMPACTED,
    /** etcd refused the request itself (too large, too many operations, malformed). */
    REJECTED
  }

  private final Kind kind;

  GatewayException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  GatewayException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }
}
