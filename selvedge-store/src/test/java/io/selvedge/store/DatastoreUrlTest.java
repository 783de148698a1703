package io.selvedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DatastoreUrlTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "sqlite:/var/lib/selvedge/selvedge.db       | sqlite:/var/lib/selvedge/selvedge.db",
      "sqlite:/tmp/../tmp/x.db                    | sqlite:/tmp/x.db",
      "sqlite:///tmp/x.db                         | sqlite:/tmp/x.db",
      "'  sqlite:/tmp/x.db  '                     | sqlite:/tmp/x.db",
      "etcd:http://h1:2379,http://h2:2379         | etcd:http://h1:2379,http://h2:2379",
      "etcd:h1,h2:4001                            | etcd:http://h1:2379,http://h2:4001",
      "etcd:http://10.0.0.1:2379/                 | etcd:http://10.0.0.1:2379",
      "etcd:http://[::1]:2379                     | etcd:http://[::1]:2379",
      "'etcd: http://h1:2379 , http://h2:2379'    | etcd:http://h1:2379,http://h2:2379",
      "etcds:https://h1:2379                      | etcds:https://h1:2379",
      "etcds:h1                                   | etcds:https://h1:2379",
  })
  void accepted(String input, String canonical) {
    assertThat(DatastoreUrl.parse(input)).hasToString(canonical);
    assertThat(DatastoreUrl.parse(canonical)).isEqualTo(DatastoreUrl.parse(input));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/var/lib/selvedge/selvedge.db     | is not understood (use sqlite:PATH",
      "mysql://db                        | is not understood",
      "SQLITE:/x                         | is not understood",
      "etcd:                             | has an empty endpoint",
      "etcd:http://h1:2379,              | has an empty endpoint",
      "etcd:https://h1:2379              | must use http:// (etcd: URLs are plain HTTP)",
      "etcds:http://h1:2379              | must use https:// (etcds: URLs are TLS)",
      "etcd:http://h1:2379/v3/kv         | must be http://HOST[:PORT] and nothing else",
      "etcd:http://user@h1:2379          | must be http://HOST[:PORT] and nothing else",
      "etcd:http://h1:2379?x=1           | must be http://HOST[:PORT] and nothing else",
      "etcd:http://h 1:2379              | is not a URL",
  })
  void rejected(String input, String message) {
    assertThatThrownBy(() -> DatastoreUrl.parse(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("datastore URL \"" + input + "\"")
        .hasMessageContaining(message);
  }

  @Test
  void relativeAndHomePathsAreMadeAbsolute() {
    assertThat(DatastoreUrl.parse("sqlite:data/x.db").path())
        .isEqualTo(Path.of("data/x.db").toAbsolutePath());
    assertThat(DatastoreUrl.parse("sqlite:~/x.db").path())
        .isEqualTo(Path.of(System.getProperty("user.home"), "x.db"));
  }

  @Test
  void emptySqlitePathIsTheDefault() {
    assertThat(DatastoreUrl.parse("sqlite:").path()).isEqualTo(DatastoreUrl.defaultSqlitePath());
  }

  @Test
  void defaultPathDependsOnRoot() {
    assertThat(DatastoreUrl.defaultSqlitePath(true, Path.of("/root")))
        .isEqualTo(Path.of("/var/lib/selvedge/selvedge.db"));
    assertThat(DatastoreUrl.defaultSqlitePath(false, Path.of("/home/ann")))
        .isEqualTo(Path.of("/home/ann/.local/share/selvedge/selvedge.db"));
  }

  @Test
  void partsAreReadable() {
    DatastoreUrl etcd = DatastoreUrl.parse("etcd:h1,h2");
    assertThat(etcd.scheme()).isEqualTo(DatastoreUrl.Scheme.ETCD);
    assertThat(etcd.endpoints()).containsExactly(URI.create("http://h1:2379"), URI.create("http://h2:2379"));
    assertThatThrownBy(etcd::path).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> DatastoreUrl.parse("sqlite:/x").endpoints()).isInstanceOf(IllegalStateException.class);
  }
}
