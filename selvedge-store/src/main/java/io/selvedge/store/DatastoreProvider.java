package io.selvedge.store;

/**
 * Opens datastores of some URL schemes. Backends register an implementation in
 * {@code META-INF/services/io.selvedge.store.DatastoreProvider}; {@link DatastoreFactory} finds
 * them with {@link java.util.ServiceLoader}, so the CLI opens any backend on its class path from
 * a URL without naming the implementation. Implementations need a public no-argument
 * constructor and must be stateless.
 */
public interface DatastoreProvider {

  /** Whether this provider opens URLs of this scheme. */
  boolean supports(DatastoreUrl.Scheme scheme);

  /**
   * Opens (and for an embedded store, creates if missing) the datastore.
   *
   * @throws UnavailableException if it cannot be reached or used; the message names the URL
   */
  Datastore open(DatastoreUrl url, DatastoreOptions options);
}
