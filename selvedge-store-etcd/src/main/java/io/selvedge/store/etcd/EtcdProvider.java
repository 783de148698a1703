package io.selvedge.store.etcd;

import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreOptions;
import io.selvedge.store.DatastoreProvider;
import io.selvedge.store.DatastoreUrl;

/**
 * Opens {@code etcd:} and {@code etcds:} datastore URLs for
 * {@link io.selvedge.store.DatastoreFactory} (registered in
 * {@code META-INF/services/io.selvedge.store.DatastoreProvider}), with default
 * {@link EtcdSettings}. Stateless.
 */
public final class EtcdProvider implements DatastoreProvider {

  @Override
  public boolean supports(DatastoreUrl.Scheme scheme) {
    return scheme == DatastoreUrl.Scheme.ETCD || scheme == DatastoreUrl.Scheme.ETCDS;
  }

  @Override
  public Datastore open(DatastoreUrl url, DatastoreOptions options) {
    return EtcdDatastore.open(url, options);
  }
}
