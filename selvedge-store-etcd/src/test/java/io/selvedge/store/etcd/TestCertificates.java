package io.selvedge.store.etcd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates made at test time with the {@code openssl} command: a CA, a server certificate for
 * 127.0.0.1/localhost (server and client use, as etcd's gateway also dials its own server with
 * it) and client certificates, P-256 keys in PKCS#8 unless converted.
 */
final class TestCertificates {
  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** A new CA in {@code dir} ({@code NAME.crt}, {@code NAME.key}). */
  static TestCertificates ca(Path dir, String name) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    TestCertificates c = new TestCertificates(dir);
    c.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", name + ".key", "-out", name + ".crt", "-days", "2", "-subj", "/CN=" + name);
    c.caName = name;
    return c;
  }

  private String caName;

  Path caCert() {
    return dir.resolve(caName + ".crt");
  }

  /** A certificate signed by this CA; returns {cert, key}. */
  Path[] issue(String name, boolean server, String keyType) throws IOException, InterruptedException {
    List<String> newKey = keyType.equals("rsa") ? List.of("-newkey", "rsa:2048")
        : List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
    List<String> req = new ArrayList<>(List.of("req"));
    req.addAll(newKey);
    req.addAll(List.of("-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name));
    openssl(req.toArray(String[]::new));
    String ext = server ? "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n"
        : "extendedKeyUsage=clientAuth\n";
    Files.writeString(dir.resolve(name + ".ext"), ext, StandardCharsets.US_ASCII);
    openssl("x509", "-req", "-in", name + ".csr", "-CA", caName + ".crt", "-CAkey", caName + ".key",
        "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
    return new Path[] {dir.resolve(name + ".crt"), dir.resolve(name + ".key")};
  }

  /** Rewrites a PKCS#8 key in the traditional form (SEC1 for EC, PKCS#1 for RSA). */
  Path traditional(Path key, String keyType) throws IOException, InterruptedException {
    String out = key.getFileName() + ".traditional";
    if (keyType.equals("rsa")) {
      openssl("rsa", "-in", key.toString(), "-out", out, "-traditional");
    } else {
      openssl("ec", "-in", key.toString(), "-out", out);
    }
    return dir.resolve(out);
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + output);
    }
  }
}
