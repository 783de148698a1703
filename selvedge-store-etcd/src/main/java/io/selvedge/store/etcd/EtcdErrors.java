package io.selvedge.store.etcd;

import io.selvedge.store.DatastoreException;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.UnavailableException;

/**
 * Turns internal gateway failures into the store's exceptions, with the datastore URL in the
 * message as {@link UnavailableException} promises. Stateless.
 */
final class EtcdErrors {
  private EtcdErrors() {}

  static DatastoreException translate(DatastoreUrl url, GatewayException e) {
    return switch (e.kind()) {
      case UNREACHABLE -> new UnavailableException(url.toString(), e.getMessage(), e);
      case AMBIGUOUS -> new UnavailableException(url.toString(),
          "lost the connection while writing, and could not find out whether the write was applied: "
              + e.getMessage(), e);
      case COMPACTED -> new DatastoreException(url + ": etcd compacted the history being read; retry", e);
      case REJECTED -> new DatastoreException(url + ": etcd refused the request: " + e.getMessage(), e);
    };
  }
}
