package io.selvedge.store.sqlite;

import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreOptions;
import io.selvedge.store.DatastoreProvider;
import io.selvedge.store.DatastoreUrl;

/** Opens {@code sqlite:} URLs as {@link SqliteDatastore}s with default options. */
public final class SqliteProvider implements DatastoreProvider {

  @Override
  public boolean supports(DatastoreUrl.Scheme scheme) {
    return scheme == DatastoreUrl.Scheme.SQLITE;
  }

  @Override
  public Datastore open(DatastoreUrl url, DatastoreOptions options) {
    return SqliteDatastore.open(url, SqliteOptions.defaults());
  }
}
