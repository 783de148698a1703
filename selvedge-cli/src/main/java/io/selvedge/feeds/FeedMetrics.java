package io.selvedge.feeds;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code selvedge feeds} reports on {@code /metrics} (Prometheus text format 0.0.4), per
 * feed (label {@code feed}): whether the last pull succeeded, when the last success and the last
 * attempt were, pulls by result, the networks in the feed's set, invalid entries of the last
 * pull and its duration; and datastore failures of the runner. Written by the runner's loop,
 * read by the HTTP server: every method is synchronized.
 */
final class FeedMetrics {
  private static final class Feed {
    boolean up;
    boolean enabled = true;
    long lastSuccess;
    long lastAttempt;
    long successes;
    long failures;
    long networks;
    long invalid;
    double seconds;
  }

  private final Map<String, Feed> feeds = new TreeMap<>();
  private long datastoreErrors;
  private boolean datastoreOk;

  synchronized void succeeded(String feed, long networks, long invalid, double seconds, long epochSeconds) {
    Feed f = attempt(feed, true, networks, seconds, epochSeconds);
    f.successes++;
    f.invalid = invalid;
    f.lastSuccess = epochSeconds;
  }

  /** A failed pull or write; {@code networks} is what the set still holds. */
  synchronized void failed(String feed, long networks, double seconds, long epochSeconds) {
    attempt(feed, false, networks, seconds, epochSeconds).failures++;
  }

  private Feed attempt(String feed, boolean up, long networks, double seconds, long epochSeconds) {
    Feed f = feed(feed);
    f.up = up;
    f.enabled = true;
    f.networks = networks;
    f.seconds = seconds;
    f.lastAttempt = epochSeconds;
    return f;
  }

  synchronized void disabled(String feed) {
    feed(feed).enabled = false;
  }

  synchronized void removed(String feed) {
    feeds.remove(feed);
  }

  synchronized void datastore(boolean ok) {
    datastoreOk = ok;
    if (!ok) {
      datastoreErrors++;
    }
  }

  /** Healthy when the last look at the datastore worked (a failing feed is not the runner's ill health). */
  synchronized boolean healthy() {
    return datastoreOk;
  }

  private Feed feed(String name) {
    return feeds.computeIfAbsent(name, n -> new Feed());
  }

  synchronized String render() {
    StringBuilder b = new StringBuilder();
    header(b, "selvedge_feed_up", "gauge", "1 when the feed's last pull succeeded, 0 when it failed (the set keeps its last good content)");
    feeds.forEach((n, f) -> line(b, "selvedge_feed_up", n, f.up ? 1 : 0));
    header(b, "selvedge_feed_enabled", "gauge", "1 unless the feed's mode is Disabled");
    feeds.forEach((n, f) -> line(b, "selvedge_feed_enabled", n, f.enabled ? 1 : 0));
    header(b, "selvedge_feed_last_success_timestamp_seconds", "gauge", "when the feed last pulled and wrote successfully");
    feeds.forEach((n, f) -> line(b, "selvedge_feed_last_success_timestamp_seconds", n, f.lastSuccess));
    header(b, "selvedge_feed_last_attempt_timestamp_seconds", "gauge", "when the feed was last pulled");
    feeds.forEach((n, f) -> line(b, "selvedge_feed_last_attempt_timestamp_seconds", n, f.lastAttempt));
    header(b, "selvedge_feed_pulls_total", "counter", "pulls by result");
    feeds.forEach((n, f) -> {
      b.append("selvedge_feed_pulls_total{feed=\"").append(escape(n)).append("\",result=\"success\"} ").append(f.successes).append('\n');
      b.append("selvedge_feed_pulls_total{feed=\"").append(escape(n)).append("\",result=\"failure\"} ").append(f.failures).append('\n');
    });
    header(b, "selvedge_feed_networks", "gauge", "CIDRs in the feed's GlobalNetworkSet");
    feeds.forEach((n, f) -> line(b, "selvedge_feed_networks", n, f.networks));
    header(b, "selvedge_feed_invalid_entries", "gauge", "invalid entries skipped in the last successful pull");
    feeds.forEach((n, f) -> line(b, "selvedge_feed_invalid_entries", n, f.invalid));
    header(b, "selvedge_feed_last_pull_duration_seconds", "gauge", "duration of the last pull and write");
    feeds.forEach((n, f) -> b.append("selvedge_feed_last_pull_duration_seconds{feed=\"").append(escape(n)).append("\"} ")
        .append(String.format(java.util.Locale.ROOT, "%.3f", f.seconds)).append('\n'));
    header(b, "selvedge_feeds_datastore_errors_total", "counter", "failed reads or writes of the datastore");
    b.append("selvedge_feeds_datastore_errors_total ").append(datastoreErrors).append('\n');
    return b.toString();
  }

  private static void header(StringBuilder b, String name, String type, String help) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void line(StringBuilder b, String name, String feed, long value) {
    b.append(name).append("{feed=\"").append(escape(feed)).append("\"} ").append(value).append('\n');
  }

  /** Prometheus label value escaping (feed names are DNS subdomains, but be safe). */
  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
