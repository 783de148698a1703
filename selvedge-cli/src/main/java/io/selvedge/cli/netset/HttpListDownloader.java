package io.selvedge.cli.netset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads an IP list over http or https into memory, all or nothing: the body is returned
 * only if it arrived whole (a connection reset, a body shorter than its {@code Content-Length},
 * or a chunked body without its last chunk is an error), within the overall time limit and the
 * size cap, with status 200. Redirects are followed, except from https to http. Errors are
 * {@link DownloadException}s whose message says what happened in a user's terms (the status
 * code, "timed out after 60 s", "larger than 256 MiB").
 *
 * <p>It does not parse, retry or cache; the caller decides what a failure means (the import
 * command writes nothing). Each call uses its own {@link HttpClient}; safe to use from one
 * thread at a time.
 */
public final class HttpListDownloader {
  /** Progress of the body: bytes so far and the expected total ({@code -1} when not announced). */
  @FunctionalInterface
  public interface Progress {
    void received(long bytes, long total);
  }

  /** A download that failed; the message is fit for the user. */
  public static final class DownloadException extends Exception {
    private static final long serialVersionUID = 1L;

    public DownloadException(String message) {
      super(message);
    }
  }

  private final Duration connectTimeout;
  private final Duration timeout;
  private final long maxBytes;

  /**
   * @param connectTimeout for the TCP and TLS handshake
   * @param timeout for the whole download, headers and body
   * @param maxBytes the largest body accepted
   */
  public HttpListDownloader(Duration connectTimeout, Duration timeout, long maxBytes) {
    this.connectTimeout = connectTimeout;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /** Whether {@code text} looks like a URL this downloader takes ({@code http://} or {@code https://}). */
  public static boolean isUrl(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return t.startsWith("http://") || t.startsWith("https://");
  }

  /** Fetches {@code uri} and returns the whole body. */
  public byte[] download(URI uri, Progress progress) throws DownloadException {
    return download(uri, Map.of(), progress);
  }

  /**
   * Fetches {@code uri} with extra request {@code headers} (they replace the defaults of the same
   * name) and returns the whole body. The caller has checked the names and values (no line breaks).
   */
  public byte[] download(URI uri, Map<String, String> headers, Progress progress) throws DownloadException {
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .header("Accept", "text/plain, */*")
        .header("User-Agent", "selvedge-import");
    headers.forEach(builder::setHeader);
    HttpRequest request;
    try {
      request = builder.GET().build();
    } catch (IllegalArgumentException e) {
      throw new DownloadException("the request was refused: " + e.getMessage());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(request, info -> new CappedBody(info, maxBytes, progress));
    HttpResponse<byte[]> response;
    try {
      response = pending.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new DownloadException("timed out after " + seconds(timeout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.cancel(true);
      throw new DownloadException("interrupted");
    } catch (ExecutionException e) {
      throw new DownloadException(reason(e.getCause()));
    }
    if (response.statusCode() != 200) {
      throw new DownloadException("HTTP status " + response.statusCode() + statusText(response.statusCode())
          + " (want 200)");
    }
    byte[] body = response.body();
    long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (announced >= 0 && announced != body.length) {
      throw new DownloadException("the body was cut short: " + body.length + " of " + announced + " bytes arrived");
    }
    return body;
  }

  private String reason(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof TooLarge) {
        return c.getMessage();
      }
    }
    if (t instanceof HttpConnectTimeoutException) {
      return "could not connect within " + seconds(connectTimeout);
    }
    if (t instanceof HttpTimeoutException) {
      return "timed out after " + seconds(timeout);
    }
    if (t instanceof ConnectException) {
      return "connection refused";
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof UnresolvedAddressException || root instanceof java.net.UnknownHostException) {
      return "unknown host";
    }
    if (root instanceof javax.net.ssl.SSLException) {
      return "TLS failed: " + root.getMessage();
    }
    String m = t.getMessage() == null ? root.getMessage() : t.getMessage();
    if (m == null) {
      m = t.getClass().getSimpleName();
    }
    // The JDK says "EOF reached while reading" or "fixed content-length: N, bytes received: M".
    return "the connection failed before the whole body arrived (" + m + ")";
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String statusText(int code) {
    return switch (code) {
      case 301, 302, 303, 307, 308 -> " redirect that was not followed";
      case 401 -> " Unauthorized";
      case 403 -> " Forbidden";
      case 404 -> " Not Found";
      case 410 -> " Gone";
      case 429 -> " Too Many Requests";
      case 500 -> " Internal Server Error";
      case 502 -> " Bad Gateway";
      case 503 -> " Service Unavailable";
      case 504 -> " Gateway Timeout";
      default -> "";
    };
  }

  /** The body went past the size cap. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long max) {
      super("the body is larger than " + human(max) + " (the size cap)");
    }
  }

  static String human(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }

  /** Collects the body, refusing (and cancelling the transfer) past the cap. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer;
    private final long max;
    private final long announced;
    private final Progress progress;
    private final boolean ok;
    private Flow.Subscription subscription;
    private long received;

    CappedBody(HttpResponse.ResponseInfo info, long max, Progress progress) {
      this.max = max;
      this.progress = progress;
      this.ok = info.statusCode() == 200;
      this.announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      this.buffer = new ByteArrayOutputStream(announced > 0 && announced <= max ? (int) announced : 8192);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (announced > max && ok) {
        s.cancel();
        result.completeExceptionally(new TooLarge(max));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        int n = b.remaining();
        received += n;
        if (received > max && ok) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge(max));
          return;
        }
        if (ok) {
          byte[] chunk = new byte[n];
          b.get(chunk);
          buffer.write(chunk, 0, n);
        } else {
          b.position(b.limit()); // an error page: only its status matters
        }
      }
      if (ok) {
        progress.received(received, announced);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(buffer.toByteArray());
    }
  }
}
