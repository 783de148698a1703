package io.selvedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.model.Kind;
import io.selvedge.store.sqlite.SqliteDatastore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreFactoryTest {
  @TempDir
  Path dir;

  @Test
  void opensSqliteFromAUrlCreatingDirectories() {
    DatastoreUrl url = DatastoreUrl.parse("sqlite:" + dir.resolve("a/b/selvedge.db"));
    try (Datastore ds = DatastoreFactory.open(url)) {
      assertThat(ds).isInstanceOf(SqliteDatastore.class);
      assertThat(ds.url()).isEqualTo(url);
      ds.create(TestResources.gns("x", "10.0.0.1/32"));
      assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "x")).isPresent();
    }
  }

  @Test
  void aSchemeWithoutProviderIsUnavailableWithTheUrl() {
    // selvedge-store alone has no etcd backend on its class path.
    assertThatThrownBy(() -> DatastoreFactory.open(DatastoreUrl.parse("etcd:h1:2379")))
        .isInstanceOf(UnavailableException.class)
        .hasMessage("etcd:http://h1:2379: this build of selvedge cannot open etcd: datastores");
  }

  @Test
  void tlsCertificateAndKeyGoTogether() {
    assertThatThrownBy(() -> new DatastoreOptions(null, Path.of("c.pem"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--cert and --key go together");
  }
}
