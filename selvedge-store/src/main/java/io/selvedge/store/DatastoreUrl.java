package io.selvedge.store;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a datastore lives, parsed from the CLI's {@code --datastore} value:
 * <ul>
 *   <li>{@code sqlite:PATH}: a SQLite file; relative paths are resolved against the working
 *       directory, {@code ~/} against the home directory; {@code sqlite:} alone is the default
 *       path ({@link #defaultSqlitePath()});</li>
 *   <li>{@code etcd:http://h1:2379,http://h2:2379}: etcd v3 endpoints (scheme optional, port
 *       defaults to 2379);</li>
 *   <li>{@code etcds:https://h1:2379,...}: the same over TLS (files in {@link DatastoreOptions}).</li>
 * </ul>
 * Parsing is pure: it does not touch the file system (except to find the home directory) or
 * the network. Equal when canonical forms are equal; {@link #toString()} is the canonical form
 * used in every message ({@code sqlite:/abs/path}, {@code etcd:http://h1:2379,...}).
 */
public final class DatastoreUrl {

  /** The URL schemes. */
  public enum Scheme {
    SQLITE("sqlite:"), ETCD("etcd:"), ETCDS("etcds:");

    private final String prefix;

    Scheme(String prefix) {
      this.prefix = prefix;
    }

    /** {@code sqlite:}, {@code etcd:}, {@code etcds:}. */
    public String prefix() {
      return prefix;
    }
  }

  private static final int ETCD_DEFAULT_PORT = 2379;
  private static final String FORMS =
      "use sqlite:PATH, etcd:http://HOST:PORT[,http://HOST:PORT...] or etcds:https://HOST:PORT[,...]";

  private final Scheme scheme;
  private final Path path;
  private final List<URI> endpoints;

  private DatastoreUrl(Scheme scheme, Path path, List<URI> endpoints) {
    this.scheme = scheme;
    this.path = path;
    this.endpoints = List.copyOf(endpoints);
  }

  /**
   * Parses a datastore URL.
   *
   * @throws IllegalArgumentException quoting the input and saying which forms are accepted
   */
  public static DatastoreUrl parse(String url) {
    Objects.requireNonNull(url, "url");
    String s = url.trim();
    if (s.startsWith(Scheme.SQLITE.prefix)) {
      String p = s.substring(Scheme.SQLITE.prefix.length());
      return sqlite(p.isEmpty() ? defaultSqlitePath() : expandHome(p));
    }
    if (s.startsWith(Scheme.ETCDS.prefix)) {
      return etcd(Scheme.ETCDS, url, s.substring(Scheme.ETCDS.prefix.length()));
    }
    if (s.startsWith(Scheme.ETCD.prefix)) {
      return etcd(Scheme.ETCD, url, s.substring(Scheme.ETCD.prefix.length()));
    }
    throw new IllegalArgumentException("datastore URL \"" + url + "\" is not understood (" + FORMS + ")");
  }

  /** A SQLite datastore in this file (made absolute). */
  public static DatastoreUrl sqlite(Path file) {
    return new DatastoreUrl(Scheme.SQLITE, file.toAbsolutePath().normalize(), List.of());
  }

  /**
   * The default SQLite file: {@code /var/lib/selvedge/selvedge.db} for root, else
   * {@code ~/.local/share/selvedge/selvedge.db}.
   */
  public static Path defaultSqlitePath() {
    return defaultSqlitePath(isRoot(), Path.of(System.getProperty("user.home")));
  }

  static Path defaultSqlitePath(boolean root, Path home) {
    return root ? Path.of("/var/lib/selvedge/selvedge.db")
        : home.resolve(".local/share/selvedge/selvedge.db");
  }

  private static boolean isRoot() {
    try {
      // The owner of /proc/self is the effective uid of this process.
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static Path expandHome(String p) {
    if (p.equals("~") || p.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + p.substring(1));
    }
    return Path.of(p);
  }

  private static DatastoreUrl etcd(Scheme scheme, String original, String list) {
    String wantScheme = scheme == Scheme.ETCDS ? "https" : "http";
    List<URI> endpoints = new ArrayList<>();
    for (String part : list.split(",", -1)) {
      String e = part.trim();
      if (e.isEmpty()) {
        throw new IllegalArgumentException("datastore URL \"" + original + "\" has an empty endpoint (" + FORMS + ")");
      }
      endpoints.add(endpoint(original, e.contains("://") ? e : wantScheme + "://" + e, wantScheme));
    }
    return new DatastoreUrl(scheme, null, endpoints);
  }

  private static URI endpoint(String original, String e, String wantScheme) {
    URI u;
    try {
      u = new URI(e);
    } catch (URISyntaxException ex) {
      throw new IllegalArgumentException("datastore URL \"" + original + "\": endpoint \"" + e + "\" is not a URL");
    }
    if (!wantScheme.equals(u.getScheme())) {
      throw new IllegalArgumentException("datastore URL \"" + original + "\": endpoint \"" + e + "\" must use "
          + wantScheme + ":// (" + (wantScheme.equals("https") ? "etcds:" : "etcd:") + " URLs are "
          + (wantScheme.equals("https") ? "TLS" : "plain HTTP") + ")");
    }
    if (u.getHost() == null || u.getUserInfo() != null || u.getQuery() != null || u.getFragment() != null
        || !(u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))) {
      throw new IllegalArgumentException("datastore URL \"" + original + "\": endpoint \"" + e
          + "\" must be " + wantScheme + "://HOST[:PORT] and nothing else");
    }
    int port = u.getPort() == -1 ? ETCD_DEFAULT_PORT : u.getPort();
    return URI.create(wantScheme + "://" + u.getHost() + ":" + port);
  }

  public Scheme scheme() {
    return scheme;
  }

  /** The absolute file of a {@code sqlite:} URL. */
  public Path path() {
    if (scheme != Scheme.SQLITE) {
      throw new IllegalStateException(this + " is not a sqlite: URL");
    }
    return path;
  }

  /** The endpoints of an {@code etcd:}/{@code etcds:} URL, {@code scheme://host:port} each. */
  public List<URI> endpoints() {
    if (scheme == Scheme.SQLITE) {
      throw new IllegalStateException(this + " is not an etcd URL");
    }
    return endpoints;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatastoreUrl d && d.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    if (scheme == Scheme.SQLITE) {
      return scheme.prefix + path;
    }
    StringBuilder sb = new StringBuilder(scheme.prefix);
    for (int i = 0; i < endpoints.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(endpoints.get(i));
    }
    return sb.toString();
  }
}
