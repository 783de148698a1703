package io.selvedge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.selvedge.model.UserText;
import io.selvedge.store.Datastore;
import io.selvedge.store.NodeStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code selvedge get nodes}: the agents' last heartbeats ({@link Datastore#listNodeStatus}) with
 * how far each is behind — LAG is the number of resources changed after the revision its kernel
 * holds ({@link Datastore#resourcesChangedSince}), so 0 means up to date and a growing number or
 * an old heartbeat shows a lagging or dead host.
 */
final class NodeStatusReport {

  /** The spellings of the kind: Calico's {@code node}, its plural and kubectl's {@code no}. */
  static boolean isNodeKind(String kind) {
    return List.of("node", "nodes", "no").contains(kind.toLowerCase(Locale.ROOT));
  }

  /** One line of the report. */
  record Row(NodeStatus status, long lag, Duration age) { }

  private NodeStatusReport() {}

  /** The status of {@code names} (all nodes if empty), with lag and age as of {@code now}. */
  static List<Row> read(Datastore store, List<String> names, Instant now) {
    List<NodeStatus> all = store.listNodeStatus();
    List<NodeStatus> chosen = new ArrayList<>();
    if (names.isEmpty()) {
      chosen.addAll(all);
    } else {
      for (String name : names) {
        chosen.add(all.stream().filter(s -> s.node().equals(name)).findFirst().orElseThrow(() -> new UserError(
            ExitCode.INVALID, "node " + UserText.escapeControls(name) + " has not reported to " + store.url())));
      }
    }
    List<Row> rows = new ArrayList<>();
    Map<Long, Long> lagAt = new HashMap<>();   // nodes in step share a revision: ask once per revision
    for (NodeStatus s : chosen) {
      long lag = lagAt.computeIfAbsent(s.revision(), store::resourcesChangedSince);
      rows.add(new Row(s, lag, Duration.between(s.heartbeat(), now)));
    }
    return rows;
  }

  static void print(PrintWriter out, List<Row> rows, String format) {
    switch (format) {
      case "yaml" -> out.print(write(new YAMLMapper().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS), rows));
      case "json" -> out.println(write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT), rows));
      case "name" -> rows.forEach(r -> out.println("node/" + r.status().node()));
      default -> table(out, rows, format.equals("wide"));
    }
    out.flush();
  }

  private static String write(ObjectMapper mapper, List<Row> rows) {
    ArrayNode list = mapper.createArrayNode();
    for (Row r : rows) {
      NodeStatus s = r.status();
      ObjectNode o = list.addObject();
      o.put("name", s.node()).put("lastHeartbeat", s.heartbeat().toString())
          .put("heartbeatAgeSeconds", Math.max(0, r.age().toMillis()) / 1000.0)
          .put("revision", s.revision()).put("lag", r.lag()).put("healthy", s.healthy())
          .put("detail", s.detail()).put("version", s.version());
    }
    try {
      return mapper.writeValueAsString(list);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void table(PrintWriter out, List<Row> rows, boolean wide) {
    List<String> header = new ArrayList<>(List.of("NAME", "LAST HEARTBEAT", "REVISION", "LAG", "HEALTH"));
    if (wide) {
      header.addAll(List.of("VERSION", "DETAIL"));
    }
    List<List<String>> cells = new ArrayList<>();
    for (Row r : rows) {
      NodeStatus s = r.status();
      List<String> row = new ArrayList<>(List.of(s.node(), age(r.age()) + " ago", Long.toString(s.revision()),
          Long.toString(r.lag()), s.healthy() ? "ok" : "failing"));
      if (wide) {
        row.add(s.version().isEmpty() ? "-" : s.version());
        row.add(s.detail().isEmpty() ? "-" : s.detail());
      }
      cells.add(row.stream().map(UserText::escapeControls).toList());
    }
    ResourceTable.printAligned(out, header, cells);
  }

  /** A short age: 4s, 3m12s, 2h5m, 3d4h. */
  static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m" + s % 60 + "s";
    }
    if (s < 86400) {
      return s / 3600 + "h" + s % 3600 / 60 + "m";
    }
    return s / 86400 + "d" + s % 86400 / 3600 + "h";
  }
}
