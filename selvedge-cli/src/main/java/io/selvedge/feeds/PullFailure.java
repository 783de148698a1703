package io.selvedge.feeds;

/**
 * A pull that must not change the set: a failed or partial download, an unreadable database, too
 * many invalid entries, or an empty result where the set is not empty. The message is for
 * people (status, log, metrics); {@code type} is the status error condition type.
 */
final class PullFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** Calico Enterprise's condition type for a failed pull. */
  static final String PULL_FAILED = "PullFailed";
  /** Calico Enterprise's condition type for a failed write of the set. */
  static final String SET_SYNC_FAILED = "GlobalNetworkSetSyncFailed";

  private final String type;

  PullFailure(String type, String message) {
    super(message);
    this.type = type;
  }

  PullFailure(String message) {
    this(PULL_FAILED, message);
  }

  String type() {
    return type;
  }
}
