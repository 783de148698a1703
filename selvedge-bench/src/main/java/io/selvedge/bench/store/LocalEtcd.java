package io.selvedge.bench.store;

import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.etcd.EtcdProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One local etcd member (Debian's {@code etcd-server}, started by the store tests'
 * {@link EtcdProcess}) on free loopback ports with its data in a temporary directory, for the
 * store benchmarks. {@link #wipe} deletes every key and compacts the history, so each benchmark
 * invocation starts from an empty store without restarting etcd. Not thread-safe.
 */
final class LocalEtcd implements AutoCloseable {
  private static final Pattern REVISION = Pattern.compile("\"revision\":\"(\\d+)\"");

  private final Path dir;
  private final EtcdProcess member;
  private final HttpClient http = HttpClient.newHttpClient();

  LocalEtcd() {
    try {
      dir = Files.createTempDirectory("selvedge-bench-etcd");
      member = EtcdProcess.single(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  DatastoreUrl url() {
    return DatastoreUrl.parse("etcd:" + member.clientUrl());
  }

  /** Deletes every key (range from the first key to the last) and compacts history up to that revision. */
  void wipe() {
    String deleted = post("/v3/kv/deleterange", "{\"key\":\"AA==\",\"range_end\":\"AA==\"}");
    Matcher m = REVISION.matcher(deleted);
    if (m.find()) {
      post("/v3/kv/compaction", "{\"revision\":\"" + m.group(1) + "\",\"physical\":true}");
    }
  }

  private String post(String path, String json) {
    HttpRequest req = HttpRequest.newBuilder(URI.create(member.clientUrl() + path))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    try {
      HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + res.statusCode() + ": " + res.body());
      }
      return res.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      member.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ScratchStore.deleteTree(dir);
  }
}
