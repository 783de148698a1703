package io.selvedge.validate;

import io.selvedge.codec.JsonPath;
import io.selvedge.model.GlobalThreatFeed;
import io.selvedge.model.GlobalThreatFeedSpec;
import io.selvedge.model.GlobalThreatFeedSpec.CsvFormat;
import io.selvedge.model.GlobalThreatFeedSpec.Format;
import io.selvedge.model.GlobalThreatFeedSpec.GeoIpPull;
import io.selvedge.model.GlobalThreatFeedSpec.HttpHeader;
import io.selvedge.model.GlobalThreatFeedSpec.HttpPull;
import io.selvedge.model.GoDuration;
import io.selvedge.model.UserText;
import io.selvedge.net.CountryCodes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a GlobalThreatFeed: Calico Enterprise's rules (the enum values of {@code content},
 * {@code mode} and {@code feedType}, a description of at most 256 characters, labels as label
 * syntax, a required {@code pull.http.url}, at most one format, a CSV column by number or name)
 * and what Selvedge needs to run it:
 * <ul>
 *   <li>{@code content: DomainNameSet} is refused (Selvedge enforces IP sets only);</li>
 *   <li>{@code globalNetworkSet} and {@code pull} are required (the feed's only effect in
 *       Selvedge is the set it writes);</li>
 *   <li>{@code pull.period} is a Go duration of at least {@link #MIN_PERIOD};</li>
 *   <li>the URL is absolute {@code http} or {@code https} with a host; header names are HTTP
 *       tokens, values hold no line breaks (no header injection), and {@code valueFrom} is
 *       refused (there are no ConfigMaps or Secrets);</li>
 *   <li>exactly one of {@code pull.http} and the Selvedge extension {@code pull.geoip}, whose
 *       countries are known ISO 3166-1 alpha-2 codes and whose path, if given, is absolute;</li>
 *   <li>the name leaves room for the {@code threatfeed.} prefix of the set's name.</li>
 * </ul>
 */
final class GlobalThreatFeedValidator {
  /** The shortest period accepted (Calico Enterprise's client uses 5m as its floor). */
  static final Duration MIN_PERIOD = Duration.ofMinutes(1);
  static final int MAX_DESCRIPTION = 256;

  /** Headers the JDK's HTTP client sets itself and refuses to take from callers. */
  private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
      "upgrade");

  private GlobalThreatFeedValidator() {}

  static void validate(GlobalThreatFeed feed, ViolationCollector c) {
    String name = feed.metadata().name();
    int maxName = KubernetesNames.SUBDOMAIN_MAX - GlobalThreatFeed.SET_PREFIX.length();
    if (name != null && name.length() > maxName) {
      c.field("metadata").field("name").add("is " + name.length() + " characters long; at most " + maxName
          + " so that the set's name " + GlobalThreatFeed.SET_PREFIX + "NAME stays within "
          + KubernetesNames.SUBDOMAIN_MAX);
    }
    GlobalThreatFeedSpec spec = feed.spec();
    ViolationCollector cs = c.field("spec");
    if ("DomainNameSet".equals(spec.content())) {
      cs.field("content").add("DomainNameSet feeds are not supported: Selvedge enforces IP sets only (use IPSet)");
    } else {
      oneOf(spec.content(), List.of("IPSet", "DomainNameSet"), cs.field("content"));
    }
    oneOf(spec.mode(), List.of("Enabled", "Disabled"), cs.field("mode"));
    oneOf(spec.feedType(), List.of("Builtin", "Custom"), cs.field("feedType"));
    if (spec.description() != null && spec.description().length() > MAX_DESCRIPTION) {
      cs.field("description").add("is " + spec.description().length() + " characters long, at most "
          + MAX_DESCRIPTION);
    }
    if (spec.globalNetworkSet() == null) {
      cs.field("globalNetworkSet").add("is required: Selvedge writes a feed into the GlobalNetworkSet "
          + GlobalThreatFeed.SET_PREFIX + "NAME with these labels (e.g. globalNetworkSet: {labels: {feed: deny}})");
    } else {
      ViolationCollector cl = cs.field("globalNetworkSet").field("labels");
      MetadataValidator.labels(spec.globalNetworkSet().labels(), cl);
      if (spec.globalNetworkSet().labels().containsKey(NetworkSetValidator.RESERVED_LABEL)) {
        cl.key(NetworkSetValidator.RESERVED_LABEL).add("label key " + UserText.quoted(NetworkSetValidator.RESERVED_LABEL)
            + " is reserved (it is set from the namespace; remove it)");
      }
    }
    if (spec.pull() == null) {
      cs.field("pull").add("is required: Selvedge pulls every feed (give pull.http.url, or pull.geoip)");
      return;
    }
    ViolationCollector cp = cs.field("pull");
    period(spec.pull().period(), cp.field("period"));
    HttpPull http = spec.pull().http();
    GeoIpPull geoip = spec.pull().geoip();
    if (http == null && geoip == null) {
      cp.field("http").add("is required (or, a Selvedge extension, pull.geoip)");
    } else if (http != null && geoip != null) {
      cp.field("geoip").add("give either pull.http or pull.geoip, not both");
    }
    if (http != null) {
      http(http, cp.field("http"));
    }
    if (geoip != null) {
      geoip(geoip, cp.field("geoip"));
    }
  }

  private static void oneOf(String value, List<String> allowed, ViolationCollector c) {
    if (value != null && !allowed.contains(value)) {
      c.add(UserText.quoted(value) + " is not one of " + String.join(", ", allowed));
    }
  }

  private static void period(String period, ViolationCollector c) {
    if (period == null) {
      return;
    }
    try {
      Duration d = GoDuration.parse(period);
      if (d.compareTo(MIN_PERIOD) < 0) {
        c.add(UserText.quoted(period) + " is shorter than the minimum 1m (absent means 24h)");
      }
    } catch (IllegalArgumentException e) {
      c.add(e.getMessage());
    }
  }

  private static void http(HttpPull http, ViolationCollector c) {
    url(http.url(), c.field("url"));
    List<HttpHeader> headers = http.headers();
    for (int i = 0; i < headers.size(); i++) {
      header(headers.get(i), c.field("headers").index(i));
    }
    if (http.format() != null) {
      format(http.format(), c.field("format"));
    }
  }

  private static void url(String url, ViolationCollector c) {
    if (url == null) {
      c.add("is required (an http or https URL)");
      return;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      c.add(UserText.quoted(url) + " is not a URL (" + e.getReason() + ")");
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      c.add(UserText.quoted(url) + " is not an http or https URL");
    } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
      c.add(UserText.quoted(url) + " has no host");
    }
  }

  private static void header(HttpHeader h, ViolationCollector c) {
    if (h.name() == null) {
      c.field("name").add("is required");
    } else if (!isToken(h.name())) {
      c.field("name").add(UserText.quoted(h.name()) + " is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)");
    } else if (RESTRICTED_HEADERS.contains(h.name().toLowerCase(Locale.ROOT))) {
      c.field("name").add(UserText.quoted(h.name()) + " is set by the HTTP client and cannot be given");
    }
    if (h.valueFrom() != null) {
      c.field("valueFrom").add("is not supported: Selvedge has no ConfigMaps or Secrets (give value)");
    }
    if (h.value() != null && h.value().chars().anyMatch(ch -> ch == '\r' || ch == '\n' || ch == 0)) {
      c.field("value").add("must not contain line breaks or NUL");
    }
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean ok = ch < 0x7f && (Character.isLetterOrDigit(ch) || "!#$%&'*+-.^_`|~".indexOf(ch) >= 0);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static void format(Format f, ViolationCollector c) {
    int given = (f.newlineDelimited() != null ? 1 : 0) + (f.json() != null ? 1 : 0) + (f.csv() != null ? 1 : 0);
    if (given > 1) {
      c.add("give at most one of newlineDelimited, json and csv");
    }
    if (f.json() != null) {
      ViolationCollector cp = c.field("json").field("path");
      if (f.json().path() == null) {
        cp.add("is required (a JSONPath to the addresses, e.g. $.data[*].ip)");
      } else {
        try {
          JsonPath.compile(f.json().path());
        } catch (IllegalArgumentException e) {
          cp.add(UserText.quoted(f.json().path()) + ": " + e.getMessage());
        }
      }
    }
    if (f.csv() != null) {
      csv(f.csv(), c.field("csv"));
    }
  }

  private static void csv(CsvFormat csv, ViolationCollector c) {
    if (csv.fieldNum() == null && csv.fieldName() == null) {
      c.add("give fieldNum (the column, from 0) or fieldName (with header: true)");
    } else if (csv.fieldNum() != null && csv.fieldName() != null) {
      c.add("give either fieldNum or fieldName, not both");
    }
    if (csv.fieldNum() != null && csv.fieldNum() < 0) {
      c.field("fieldNum").add(csv.fieldNum() + " is negative (columns count from 0)");
    }
    if (csv.fieldName() != null && !csv.header()) {
      c.field("fieldName").add("needs header: true (the column is found by its name in the first row)");
    }
    singleChar(csv.columnDelimiter(), c.field("columnDelimiter"));
    singleChar(csv.commentDelimiter(), c.field("commentDelimiter"));
    if (csv.recordSize() < 0) {
      c.field("recordSize").add(csv.recordSize() + " is negative");
    }
  }

  private static void singleChar(String s, ViolationCollector c) {
    if (s != null && (s.length() != 1 || s.charAt(0) == '\n' || s.charAt(0) == '\r' || s.charAt(0) == '"')) {
      c.add(UserText.quoted(s) + " is not a single character (other than a quote or line break)");
    }
  }

  private static void geoip(GeoIpPull g, ViolationCollector c) {
    if (g.path() != null && !g.path().startsWith("/")) {
      c.field("path").add(UserText.quoted(g.path()) + " is not an absolute path (the feed runner may run anywhere)");
    }
    if (g.countries().isEmpty()) {
      c.field("countries").add("is required (ISO 3166-1 alpha-2 codes, e.g. [CU, IR, KP, SY])");
    }
    for (int i = 0; i < g.countries().size(); i++) {
      String code = g.countries().get(i);
      if (code.length() != 2 || !CountryCodes.isKnown(code)) {
        c.field("countries").addAt(i, UserText.quoted(code) + " is not a known country code (upper-case ISO 3166-1"
            + " alpha-2, e.g. CU)");
      }
    }
  }
}
