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
 * An empty datastore for one benchmark invocation, opened through {@link DatastoreFactory} as the
 * CLI and agent open it: a SQLite file in a fresh temporary directory (under
 * {@code java.io.tmpdir}, on disk: the store commits with {@code synchronous=FULL}, so the file
 * system matters), deleted on {@link #close}; or a {@linkplain LocalEtcd local etcd} wiped first.
 * Not thread-safe.
 */
final class ScratchStore implements AutoCloseable {
  private final Path dir;
  private final Datastore store;

  private ScratchStore(Path dir, Datastore store) {
    this.dir = dir;
    this.store = store;
  }

  /** {@code "sqlite"}: a new file; {@code "etcd"}: {@code etcd} emptied. */
  static ScratchStore open(String backend, LocalEtcd etcd) {
    return switch (backend) {
      case "sqlite" -> sqlite();
      case "etcd" -> {
        etcd.wipe();
        yield new ScratchStore(null, DatastoreFactory.open(etcd.url()));
      }
      default -> throw new IllegalArgumentException("backend " + backend);
    };
  }

  static ScratchStore sqlite() {
    try {
      Path dir = Files.createTempDirectory("selvedge-bench");
      return new ScratchStore(dir, DatastoreFactory.open(DatastoreUrl.sqlite(dir.resolve("selvedge.db"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Datastore store() {
    return store;
  }

  @Override
  public void close() {
    store.close();
    if (dir != null) {
      deleteTree(dir);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
