/**
 * The embedded SQLite datastore, {@link io.selvedge.store.sqlite.SqliteDatastore}: the default
 * backend, one file shared by the CLI and the agent. Everything but the datastore class, its
 * options and its provider is package-private.
 */
package io.selvedge.store.sqlite;
