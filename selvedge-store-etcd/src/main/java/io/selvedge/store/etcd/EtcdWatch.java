package io.selvedge.store.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selvedge.store.DatastoreException;
import io.selvedge.store.DatastoreUrl;
import io.selvedge.store.NetsDelta;
import io.selvedge.store.ResourceKey;
import io.selvedge.store.UnavailableException;
import io.selvedge.store.WatchEvent;
import io.selvedge.store.WatchListener;
import io.selvedge.store.WatchThread;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A watch on an etcd datastore: one daemon thread reads a snapshot (when started from revision
 * 0) and then follows an etcd watch stream on the heads' prefix ({@link KeyLayout#RESOURCES}),
 * delivering each stream message's events as one batch (etcd never splits a revision across
 * messages).
 *
 * <p>Failover without loss or duplicates: the watch remembers the revision of the last batch it
 * delivered; when the stream breaks (the endpoint died, lost its leader, or the connection
 * dropped) it opens a new one on the next endpoint from that revision + 1, and skips anything at
 * or below it. It keeps trying for {@link EtcdSettings#watchRetryTimeout()}, then reports
 * {@link WatchListener#onError}.
 *
 * <p>Compaction: etcd cancels a watch whose start revision was compacted and says up to where
 * ({@code compact_revision} C, history before C is gone); that becomes
 * {@code onResync(lastDelivered, C - 1)}. A consumer that spent long in a callback may have fallen
 * behind a compaction while events it had not read waited in the connection; before delivering
 * those, the watch checks (one small range read at their revision) that history there still
 * exists, and resyncs if not — so a slow consumer sees the same behaviour as on SQLite.
 *
 * <p>Large documents are read from their chunks at the event's revision; the document of an event
 * whose head records a nets delta only when the consumer asks for the resource. Callbacks run on
 * the watch's thread, one at a time.
 */
final class EtcdWatch extends WatchThread {
  /** A callback at least this long triggers the compaction check before the next delivery. */
  private static final long PROBE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final DatastoreUrl url;
  private final KvClient kv;
  private final ResourceReader reader;
  private final EtcdSettings settings;
  private final Consumer<EtcdWatch> onEnd;
  private volatile GatewayClient.Stream stream;

  EtcdWatch(DatastoreUrl url, KvClient kv, ResourceReader reader, EtcdSettings settings, long from,
      WatchListener listener, Consumer<EtcdWatch> onEnd) {
    super("selvedge-etcd-watch", from, listener);
    this.url = url;
    this.kv = kv;
    this.reader = reader;
    this.settings = settings;
    this.onEnd = onEnd;
  }

  @Override
  protected void wake() {
    closeStream();
    if (Thread.currentThread() != thread() && !inCallback()) {
      thread().interrupt(); // wakes a blocked read or a retry pause; never a running callback
    }
  }

  @Override
  protected void ended() {
    onEnd.accept(this);
  }

  @Override
  protected DatastoreException failure(Exception e) {
    return e instanceof GatewayException g ? EtcdErrors.translate(url, g)
        : new DatastoreException(url + ": watch failed: " + e, e);
  }

  private void closeStream() {
    GatewayClient.Stream s = stream;
    if (s != null) {
      try {
        s.body().close();
      } catch (IOException | RuntimeException ignored) {
        // closing a broken stream
      }
    }
  }

  @Override
  protected void follow() {
    long rev;
    long from = from();
    if (from == 0) {
      ResourceReader.Snapshot snap = reader.snapshot();
      rev = snap.revision();
      delivered(rev);
      if (!deliver(() -> listener().onSnapshot(snap.revision(), snap.resources()))) {
        return;
      }
    } else {
      rev = from;
      long current = kv.currentRevision();
      if (from > current) {
        // A revision this cluster never had: the datastore was replaced (or wiped).
        terminal(() -> listener().onResync(from, current));
        return;
      }
    }
    follow(rev);
  }

  /** Follows the watch stream from after {@code rev}, reconnecting, until closed or terminal. */
  private void follow(long rev) {
    long failingSince = 0;
    long backoff = 50;
    String lastFailure = "";
    while (isActive()) {
      GatewayClient.Stream s = null;
      try {
        s = kv.gateway().openStream("/v3/watch", createRequest(rev + 1));
        stream = s;
        if (!isActive()) {
          return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(s.body(), StandardCharsets.UTF_8))) {
          String line;
          while (isActive() && (line = in.readLine()) != null) {
            JsonNode msg = GatewayClient.JSON.readTree(line);
            if (msg.has("error")) {
              lastFailure = msg.path("error").path("message").asText(msg.path("error").asText("stream error"));
              break;
            }
            JsonNode result = msg.path("result");
            long compact = result.path("compact_revision").asLong();
            if (compact > 0) {
              long requested = rev;
              terminal(() -> listener().onResync(requested, compact - 1));
              return;
            }
            if (result.path("canceled").asBoolean()) {
              lastFailure = result.path("cancel_reason").asText("the server ended the watch");
              break;
            }
            failingSince = 0;
            backoff = 50;
            Long delivered = handle(result.path("events"), rev);
            if (delivered == null) {
              lastFailure = "history is being compacted";
              break; // reconnect: etcd will tell how far it compacted
            }
            rev = delivered;
          }
          if (isActive() && lastFailure.isEmpty()) {
            lastFailure = "the connection to " + s.endpoint() + " closed";
          }
        }
      } catch (GatewayException e) {
        if (e.kind() == GatewayException.Kind.COMPACTED) {
          lastFailure = "history is being compacted";
        } else {
          lastFailure = e.getMessage();
        }
      } catch (IOException e) {
        lastFailure = (s == null ? "" : s.endpoint() + ": ") + GatewayClient.reason(e);
      } finally {
        stream = null;
      }
      if (!isActive()) {
        return;
      }
      if (s != null) {
        kv.gateway().avoid(s.endpoint());
      }
      long now = System.nanoTime();
      if (failingSince == 0) {
        failingSince = now;
      } else if (now - failingSince > settings.watchRetryTimeout().toNanos()) {
        throw new UnavailableException(url.toString(), "the watch could not reconnect for "
            + settings.watchRetryTimeout().toSeconds() + " s: " + lastFailure);
      }
      lastFailure = "";
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        return; // closed
      }
      backoff = Math.min(backoff * 2, 1000);
    }
  }

  /**
   * Turns one message's events into a batch and delivers it.
   *
   * @return the revision now delivered through, or null if history was compacted under us
   */
  private Long handle(JsonNode events, long rev) {
    if (events.isEmpty()) {
      return rev;
    }
    List<WatchEvent> batch = new ArrayList<>(events.size());
    for (JsonNode ev : events) {
      KeyValue kvp = KeyValue.fromJson(ev.path("kv"));
      if (kvp.modRevision() <= rev) {
        continue; // seen before a reconnect
      }
      Optional<ResourceKey> key = KeyLayout.parseHead(kvp.key());
      if (key.isEmpty()) {
        continue;
      }
      if ("DELETE".equals(ev.path("type").asText())) {
        batch.add(WatchEvent.deleted(key.get(), kvp.modRevision()));
        continue;
      }
      WatchEvent.Type type = kvp.version() == 1 ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED;
      NetsDelta delta = type == WatchEvent.Type.MODIFIED ? StoredHead.decode(kvp.key(), kvp.value()).head().netsDelta() : null;
      if (delta != null && delta.baseRevision() < kvp.modRevision()) {
        // The document (and its chunks) is read only if the consumer asks for the resource.
        ResourceKey k = key.get();
        batch.add(WatchEvent.modifiedNets(k, kvp.modRevision(), delta, () -> reader.decode(k, kvp, kvp.modRevision())));
        continue;
      }
      try {
        batch.add(new WatchEvent(type, key.get(), kvp.modRevision(), reader.decode(key.get(), kvp, kvp.modRevision())));
      } catch (ResourceReader.ChunksGone e) {
        return null;
      }
    }
    if (batch.isEmpty()) {
      return rev;
    }
    if (lastCallbackNanos() >= PROBE_AFTER_NANOS && compactedAt(batch.get(0).revision())) {
      return null;
    }
    long last = batch.get(batch.size() - 1).revision();
    delivered(last);
    deliver(() -> listener().onEvents(batch));
    return last;
  }

  private boolean compactedAt(long rev) {
    try {
      kv.range(KeyLayout.RESOURCES, KeyLayout.prefixEnd(KeyLayout.RESOURCES), rev, 1, true);
      return false;
    } catch (GatewayException e) {
      if (e.kind() == GatewayException.Kind.COMPACTED) {
        return true;
      }
      throw e;
    }
  }

  private ObjectNode createRequest(long startRevision) {
    ObjectNode body = GatewayClient.JSON.createObjectNode();
    body.putObject("create_request")
        .put("key", Txn.b64(KeyLayout.RESOURCES))
        .put("range_end", Txn.b64(KeyLayout.prefixEnd(KeyLayout.RESOURCES)))
        .put("start_revision", Long.toString(startRevision));
    return body;
  }
}
