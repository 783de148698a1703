package io.selvedge.store.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selvedge.store.DatastoreUrl;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Calls etcd's JSON gRPC gateway ({@code POST /v3/kv/range}, {@code /v3/kv/txn}, ...) on a list
 * of endpoints, with failover: a call goes to the endpoint that last answered, and on failure to
 * the next. Requests are HTTP/1.1 with JSON bodies (etcd encodes int64 as strings and bytes as
 * base64).
 *
 * <p>Retry rules. A request that could not have reached etcd (connection refused, connect
 * timeout, TLS handshake failure) is retried on the next endpoint; when every endpoint failed
 * that way in one round the call fails at once with {@link GatewayException.Kind#UNREACHABLE},
 * so an unreachable datastore is reported within about {@code connectTimeout}. Temporary server
 * states (no leader, leader changed, request timed out) are retried with backoff until
 * {@code requestTimeout}. A non-idempotent request (a txn that writes) whose outcome is unknown
 * (connection lost after sending, server timeout) is <em>not</em> retried here: it fails with
 * {@link GatewayException.Kind#AMBIGUOUS} and the writer decides by reading back.
 *
 * <p>Reads are linearizable (etcd's default), so a member cut off from the cluster answers with
 * an error rather than stale data, and watches ask the server to end them if it loses its
 * leader ({@code hasleader} metadata). Thread-safe.
 */
final class GatewayClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUIRE_LEADER_HEADER = "Grpc-Metadata-hasleader";

  private final DatastoreUrl url;
  private final List<URI> endpoints;
  private final EtcdSettings settings;
  private final HttpClient http;
  private final AtomicInteger preferred = new AtomicInteger();

  GatewayClient(DatastoreUrl url, SSLContext tls, EtcdSettings settings) {
    this.url = url;
    this.endpoints = url.endpoints();
    this.settings = settings;
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (tls != null) {
      b.sslContext(tls);
    }
    this.http = b.build();
  }

  DatastoreUrl url() {
    return url;
  }

  EtcdSettings settings() {
    return settings;
  }

  /**
   * POSTs {@code body} to {@code path} (e.g. {@code /v3/kv/range}) and returns the JSON answer.
   *
   * @param idempotent whether sending it twice is harmless (reads, puts of the same value)
   */
  JsonNode call(String path, ObjectNode body, boolean idempotent) {
    byte[] bytes = toBytes(body);
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    Map<URI, String> failures = new LinkedHashMap<>();
    long backoffMillis = 25;
    while (true) {
      int start = preferred.get();
      boolean anyAnswered = false;
      for (int i = 0; i < endpoints.size(); i++) {
        int index = (start + i) % endpoints.size();
        URI endpoint = endpoints.get(index);
        try {
          JsonNode answer = send(endpoint, path, bytes, idempotent);
          preferred.set(index);
          return answer;
        } catch (EndpointDown e) {
          failures.put(endpoint, e.getMessage());
        } catch (ServerBusy e) {
          anyAnswered = true;
          failures.put(endpoint, e.getMessage());
          if (e.maybeApplied && !idempotent) {
            throw new GatewayException(GatewayException.Kind.AMBIGUOUS, endpoint + ": " + e.getMessage());
          }
        }
      }
      if (!anyAnswered || System.nanoTime() + backoffMillis * 1_000_000 > deadline) {
        throw new GatewayException(GatewayException.Kind.UNREACHABLE, describe(failures, anyAnswered));
      }
      sleep(backoffMillis);
      backoffMillis = Math.min(backoffMillis * 2, 500);
    }
  }

  private String describe(Map<URI, String> failures, boolean timedOut) {
    StringBuilder sb = new StringBuilder();
    if (timedOut) {
      sb.append("no answer within ").append(seconds(settings.requestTimeout())).append(": ");
    }
    if (failures.size() == 1) {
      Map.Entry<URI, String> e = failures.entrySet().iterator().next();
      return sb.append("cannot reach ").append(e.getKey()).append(": ").append(e.getValue()).toString();
    }
    sb.append("no endpoint answered (");
    String sep = "";
    for (Map.Entry<URI, String> e : failures.entrySet()) {
      sb.append(sep).append(e.getKey()).append(": ").append(e.getValue());
      sep = "; ";
    }
    return sb.append(')').toString();
  }

  private JsonNode send(URI endpoint, String path, byte[] body, boolean idempotent) throws EndpointDown, ServerBusy {
    HttpRequest request = request(endpoint, path, body).timeout(settings.requestTimeout()).build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw classify(endpoint, e, idempotent);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(GatewayException.Kind.UNREACHABLE, "interrupted");
    }
    JsonNode answer = parse(endpoint, response.statusCode(), response.body());
    if (response.statusCode() == 200 && !answer.has("error")) {
      return answer;
    }
    throw serverError(endpoint, response.statusCode(), answer);
  }

  /**
   * Opens a streaming call (a watch) on the preferred endpoint or, failing that, the next ones.
   * The answer is newline-separated JSON messages; closing the stream ends the call.
   */
  Stream openStream(String path, ObjectNode body) {
    byte[] bytes = toBytes(body);
    Map<URI, String> failures = new LinkedHashMap<>();
    int start = preferred.get();
    for (int i = 0; i < endpoints.size(); i++) {
      int index = (start + i) % endpoints.size();
      URI endpoint = endpoints.get(index);
      HttpRequest request = request(endpoint, path, bytes).timeout(settings.requestTimeout()).build();
      try {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          byte[] err;
          try (InputStream in = response.body()) {
            err = in.readNBytes(64 * 1024);
          }
          failures.put(endpoint, serverError(endpoint, response.statusCode(), parse(endpoint, response.statusCode(), err))
              .getMessage());
          continue;
        }
        return new Stream(endpoint, response.body());
      } catch (IOException e) {
        failures.put(endpoint, reason(e));
      } catch (EndpointDown | ServerBusy e) {
        failures.put(endpoint, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GatewayException(GatewayException.Kind.UNREACHABLE, "interrupted");
      }
    }
    throw new GatewayException(GatewayException.Kind.UNREACHABLE, describe(failures, false));
  }

  /** An open streaming answer from one endpoint. */
  record Stream(URI endpoint, InputStream body) { }

  /** Makes {@code endpoint} the first one tried (after a stream on another one failed). */
  void avoid(URI endpoint) {
    int i = endpoints.indexOf(endpoint);
    if (i >= 0) {
      preferred.compareAndSet(i, (i + 1) % endpoints.size());
    }
  }

  private HttpRequest.Builder request(URI endpoint, String path, byte[] body) {
    return HttpRequest.newBuilder(endpoint.resolve(path))
        .header("Content-Type", "application/json")
        .header(REQUIRE_LEADER_HEADER, "true")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  private static byte[] toBytes(ObjectNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a gateway request", e);
    }
  }

  private static JsonNode parse(URI endpoint, int status, byte[] body) throws EndpointDown {
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.isObject()) {
        return n;
      }
    } catch (IOException e) {
      // not JSON: handled below
    }
    throw new EndpointDown("not an etcd v3 endpoint (HTTP " + status + " without an etcd answer)");
  }

  /** Turns an etcd error answer into the right exception. */
  private static RuntimeException serverError(URI endpoint, int status, JsonNode answer) throws EndpointDown, ServerBusy {
    String message = answer.path("message").asText(answer.path("error").asText("HTTP " + status));
    int code = answer.path("code").asInt(-1);
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("required revision has been compacted")) {
      return new GatewayException(GatewayException.Kind.COMPACTED, message);
    }
    if (m.contains("no leader") || m.contains("leader changed") || m.contains("timed out")
        || m.contains("too many requests") || m.contains("not capable") || m.contains("unhealthy cluster")
        || m.contains("stopped") || code == 14 || code == 4) {
      // Unavailable / deadline exceeded: retry; for a write the proposal may still commit.
      throw new ServerBusy(message, !m.contains("no leader") && !m.contains("not capable"));
    }
    if (status == 404 || status == 405) {
      throw new EndpointDown("not an etcd v3 endpoint (HTTP " + status + " for " + endpoint + ")");
    }
    return new GatewayException(GatewayException.Kind.REJECTED, message);
  }

  private static RuntimeException classify(URI endpoint, IOException e, boolean idempotent)
      throws EndpointDown, ServerBusy {
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException || e instanceof SSLException
        || e.getCause() instanceof UnresolvedAddressException) {
      throw new EndpointDown(reason(e));
    }
    if (idempotent && String.valueOf(e.getMessage()).contains("received no bytes")) {
      // Closed without a word: a member going down, or a TLS-only port spoken to in plain HTTP.
      throw new EndpointDown("the connection was closed without an answer"
          + ("http".equals(endpoint.getScheme()) ? " (if it is a TLS endpoint, use etcds:https://...)" : ""));
    }
    if (e instanceof HttpTimeoutException) {
      throw new ServerBusy("no answer in time", true);
    }
    // Connection reset or closed after the request went out: it may have been applied.
    throw new ServerBusy(reason(e), true);
  }

  /** A short human reason for a network failure. */
  static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (e instanceof ConnectException || t instanceof ConnectException) {
      String msg = t.getMessage();
      return msg == null || msg.isBlank() ? "connection refused" : msg.toLowerCase(Locale.ROOT);
    }
    if (e.getCause() instanceof UnresolvedAddressException) {
      return "unknown host";
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SSLException ssl) {
        return TlsFailure.describe(ssl);
      }
    }
    String msg = t.getMessage();
    return msg == null ? t.getClass().getSimpleName() : msg;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(GatewayException.Kind.UNREACHABLE, "interrupted");
    }
  }

  /** This endpoint did not get the request: try the next. */
  private static final class EndpointDown extends Exception {
    private static final long serialVersionUID = 1L;

    EndpointDown(String message) {
      super(message, null, false, false);
    }
  }

  /** The endpoint got the request but could not serve it now. */
  private static final class ServerBusy extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean maybeApplied;

    ServerBusy(String message, boolean maybeApplied) {
      super(message, null, false, false);
      this.maybeApplied = maybeApplied;
    }
  }
}
