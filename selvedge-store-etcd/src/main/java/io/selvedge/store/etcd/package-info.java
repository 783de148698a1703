/**
 * The etcd v3 backend of the datastore API: {@link io.selvedge.store.etcd.EtcdDatastore}, opened
 * from {@code etcd:}/{@code etcds:} URLs by {@link io.selvedge.store.etcd.EtcdProvider}. It talks
 * to etcd's JSON gRPC gateway over {@code java.net.http} (no etcd client library). Key layout,
 * chunking of large documents and the transaction rules are described in
 * {@code docs/design/etcd-layout.md} and on each class.
 *
 * <p>Null policy: as in {@link io.selvedge.store}; internal types take and return non-null
 * values unless a parameter or component says otherwise.
 */
package io.selvedge.store.etcd;
