package io.selvedge.cli;

import io.selvedge.engine.explain.ClusterExplainer;
import io.selvedge.engine.explain.DataplaneSettings;
import io.selvedge.engine.explain.Flow;
import io.selvedge.engine.explain.Verdict;
import io.selvedge.engine.explain.VerdictJson;
import io.selvedge.engine.explain.VerdictText;
import io.selvedge.model.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selvedge explain}: what Calico's dataplane does with one flow, and why. Without
 * {@code --node} it follows the flow across the cluster (egress where it leaves a known endpoint,
 * on that endpoint's node; ingress where it enters one); with {@code --node} it is that node's
 * dataplane only, optionally on given interfaces. Resources come from {@code -f} files (offline)
 * or the datastore. Prints the verdict on the first line, then the path; {@code -o json} for
 * machines. Exit 0 whatever the verdict; 1 for bad files, 2 for bad options.
 */
@Command(name = "explain", description = "Show what the dataplane does with a flow, and why.",
    footer = {"", "Examples:",
        "  selvedge explain --src 10.0.0.1 --dst 10.0.0.2:80 -f policies/",
        "  selvedge explain --src 203.0.113.5 --dst 192.168.0.1:22 --node node1",
        "  selvedge explain --src 10.0.0.1 --dst 10.0.0.2 --proto icmp -o json",
        "",
        "Without -f the resources are read from the datastore."})
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand
  SelvedgeCommand parent;

  @Option(names = "--src", required = true, paramLabel = "IP[:PORT]",
      description = "source address and port ([IPv6]:PORT); port default " + FlowArguments.DEFAULT_SOURCE_PORT)
  String src;

  @Option(names = "--dst", required = true, paramLabel = "IP[:PORT]",
      description = "destination address and port (the port is required for tcp, udp, sctp)")
  String dst;

  @Option(names = "--proto", paramLabel = "PROTO", defaultValue = "tcp",
      description = "tcp (default), udp, sctp, udplite, icmp, icmpv6 or a protocol number")
  String proto;

  @Option(names = "--icmp-type", paramLabel = "T", description = "ICMP type (default: echo request)")
  Integer icmpType;

  @Option(names = "--icmp-code", paramLabel = "C", description = "ICMP code (default 0)")
  Integer icmpCode;

  @Option(names = "--established", description = "the packet belongs to an established connection")
  boolean established;

  @Option(names = "--node", paramLabel = "NODE", description = "only what this node's dataplane does")
  String node;

  @Option(names = "--in-interface", paramLabel = "IFACE|local",
      description = "with --node: interface the packet arrives on, or local (sent by the node); default: inferred")
  String inInterface;

  @Option(names = "--out-interface", paramLabel = "IFACE|local",
      description = "with --node: interface the packet leaves by, or local (for the node); default: inferred")
  String outInterface;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json")
  String output;

  @Option(names = {"-f", "--filename"}, paramLabel = "PATH|-",
      description = "YAML/JSON file, directory or - for stdin; repeatable (default: the datastore)")
  List<String> files = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "namespace for namespaced resources in -f files that name none (default: default)")
  String namespace;

  @Override
  public Integer call() {
    String format = output.toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      throw new UserError(ExitCode.USAGE, "unknown output format \"" + UserText.escapeControls(output) + "\" (use text or json)");
    }
    if (node == null && (inInterface != null || outInterface != null)) {
      throw new UserError(ExitCode.USAGE, "--in-interface and --out-interface need --node (interfaces belong to a node)");
    }
    Flow flow = FlowArguments.flow(src, dst, proto, icmpType, icmpCode, established)
        .via(FlowArguments.iface(inInterface), FlowArguments.iface(outInterface));
    ResourceSource source = files.isEmpty() ? new DatastoreResourceSource(parent.datastore)
        : new FileResourceSource(InputSources.expand(files, parent.stdin()),
            namespace == null || namespace.isEmpty() ? "default" : namespace, parent.err());
    ClusterExplainer explainer = new ClusterExplainer(source.load(), DataplaneSettings.defaults(),
        source.typesDefaulting());
    Verdict v = node == null ? explainer.explain(flow) : explainer.explainAt(node, flow);
    for (Map.Entry<String, List<String>> p : explainer.problems().entrySet()) {
      for (String problem : p.getValue()) {
        parent.err().println("warning: " + UserText.escapeControls(p.getKey() + ": " + problem));
      }
    }
    parent.out().print(format.equals("json") ? VerdictJson.format(v) : VerdictText.format(v));
    parent.out().flush();
    return ExitCode.OK;
  }
}
