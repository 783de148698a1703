package io.selvedge.dataplane;

import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SQLite datastore in a fresh temporary directory holding the guide's examples and the IT
 * endpoints (written through the CLI), for tests that run the real agent on it. Deleted on close.
 */
final class GuideDatastore implements AutoCloseable {
    final Path dir;
    final Path db;

    GuideDatastore(String prefix) {
        try {
            dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db = dir.resolve("selvedge.db");
        AgentProcess.apply(db, States.guideExamples() + GuideIT.IT_ENDPOINTS);
    }

    /** The datastore's current revision. */
    long revision() {
        try (Datastore d = DatastoreFactory.open(DatastoreUrl.sqlite(db))) {
            return d.currentRevision();
        }
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
