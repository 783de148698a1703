package io.selvedge.cli;

import io.selvedge.cli.geoip.CountryImport;
import io.selvedge.cli.geoip.CountryNetworks;
import io.selvedge.cli.netset.CidrAggregator;
import io.selvedge.cli.netset.HttpListDownloader;
import io.selvedge.cli.netset.NetListParser;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.Kind;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Resource;
import io.selvedge.model.UserText;
import io.selvedge.net.Cidr;
import io.selvedge.net.CountryCodes;
import io.selvedge.store.BatchResult;
import io.selvedge.store.Datastore;
import io.selvedge.store.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selvedge import netset NAME}: builds a GlobalNetworkSet (or, with {@code -n}, a
 * NetworkSet) from IP lists ({@code --from FILE|URL|-}, parsed by {@link NetListParser}) and/or
 * the networks of countries in a GeoIP database ({@code --country}, read through
 * {@link CountryNetworks}), aggregated to the fewest CIDRs by {@link CidrAggregator}.
 *
 * <p>Everything is read and checked before the datastore is touched: a missing file, a failed
 * or partial download, an unknown country code, an unreadable database, or (with
 * {@code --strict}) an invalid line ends the command with exit 1 and nothing written. The
 * write then replaces the set's {@code spec.nets} whole; labels and annotations already on the
 * set are kept and {@code --label} values are set over them (so a label a policy selects the
 * set by survives a re-import; remove one with {@code selvedge label}). The write carries the
 * resourceVersion read, so a concurrent change is a conflict (exit 4), not lost.
 */
@Command(name = "netset",
    description = {"Write a GlobalNetworkSet (or a NetworkSet with -n) from IP lists and/or the networks of countries.",
        "",
        "Lists: one address, CIDR or FIRST-LAST range per line; # and ; start comments, so FireHOL .netset files "
            + "and Spamhaus DROP (text or JSON) read as they are; gzip is unpacked. Entries are de-duplicated and "
            + "aggregated to the fewest CIDRs. The set's nets are replaced; labels already on it are kept.",
        ""},
    footer = {"", "Examples:",
        "  selvedge import netset firehol-level1 --label deny=true \\",
        "      --from https://example.org/firehol_level1.netset",
        "  selvedge import netset spamhaus-drop --strict --from drop.txt --from drop6.txt",
        "  selvedge import netset embargo --country CU,IR,KP,SY --label deny=true",
        "  selvedge import netset partners -n production --from partners.txt --dry-run",
        "", "More: docs/import-netset.md"})
final class ImportNetsetCommand implements Callable<Integer> {
  static final String SOURCE_ANNOTATION = "selvedge.io/import-source";
  private static final int MAX_PROBLEMS_SHOWN = 50;

  @ParentCommand
  ImportCommand parent;

  private long countryNetworks;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  boolean help;

  @Parameters(index = "0", paramLabel = "NAME", description = "name of the set to write")
  String name;

  @Option(names = "--from", paramLabel = "FILE|URL|-", description = "an IP list: a file, an http(s) URL, or - for standard input (repeatable)")
  List<String> from = new ArrayList<>();

  @Option(names = "--country", paramLabel = "CC", split = ",",
      description = "ISO 3166-1 alpha-2 country codes whose IPv4 and IPv6 networks to add, e.g. CU,IR,KP,SY")
  List<String> countries = new ArrayList<>();

