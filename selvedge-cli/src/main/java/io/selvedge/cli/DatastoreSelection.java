package io.selvedge.cli;

import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreOptions;
import io.selvedge.store.DatastoreUrl;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The global datastore options ({@code --datastore}, {@code --ca/--cert/--key}) and opening the
 * datastore they name. The URL comes from {@code --datastore}, else {@code SELVEDGE_DATASTORE},
 * else the default SQLite file.
 */
final class DatastoreSelection {
  @Option(names = "--datastore", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = {"sqlite:PATH, etcd:http://HOST:PORT[,...]", "or etcds:https://HOST:PORT[,...].",
          "Default: $SELVEDGE_DATASTORE, else, as root,", "sqlite:/var/lib/selvedge/selvedge.db, else",
          "sqlite:~/.local/share/selvedge/selvedge.db"},
      defaultValue = "${env:SELVEDGE_DATASTORE}")
  String url;

  @Option(names = "--ca", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "CA certificate (PEM) for etcds:")
  Path ca;

  @Option(names = "--cert", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "client certificate (PEM) for etcds:")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "client key (PEM) for etcds:")
  Path key;

  /**
   * The options that select the same datastore in another process ({@code selvedge lab} starts
   * an agent): {@code --datastore} with the URL {@code url} resolved to, and any TLS files as
   * absolute paths.
   */
  java.util.List<String> childArguments(DatastoreUrl resolved) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--datastore", resolved.toString()));
    if (ca != null) {
      args.addAll(java.util.List.of("--ca", ca.toAbsolutePath().toString()));
    }
    if (cert != null) {
      args.addAll(java.util.List.of("--cert", cert.toAbsolutePath().toString()));
    }
    if (key != null) {
      args.addAll(java.util.List.of("--key", key.toAbsolutePath().toString()));
    }
    return args;
  }

  /** Opens the selected datastore; failures become one-line user errors (exit 3 or 2). */
  Datastore open() {
    DatastoreUrl parsed;
    try {
      parsed = url == null || url.isBlank() ? DatastoreUrl.sqlite(DatastoreUrl.defaultSqlitePath()) : DatastoreUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, "bad datastore URL: " + e.getMessage());
    }
    if (parsed.scheme() != DatastoreUrl.Scheme.ETCDS && (ca != null || cert != null || key != null)) {
      throw new UserError(ExitCode.USAGE, "--ca, --cert and --key are for etcds: (TLS) datastores, not " + parsed.scheme().prefix());
    }
    DatastoreOptions options;
    try {
      options = new DatastoreOptions(ca, cert, key);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    }
    return DatastoreFactory.open(parsed, options);
  }
}
