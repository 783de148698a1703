package io.selvedge.feeds;

import io.selvedge.cli.geoip.CountryImport;
import io.selvedge.cli.geoip.CountryNetworks;
import io.selvedge.cli.netset.CidrAggregator;
import io.selvedge.cli.netset.Gunzip;
import io.selvedge.cli.netset.HttpListDownloader;
import io.selvedge.cli.netset.NetListParser;
import io.selvedge.model.GlobalThreatFeedSpec.GeoIpPull;
import io.selvedge.model.GlobalThreatFeedSpec.HttpHeader;
import io.selvedge.model.GlobalThreatFeedSpec.HttpPull;
import io.selvedge.model.GlobalThreatFeedSpec.Pull;
import io.selvedge.model.UserText;
import io.selvedge.net.Cidr;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Pulls one feed's networks with the import command's parts: {@link HttpListDownloader} (whole
 * body or failure), {@link FeedFormat} and {@link NetListParser} for the text, or
 * {@link CountryImport} for the Selvedge {@code geoip} source; then {@link CidrAggregator}.
 * A pull fails ({@link PullFailure}) on any download error (status, timeout, cut-short body),
 * an unreadable body or database, or when more than {@link #MAX_INVALID_PERCENT}% of the
 * entries are invalid (a page of HTML, a changed format); a few invalid lines are counted and
 * reported but do not fail it. Whether an empty result is acceptable is the runner's call.
 * Stateless apart from its limits; one pull at a time.
 */
final class FeedPuller {
  static final int MAX_INVALID_PERCENT = 10;
  private static final int PROBLEMS_KEPT = 3;

  /** A successful pull: aggregated networks and what was read. */
  record Pulled(List<Cidr> nets, long entries, long invalid, String source, List<String> problems) {}

  private final Duration timeout;
  private final long maxBytes;

  FeedPuller(Duration timeout, long maxBytes) {
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  Pulled pull(Pull pull) throws PullFailure {
    CidrAggregator aggregator = new CidrAggregator();
    if (pull.geoip() != null) {
      String source = countries(pull.geoip(), aggregator);
      CidrAggregator.Result r = aggregator.aggregate();
      return new Pulled(r.all(), r.entries(), 0, source, List.of());
    }
    HttpPull http = pull.http();
    NetListParser parser = new NetListParser(aggregator, PROBLEMS_KEPT);
    NetListParser.Stats stats;
    try (Reader lines = FeedFormat.lines(http.format(), decode(download(http)))) {
      stats = parser.parse(UserText.escapeControls(http.url()), lines);
    } catch (IOException e) {
      throw new PullFailure("cannot read the body: " + e.getMessage());
    }
    long read = stats.entries() + stats.invalid();
    if (stats.invalid() > 0 && stats.invalid() * 100 > read * MAX_INVALID_PERCENT) {
      throw new PullFailure(stats.invalid() + " of " + read + " entries are invalid (more than " + MAX_INVALID_PERCENT
          + "%; is the URL or format right?); first: " + problems(parser).get(0));
    }
    CidrAggregator.Result r = aggregator.aggregate();
    return new Pulled(r.all(), stats.entries(), stats.invalid(), http.url(), problems(parser));
  }

  private static List<String> problems(NetListParser parser) {
    return parser.problems().stream().map(NetListParser.Problem::format).toList();
  }

  private byte[] download(HttpPull http) throws PullFailure {
    HttpListDownloader downloader = new HttpListDownloader(Duration.ofSeconds(Math.min(10, timeout.toSeconds())),
        timeout, maxBytes);
    Map<String, String> headers = new LinkedHashMap<>();
    for (HttpHeader h : http.headers()) {
      headers.put(h.name(), h.value() == null ? "" : h.value());
    }
    try {
      return downloader.download(URI.create(http.url()), headers, (bytes, total) -> { });
    } catch (HttpListDownloader.DownloadException e) {
      throw new PullFailure("download failed: " + e.getMessage());
    }
  }

  private static Reader decode(byte[] body) throws PullFailure {
    try {
      return new InputStreamReader(Gunzip.ifNeeded(new ByteArrayInputStream(body)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PullFailure("cannot unpack the body: " + e.getMessage());
    }
  }

  /** Adds the countries' networks; returns the source description. */
  private static String countries(GeoIpPull geoip, CidrAggregator aggregator) throws PullFailure {
    CountryNetworks db;
    try {
      db = CountryImport.open(geoip.path() == null ? null : Path.of(geoip.path()), "spec.pull.geoip.path");
    } catch (IllegalArgumentException e) {
      throw new PullFailure(e.getMessage());
    }
    try {
      CountryImport.addNetworks(db, new LinkedHashSet<>(geoip.countries()), aggregator);
    } catch (IOException e) {
      throw new PullFailure("cannot read " + db.description() + ": " + e.getMessage());
    }
    return "countries " + String.join(",", geoip.countries()) + " from " + db.description();
  }
}
