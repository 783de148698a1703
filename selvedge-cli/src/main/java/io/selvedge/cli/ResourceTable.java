package io.selvedge.cli;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.GlobalThreatFeed;
import io.selvedge.model.GlobalThreatFeedStatus;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.Profile;
import io.selvedge.model.Resource;
import io.selvedge.model.Tier;
import io.selvedge.model.UserText;
import io.selvedge.model.WorkloadEndpoint;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints resources as an aligned table for {@code get} (default: names; {@code -o wide}: the
 * fields an operator scans for, per kind; GlobalThreatFeeds always show period, last sync and
 * status). Cells are made single-line and printable so a name
 * or selector cannot break the layout or send terminal escapes ({@link UserText}).
 */
final class ResourceTable {
  private ResourceTable() {}

  static void print(PrintWriter out, List<? extends Resource> resources, boolean wide, boolean showNamespace) {
    if (resources.isEmpty()) {
      return;
    }
    List<String> header = new ArrayList<>();
    if (showNamespace) {
      header.add("NAMESPACE");
    }
    header.add("NAME");
    // A feed's health is what one looks it up for: its columns show without -o wide too.
    boolean columns = wide || resources.get(0) instanceof GlobalThreatFeed;
    if (columns) {
      header.addAll(wideHeader(resources.get(0)));
    }
    List<List<String>> rows = new ArrayList<>();
    for (Resource r : resources) {
      List<String> row = new ArrayList<>();
      if (showNamespace) {
        row.add(orDash(r.metadata().namespace()));
      }
      row.add(r.metadata().name());
      if (columns) {
        row.addAll(wideCells(r));
      }
      rows.add(row.stream().map(UserText::escapeControls).collect(Collectors.toList()));
    }
    printAligned(out, header, rows);
  }

  /** Prints {@code header} and {@code rows} (cells already printable) in aligned columns. */
  static void printAligned(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    printRow(out, header, widths);
    rows.forEach(row -> printRow(out, row, widths));
  }

  private static List<String> wideHeader(Resource sample) {
    switch (sample.kind()) {
      case NETWORK_POLICY: case GLOBAL_NETWORK_POLICY: case STAGED_NETWORK_POLICY: case STAGED_GLOBAL_NETWORK_POLICY:
        return List.of("TIER", "ORDER", "TYPES", "SELECTOR");
      case NETWORK_SET: case GLOBAL_NETWORK_SET:
        return List.of("NETS", "LABELS");
      case HOST_ENDPOINT:
        return List.of("NODE", "INTERFACE", "IPS", "PROFILES");
      case WORKLOAD_ENDPOINT:
        return List.of("NODE", "INTERFACE", "NETWORKS", "PROFILES");
      case PROFILE:
        return List.of("INGRESS", "EGRESS", "LABELS");
      case TIER:
        return List.of("ORDER", "DEFAULTACTION");
      case GLOBAL_THREAT_FEED:
        return List.of("PERIOD", "LAST SYNC", "STATUS");
      default:
        return List.of();
    }
  }

  private static List<String> wideCells(Resource r) {
    if (r.spec() instanceof PolicySpec p) {
      return List.of(p.tierOrDefault(), p.order() == null ? "-" : number(p.order()),
          p.types().isEmpty() ? "-" : p.types().stream().map(Enum::name).collect(Collectors.joining(",")),
          p.selector() == null || p.selector().isEmpty() ? "all()" : p.selector());
    }
    if (r instanceof NetworkSet s) {
      return List.of(String.valueOf(s.spec().nets().size()), labels(s.metadata().labels()));
    }
    if (r instanceof GlobalNetworkSet s) {
      return List.of(String.valueOf(s.spec().nets().size()), labels(s.metadata().labels()));
    }
    if (r instanceof HostEndpoint h) {
      return List.of(orDash(h.spec().node()), orDash(h.spec().interfaceName()),
          list(h.spec().expectedIPs()), list(h.spec().profiles()));
    }
    if (r instanceof WorkloadEndpoint w) {
      return List.of(orDash(w.spec().node()), orDash(w.spec().interfaceName()),
          list(w.spec().ipNetworks()), list(w.spec().profiles()));
    }
    if (r instanceof Profile p) {
      return List.of(String.valueOf(p.spec().ingress().size()), String.valueOf(p.spec().egress().size()),
          labels(p.spec().labelsToApply()));
    }
    if (r instanceof Tier t) {
      return List.of(t.spec().order() == null ? number(io.selvedge.model.TierSpec.DEFAULT_ORDER) : number(t.spec().order()),
          t.spec().defaultAction() == null ? "Deny" : t.spec().defaultAction());
    }
    if (r instanceof GlobalThreatFeed f) {
      return feedCells(f);
    }
    return List.of();
  }

  /** PERIOD (as written, or the default), LAST SYNC (status.lastSuccessfulSync) and STATUS. */
  private static List<String> feedCells(GlobalThreatFeed f) {
    String period = f.spec().pull() == null || f.spec().pull().period() == null ? "24h" : f.spec().pull().period();
    GlobalThreatFeedStatus st = f.status();
    String lastSync = st == null || st.lastSuccessfulSync() == null ? "never" : st.lastSuccessfulSync();
    String state;
    if (!f.spec().enabled()) {
      state = "Disabled";
    } else if (st != null && !st.errorConditions().isEmpty()) {
      state = "error: " + st.errorConditions().stream().map(e -> e.type() + ": " + e.message())
          .collect(Collectors.joining("; "));
    } else {
      state = st == null || st.lastSuccessfulSync() == null ? "pending" : "ok";
    }
    return List.of(period, lastSync, state);
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static String list(List<String> l) {
    return l.isEmpty() ? "-" : String.join(",", l);
  }

  private static String labels(Map<String, String> labels) {
    return labels.isEmpty() ? "-" : new java.util.TreeMap<>(labels).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append("   ");
      }
      b.append(cells.get(i));
      if (i < cells.size() - 1) {
        b.append(" ".repeat(widths[i] - cells.get(i).length()));
      }
    }
    out.println(b);
  }
}
