package io.selvedge.store;

import java.util.ServiceLoader;

/**
 * Opens a {@link Datastore} from a URL through the {@link DatastoreProvider}s on the class path
 * (SQLite is built in; etcd comes with {@code selvedge-store-etcd}). Does not read
 * {@code SELVEDGE_DATASTORE} or pick a default URL: that is the CLI's job.
 */
public final class DatastoreFactory {
  private DatastoreFactory() {}

  /**
   * @throws UnavailableException if no provider supports the scheme or opening fails
   */
  public static Datastore open(DatastoreUrl url, DatastoreOptions options) {
    for (DatastoreProvider p : ServiceLoader.load(DatastoreProvider.class, DatastoreFactory.class.getClassLoader())) {
      if (p.supports(url.scheme())) {
        return p.open(url, options);
      }
    }
    throw new UnavailableException(url.toString(),
        "this build of selvedge cannot open " + url.scheme().prefix() + " datastores");
  }

  /** {@link #open(DatastoreUrl, DatastoreOptions)} with default options. */
  public static Datastore open(DatastoreUrl url) {
    return open(url, DatastoreOptions.defaults());
  }
}
