package io.selvedge.cli;

import io.selvedge.store.ConflictException;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.UnavailableException;

/** Maps datastore failures to the exit codes of the CLI contract (3 unreachable, 4 conflict, else 1). */
final class StoreErrors {
  private StoreErrors() {}

  static int exitCode(DatastoreException e) {
    if (e instanceof UnavailableException) {
      return ExitCode.UNREACHABLE;
    }
    return e instanceof ConflictException ? ExitCode.CONFLICT : ExitCode.INVALID;
  }
}