  @Option(names = "--geoip", paramLabel = "PATH",
      description = "country database: a .mmdb (GeoLite2/GeoIP2 Country), GeoIP.dat (with GeoIPv6.dat beside it), "
          + "a MaxMind country CSV file, or a directory holding one. Default: the first found in /usr/share/GeoIP, /var/lib/GeoIP, ...")
  Path geoip;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "write a NetworkSet in this namespace instead of a GlobalNetworkSet")
  String namespace;

  @Option(names = "--label", paramLabel = "k=v", description = "a label to set on the set (repeatable); labels already set are kept")
  List<String> labels = new ArrayList<>();

  @Option(names = "--strict", description = "fail, writing nothing, if any line is invalid")
  boolean strict;

  @Option(names = "--allow-empty", description = "write the set even if it ends up with no networks (otherwise that is an error)")
  boolean allowEmpty;

  @Option(names = "--dry-run", description = "read, check and summarise, but do not touch the datastore")
  boolean dryRun;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "limit for each download (default ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(names = "--max-size", paramLabel = "SIZE", defaultValue = "256M", description = "largest download accepted, e.g. 64M, 1G (default ${DEFAULT-VALUE})")
  String maxSize;

  @Override
  public Integer call() {
    SelvedgeCommand root = parent.parent;
    PrintWriter out = root.out();
    PrintWriter err = root.err();
    if (from.isEmpty() && countries.isEmpty()) {
      throw new UserError(ExitCode.USAGE, "say what to import: --from FILE|URL and/or --country CODES");
    }
    if (geoip != null && countries.isEmpty()) {
      throw new UserError(ExitCode.USAGE, "--geoip is only used with --country");
    }
    Map<String, String> wantedLabels = parseLabels();
    Set<String> codes = parseCountries();
    Kind kind = namespace == null ? Kind.GLOBAL_NETWORK_SET : Kind.NETWORK_SET;
    // Check name, namespace and labels before any slow reading or downloading.
    ResourceLoader.requireValid(build(kind, wantedLabels, Map.of(), List.of(), null), "import netset");

    TerminalProgress progress = TerminalProgress.forConsole(err);
    CidrAggregator aggregator = new CidrAggregator();
    NetListParser parser = new NetListParser(aggregator, MAX_PROBLEMS_SHOWN);
    List<String> provenance = new ArrayList<>();
    long lines = 0;
    long masked = 0;
    for (String arg : from) {
      ListInput input = new ListInput(arg);
      NetListParser.Stats s = readList(input, parser, root, progress);
      lines += s.lines();
      masked += s.hostBitsCleared();
      out.println(input.name() + ": " + s.lines() + " lines, " + s.entries() + " entries (IPv4 " + s.v4() + ", IPv6 " + s.v6()
          + "), " + s.invalid() + " invalid");
      provenance.add(input.isUrl() ? input.name() : "file " + input.name());
    }
    if (!codes.isEmpty()) {
      provenance.add(readCountries(codes, aggregator, out, err));
    }
    reportProblems(parser, err);
    if (strict && parser.invalidLines() > 0) {
      throw new UserError(ExitCode.INVALID, parser.invalidLines() + " invalid line(s) and --strict; nothing was written");
    }

    progress.step("aggregating " + aggregator.entries() + " entries");
    CidrAggregator.Result result = aggregator.aggregate();
    progress.done();
    List<String> origin = new ArrayList<>();
    if (!from.isEmpty()) {
      origin.add(lines + " lines");
    }
    if (!codes.isEmpty()) {
      origin.add(countryNetworks + " country networks");
    }
    out.println("total: " + result.entries() + " entries from " + String.join(" and ", origin) + ", "
        + parser.invalidLines() + " invalid, " + result.duplicates() + " duplicates, " + masked
        + " with host bits cleared; aggregated to " + result.size() + " CIDRs (IPv4 " + result.v4().size()
        + ", IPv6 " + result.v6().size() + ")");
    if (result.size() == 0 && !allowEmpty) {
      throw new UserError(ExitCode.INVALID, "no networks to write (an empty set would allow what it is meant to deny); "
          + "nothing was written (use --allow-empty to write an empty set)");
    }
    List<String> nets = new ArrayList<>(result.size());
    for (Cidr c : result.all()) {
      nets.add(c.toString());
    }
    Map<String, String> ours = Map.of(SOURCE_ANNOTATION, String.join("; ", provenance));
    String what = kind.apiName() + " " + (namespace == null ? "" : namespace + "/") + name;
    if (dryRun) {
      requireValid(build(kind, wantedLabels, ours, nets, null));
      out.println("dry run: would write " + UserText.escapeControls(what) + " with " + nets.size() + " nets; nothing was written");
      return ExitCode.OK;
    }
    progress.step("reading the current set");
    try (Datastore store = root.datastore.open()) {
      Optional<Resource> existing;
      try {
        existing = store.get(kind, namespace, name);
      } finally {
        progress.done();
      }
      Map<String, String> mergedLabels = new TreeMap<>(existing.map(r -> r.metadata().labels()).orElse(Map.of()));
      mergedLabels.putAll(wantedLabels);
      Map<String, String> mergedAnnotations = new TreeMap<>(existing.map(r -> r.metadata().annotations()).orElse(Map.of()));
      mergedAnnotations.putAll(ours);
      String rv = existing.map(r -> r.metadata().resourceVersion()).orElse(null);
      Resource r = build(kind, mergedLabels, mergedAnnotations, nets, rv);
      requireValid(r);
      progress.step("writing " + nets.size() + " nets");
      BatchResult written;
      try {
        written = store.applyAll(List.of(r), ProgressListener.NONE);
      } finally {
        progress.done();
      }
      String change = written.outcomes().get(0).change().name().toLowerCase(Locale.ROOT);
      out.println(UserText.escapeControls(what) + " " + change + " (" + nets.size() + " nets) in " + store.url());
    }
    return ExitCode.OK;
  }

  private NetListParser.Stats readList(ListInput input, NetListParser parser, SelvedgeCommand root, TerminalProgress progress) {
    HttpListDownloader downloader = new HttpListDownloader(Duration.ofSeconds(Math.min(10, timeoutSeconds)),
        Duration.ofSeconds(timeoutSeconds), parseSize(maxSize));
    try (Reader r = input.open(root.stdin(), downloader, progress)) {
      return parser.parse(input.name(), r);
    } catch (IOException e) {
      throw new UserError(ExitCode.INVALID, "cannot read " + input.name() + ": " + InputSources.reason(e) + "; nothing was written");
    } finally {
      progress.done();
    }
  }

  /** Adds the networks of {@code codes}; returns the provenance text. */
  private String readCountries(Set<String> codes, CidrAggregator aggregator, PrintWriter out, PrintWriter err) {
    CountryNetworks db;
    try {
      db = CountryImport.open(geoip, "--geoip PATH");
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.INVALID, e.getMessage() + "; nothing was written");
    }
    err.println("reading countries from " + db.description());
    err.flush();
    Map<String, CountryImport.Counts> perCountry;
    try {
      perCountry = CountryImport.addNetworks(db, codes, aggregator);
    } catch (IOException e) {
      throw new UserError(ExitCode.INVALID, "cannot read the GeoIP database: " + e.getMessage() + "; nothing was written");
    }
    List<String> empty = new ArrayList<>();
    for (Map.Entry<String, CountryImport.Counts> e : perCountry.entrySet()) {
      CountryImport.Counts n = e.getValue();
      countryNetworks += n.total();
      out.println("country " + e.getKey() + " (" + CountryCodes.name(e.getKey()) + "): " + n.v4() + " IPv4 and " + n.v6() + " IPv6 networks");
      if (n.total() == 0) {
        empty.add(e.getKey());
      }
    }
    if (!empty.isEmpty()) {
      err.println("warning: no networks for " + String.join(", ", empty) + " in " + db.description());
    }
    return "countries " + String.join(",", codes) + " from " + db.description();
  }

  private static void reportProblems(NetListParser parser, PrintWriter err) {
    for (NetListParser.Problem p : parser.problems()) {
      err.println(p.format());
    }
    long more = parser.invalidLines() - parser.problems().size();
    if (more > 0) {
      err.println("... and " + more + " more invalid line(s)");
    }
    err.flush();
  }

  /**
   * Validates what is about to be written. The nets are left out of the check: each is the
   * canonical text of a CIDR the aggregator produced (so it parses, has no host bits and is
   * unique), and re-parsing a million of them would cost a second of the ten the import may
   * take. {@code ImportNetsetCommandTest} checks that imported sets pass the full validation.
   */
  private static void requireValid(Resource r) {
    ObjectMeta m = r.metadata();
    Resource withoutNets = r instanceof NetworkSet ns ? new NetworkSet(m, NetworkSetSpec.EMPTY)
        : new GlobalNetworkSet(m, NetworkSetSpec.EMPTY);
    ResourceLoader.requireValid(withoutNets, "import netset");
  }

  private Resource build(Kind kind, Map<String, String> labelMap, Map<String, String> annotations, List<String> nets, String rv) {
    ObjectMeta meta = new ObjectMeta(name, namespace, null, rv, null, null, labelMap, annotations);
    NetworkSetSpec spec = new NetworkSetSpec(nets);
    return kind == Kind.NETWORK_SET ? new NetworkSet(meta, spec) : new GlobalNetworkSet(meta, spec);
  }

  private Map<String, String> parseLabels() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String l : labels) {
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw new UserError(ExitCode.USAGE, "--label " + UserText.quoted(l) + " is not k=v");
      }
      out.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return out;
  }

  private Set<String> parseCountries() {
    if (countries.isEmpty()) {
      return Set.of();
    }
    try {
      return CountryCodes.parse(countries);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.INVALID, e.getMessage() + "; nothing was written");
    }
  }

  /** {@code 1048576}, {@code 512K}, {@code 64M}, {@code 1G}. */
  static long parseSize(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("IB")) {
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("B")) {
      t = t.substring(0, t.length() - 1);
    }
    if (t.endsWith("K")) {
      unit = 1L << 10;
    } else if (t.endsWith("M")) {
      unit = 1L << 20;
    } else if (t.endsWith("G")) {
      unit = 1L << 30;
    }
    if (unit != 1) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t);
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UserError(ExitCode.USAGE, "--max-size " + UserText.quoted(text) + " is not a size such as 64M or 1G");
    }
  }
}
