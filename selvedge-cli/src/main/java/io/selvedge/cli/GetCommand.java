package io.selvedge.cli;

import io.selvedge.model.UserText;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.Datastore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code selvedge get KIND [NAME...]}: prints resources from the datastore. */
@Command(name = "get", description = "Print resources from the datastore.",
    footer = {"", "Examples:", "  selvedge get gnp", "  selvedge get networkpolicy -A -o wide",
        "  selvedge get gns ip-protect -o yaml > ip-protect.yaml", "  selvedge get nodes -o wide"})
final class GetCommand implements Callable<Integer> {
  @ParentCommand
  SelvedgeCommand parent;

  @Parameters(index = "0", paramLabel = "KIND", completionCandidates = KindNames.class, description = "resource kind, e.g. globalnetworkpolicy, gnp, networksets; or nodes (agents' status)")
  String kind;

  @Parameters(index = "1..*", paramLabel = "NAME", description = "names to print (default: all)")
  List<String> names = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "namespace of namespaced kinds (default: default)")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "list namespaced kinds in every namespace")
  boolean allNamespaces;

  @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "only resources whose labels match this Calico selector")
  String selector;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "ps", completionCandidates = OutputFormats.class,
      description = "ps (names, default), wide, yaml, json, name")
  String output;

  /** The -o values, for shell completion. */
  static final class OutputFormats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("ps", "wide", "yaml", "json", "name").iterator();
    }
  }

  @Override
  public Integer call() {
    String format = output.toLowerCase(Locale.ROOT);
    if (!List.of("ps", "wide", "yaml", "json", "name").contains(format)) {
      throw new UserError(ExitCode.USAGE, "unknown output format \"" + UserText.escapeControls(output) + "\" (use ps, wide, yaml, json or name)");
    }
    if (NodeStatusReport.isNodeKind(kind)) {
      return nodes(format);
    }
    Kind k = KindArgument.parse(kind);
    if (allNamespaces && namespace != null) {
      throw new UserError(ExitCode.USAGE, "use either -n or -A, not both");
    }
    String ns = allNamespaces ? null : KindArgument.namespaceFor(k, namespace);
    List<Resource> found = new ArrayList<>();
    try (Datastore store = parent.datastore.open()) {
      if (names.isEmpty()) {
        try {
          found.addAll(store.list(k, ns, selector));
        } catch (IllegalArgumentException e) {
          throw new UserError(ExitCode.USAGE, "bad --selector: " + e.getMessage());
        }
      } else {
        for (String name : names) {
          found.add(store.get(k, ns, name).orElseThrow(() -> new UserError(ExitCode.INVALID,
              k.apiName() + " " + (ns == null ? "" : ns + "/") + UserText.escapeControls(name) + " not found in " + store.url())));
        }
      }
    }
    if (found.isEmpty()) {
      // On stderr, so that `get -o yaml > file` stays empty and scripts see no output.
      parent.err().println("No " + k.apiName() + " resources found" + (ns == null ? "." : " in namespace " + ns + "."));
    }
    print(parent.out(), found, format, k.namespaced() && allNamespaces);
    return ExitCode.OK;
  }

  /** {@code get nodes}: the agents' heartbeats, not resources. */
  private int nodes(String format) {
    if (namespace != null || allNamespaces || selector != null) {
      throw new UserError(ExitCode.USAGE, "nodes have no namespace or labels: -n, -A and -l do not apply");
    }
    List<NodeStatusReport.Row> rows;
    try (Datastore store = parent.datastore.open()) {
      rows = NodeStatusReport.read(store, names, java.time.Instant.now());
    }
    if (rows.isEmpty()) {
      parent.err().println("No node has reported yet (agents report every few seconds once they run).");
    }
    NodeStatusReport.print(parent.out(), rows, format);
    return ExitCode.OK;
  }

  private static void print(PrintWriter out, List<Resource> found, String format, boolean showNamespace) {
    ResourceCodec codec = ResourceCodec.strict();
    switch (format) {
      case "yaml" -> out.print(codec.toYaml(found));
      case "json" -> out.println(codec.toJson(found));
      case "name" -> found.forEach(r -> out.println(r.kind().apiName().toLowerCase(Locale.ROOT) + "/"
          + UserText.escapeControls(r.qualifiedName())));
      default -> ResourceTable.print(out, found, format.equals("wide"), showNamespace);
    }
    out.flush();
  }
}
