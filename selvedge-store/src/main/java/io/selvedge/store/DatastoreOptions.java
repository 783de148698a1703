package io.selvedge.store;

import java.nio.file.Path;

/**
 * Connection settings that do not fit in a {@link DatastoreUrl}: the TLS files of an
 * {@code etcds:} datastore (the CLI's {@code --ca/--cert/--key}). Each may be null: no CA means
 * the system trust store, no certificate and key means no client authentication. SQLite ignores
 * them.
 */
public record DatastoreOptions(Path caFile, Path certFile, Path keyFile) {

  public DatastoreOptions {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("a client certificate needs its key and a key its certificate (--cert and --key go together)");
    }
  }

  /** No TLS files. */
  public static DatastoreOptions defaults() {
    return new DatastoreOptions(null, null, null);
  }
}
