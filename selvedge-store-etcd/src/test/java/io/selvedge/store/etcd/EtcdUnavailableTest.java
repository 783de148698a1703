package io.selvedge.store.etcd;

import static io.selvedge.store.TestResources.gns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.selvedge.model.Kind;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreOptions;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.RecordingListener;
import io.selvedge.store.RecordingListener.Failed;
import io.selvedge.store.RecordingListener.Snapshot;
import io.selvedge.store.UnavailableException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when an etcd datastore cannot be reached or used: the URL, why, quickly. */
class EtcdUnavailableTest {
  @TempDir
  Path dir;

  private static String deadEndpoint() throws Exception {
    return "http://127.0.0.1:" + EtcdProcess.freePorts(1)[0];
  }

  @Test
  void anUnreachableEndpointFailsQuicklyNamingTheUrlAndWhy() throws Exception {
    String dead = deadEndpoint();
    DatastoreUrl url = DatastoreUrl.parse("etcd:" + dead);
    long start = System.nanoTime();
    assertThatThrownBy(() -> DatastoreFactory.open(url))
        .isInstanceOf(UnavailableException.class)
        .hasMessage(url + ": cannot reach " + dead + ": connection refused")
        .satisfies(e -> assertThat(((UnavailableException) e).url()).isEqualTo(url.toString()));
    assertThat(EtcdProcess.since(start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void everyUnreachableEndpointIsNamed() throws Exception {
    String a = deadEndpoint();
    String b = deadEndpoint();
    DatastoreUrl url = DatastoreUrl.parse("etcd:" + a + "," + b);
    assertThatThrownBy(() -> DatastoreFactory.open(url))
        .isInstanceOf(UnavailableException.class)
        .hasMessageStartingWith(url + ": no endpoint answered (")
        .hasMessageContaining(a + ": connection refused")
        .hasMessageContaining(b + ": connection refused");
  }

  @Test
  void aServerThatIsNotEtcdIsRecognised() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", x -> {
      byte[] body = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(404, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    try {
      DatastoreUrl url = DatastoreUrl.parse("etcd:http://127.0.0.1:" + server.getAddress().getPort());
      assertThatThrownBy(() -> DatastoreFactory.open(url))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("not an etcd v3 endpoint");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void tlsFilesNeedAnEtcdsUrl() throws Exception {
    DatastoreUrl url = DatastoreUrl.parse("etcd:" + deadEndpoint());
    assertThatThrownBy(() -> DatastoreFactory.open(url, new DatastoreOptions(dir.resolve("ca.pem"), null, null)))
        .isInstanceOf(UnavailableException.class)
        .hasMessage(url + ": --ca/--cert/--key need a TLS datastore URL (etcds:https://...)");
  }

  @Test
  void aDeadFirstEndpointIsSkippedAndALostClusterReported() throws Exception {
    EtcdProcess etcd = EtcdProcess.single(dir);
    try {
      DatastoreUrl url = DatastoreUrl.parse("etcd:" + deadEndpoint() + "," + etcd.clientUrl());
      EtcdSettings quick = EtcdSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3),
          Duration.ofSeconds(2));
      try (Datastore ds = EtcdDatastore.open(url, DatastoreOptions.defaults(), quick)) {
        ds.create(gns("a", "10.0.0.1/32"));
        assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "a")).isPresent();
        RecordingListener l = new RecordingListener();
        ds.watch(0, l);
        l.next(Snapshot.class);

        etcd.kill();
        long start = System.nanoTime();
        assertThatThrownBy(() -> ds.get(Kind.GLOBAL_NETWORK_SET, null, "a"))
            .isInstanceOf(UnavailableException.class)
            .hasMessageStartingWith(url + ": no endpoint answered")
            .hasMessageContaining("connection refused");
        assertThat(EtcdProcess.since(start)).isLessThan(Duration.ofSeconds(5));
        Failed f = l.next(Failed.class);
        assertThat(f.error()).isInstanceOf(UnavailableException.class)
            .hasMessageStartingWith(url + ": the watch could not reconnect for 2 s");
      }
    } finally {
      etcd.close();
    }
  }
}
