package io.selvedge.store.etcd;

import static io.selvedge.store.TestResources.gns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.Datastore;
import io.selvedge.store.DatastoreFactory;
import io.selvedge.store.DatastoreOptions;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.RecordingListener;
import io.selvedge.store.RecordingListener.Snapshot;
import io.selvedge.store.UnavailableException;
import io.selvedge.store.WatchEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etcds:} against a real etcd with {@code --client-cert-auth}, with certificates made by
 * {@code openssl} at test time: what works, and what each misconfiguration says.
 */
class EtcdTlsTest {
  @TempDir
  static Path dir;
  static EtcdProcess etcd;
  static TestCertificates ca;
  static Path[] client;
  static DatastoreUrl url;

  @BeforeAll
  static void startEtcd() throws Exception {
    ca = TestCertificates.ca(dir.resolve("pki"), "ca");
    Path[] server = ca.issue("server", true, "ec");
    client = ca.issue("client", false, "ec");
    etcd = EtcdProcess.single(dir, new EtcdProcess.Tls(server[0], server[1], ca.caCert()));
    url = DatastoreUrl.parse("etcds:" + etcd.clientUrl());
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void clientCertificateAuthenticationWorksForWritesReadsAndWatches() {
    try (Datastore ds = DatastoreFactory.open(url, new DatastoreOptions(ca.caCert(), client[0], client[1]))) {
      RecordingListener l = new RecordingListener();
      ds.watch(0, l);
      l.next(Snapshot.class);
      Resource a = ds.apply(gns("tls-a", "10.0.0.1/32"));
      assertThat(ds.get(Kind.GLOBAL_NETWORK_SET, null, "tls-a")).contains(a);
      assertThat(l.eventsThrough(ds.currentRevision())).extracting(WatchEvent::resource).containsExactly(a);
    }
  }

  @Test
  void traditionalEcAndRsaKeyFormatsAreAccepted() throws Exception {
    Path sec1 = ca.traditional(client[1], "ec");
    assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
    try (Datastore ds = DatastoreFactory.open(url, new DatastoreOptions(ca.caCert(), client[0], sec1))) {
      ds.currentRevision();
    }
    Path[] rsa = ca.issue("rsa-client", false, "rsa");
    Path pkcs1 = ca.traditional(rsa[1], "rsa");
    assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");
    try (Datastore ds = DatastoreFactory.open(url, new DatastoreOptions(ca.caCert(), rsa[0], pkcs1))) {
      ds.currentRevision();
    }
  }

  @Test
  void withoutAClientCertificateTheServerRefusesAndTheMessageSaysSo() {
    assertThatThrownBy(() -> DatastoreFactory.open(url, new DatastoreOptions(ca.caCert(), null, null)))
        .isInstanceOf(UnavailableException.class)
        .hasMessageStartingWith(url + ": ")
        // TLS 1.3: the server checks the client certificate after the client's handshake is
        // done, so depending on timing the client sees the alert or only the closed connection.
        .hasMessageMatching("(?s).*(client certificate|[Cc]onnection (reset|closed)|connection was closed|[Bb]roken pipe|EOF).*");
  }

  @Test
  void aServerCertificateFromAnotherCaIsNotTrusted() throws Exception {
    TestCertificates other = TestCertificates.ca(dir.resolve("other"), "other-ca");
    assertThatThrownBy(() -> DatastoreFactory.open(url, new DatastoreOptions(other.caCert(), client[0], client[1])))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("not signed by a trusted CA");
  }

  @Test
  void missingOrMismatchedFilesAreNamed() throws Exception {
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(() -> DatastoreFactory.open(url, new DatastoreOptions(missing, client[0], client[1])))
        .isInstanceOf(UnavailableException.class)
        .hasMessage(url + ": --ca " + missing + " does not exist");
    assertThatThrownBy(() -> DatastoreFactory.open(url, new DatastoreOptions(ca.caCert(), client[0], ca.caCert())))
        .isInstanceOf(UnavailableException.class)
        .hasMessage(url + ": --key " + ca.caCert() + " holds no PEM private key");
    Path[] stranger = TestCertificates.ca(dir.resolve("stranger"), "stranger").issue("x", false, "ec");
    assertThatThrownBy(() -> DatastoreFactory.open(url, new DatastoreOptions(ca.caCert(), client[0], stranger[1])))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("--key " + stranger[1] + " does not belong to --cert " + client[0]);
  }

  @Test
  void plainHttpToATlsEndpointIsExplained() {
    DatastoreUrl plain = DatastoreUrl.parse("etcd:" + etcd.clientUrl().replace("https:", "http:"));
    assertThatThrownBy(() -> DatastoreFactory.open(plain))
        .isInstanceOf(UnavailableException.class)
        .hasMessageStartingWith(plain + ": ")
        .hasMessageContaining("TLS");
  }
}
