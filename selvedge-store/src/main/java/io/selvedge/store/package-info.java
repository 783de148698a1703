/**
 * The datastore API: {@link io.selvedge.store.Datastore} (revisioned CRUD, batch apply and
 * watch), its URL ({@link io.selvedge.store.DatastoreUrl}), how backends plug in
 * ({@link io.selvedge.store.DatastoreProvider}, {@link io.selvedge.store.DatastoreFactory}), the
 * one exception tree ({@link io.selvedge.store.DatastoreException}), and the rules every backend
 * shares (store-owned metadata in {@link io.selvedge.store.StoreFields}, the stored JSON form in
 * {@link io.selvedge.store.StoredForm}, change detection in
 * {@link io.selvedge.store.ContentDigest}, label selection in
 * {@link io.selvedge.store.LabelFilter}). No backend type appears here.
 *
 * <p>Null policy: arguments are non-null unless documented ({@code namespace},
 * {@code labelSelector}, {@code expectedResourceVersion} may be null and say what null means);
 * results are never null ({@link java.util.Optional} where a resource may be absent), except
 * {@link io.selvedge.store.WatchEvent#resource()} of a deletion.
 */
package io.selvedge.store;
