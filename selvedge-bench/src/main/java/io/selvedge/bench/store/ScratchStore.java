package io.selvedge.bench.store;

import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A SQLite datastore in a fresh temporary directory (under {@code java.io.tmpdir}, on disk: the
 * store commits with {@code synchronous=FULL}, so the file system matters), opened through
 * {@link DatastoreFactory} as the CLI and agent open it, and deleted with its directory on
 * {@link #close}. Not thread-safe.
 */
final class ScratchStore implements AutoCloseable {
  private final Path dir;
  private final Datastore store;

  ScratchStore() {
    try {
      dir = Files.createTempDirectory("selvedge-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store = DatastoreFactory.open(DatastoreUrl.sqlite(file()));
  }

  Path file() {
    return dir.resolve("selvedge.db");
  }

  Datastore store() {
    return store;
  }

  @Override
  public void close() {
    store.close();
    deleteTree(dir);
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
