package io.selvedge.cli;

import io.selvedge.model.UserText;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.Datastore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selvedge label KIND NAME k=v|k- ...}: sets or removes labels. The change is written
 * with the resourceVersion that was read, so a concurrent change is a conflict (exit 4), never
 * silently overwritten; the result is validated like any other write.
 */
@Command(name = "label", description = "Set (k=v) or remove (k-) labels of a resource.",
    footer = {"", "Examples:", "  selvedge label hep eth0.host1 apply-ip-protect=true",
        "  selvedge label gns ip-protect ip-deny-list=false --overwrite", "  selvedge label wep -n production web-1 color-"})
final class LabelCommand implements Callable<Integer> {
  @ParentCommand
  SelvedgeCommand parent;

  @Parameters(index = "0", paramLabel = "KIND", completionCandidates = KindNames.class,
      description = "resource kind, e.g. hostendpoint, hep, gns")
  String kind;

  @Parameters(index = "1", paramLabel = "NAME", description = "the resource to label")
  String name;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "k=v|k-", description = "labels to set or (with a trailing -) remove")
  List<String> changes;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "namespace of namespaced kinds (default: default)")
  String namespace;

  @Option(names = "--overwrite", description = "allow changing the value of an existing label")
  boolean overwrite;

  @Override
  public Integer call() {
    Kind k = KindArgument.parse(kind);
    String ns = KindArgument.namespaceFor(k, namespace);
    try (Datastore store = parent.datastore.open()) {
      Resource current = store.get(k, ns, name).orElseThrow(() -> new UserError(ExitCode.INVALID,
          k.apiName() + " " + (ns == null ? "" : ns + "/") + UserText.escapeControls(name) + " not found in " + store.url()));
      Map<String, String> labels = new LinkedHashMap<>(current.metadata().labels());
      for (String change : changes) {
        apply(labels, change);
      }
      Resource changed = current.withMetadata(current.metadata().withLabels(labels));
      ResourceLoader.requireValid(changed, "label " + k.apiName() + " " + current.qualifiedName());
      store.update(changed);
      parent.out().println(k.apiName() + " " + UserText.escapeControls(current.qualifiedName()) + " labeled");
    }
    return ExitCode.OK;
  }

  private void apply(Map<String, String> labels, String change) {
    if (change.endsWith("-") && !change.contains("=")) {
      String key = change.substring(0, change.length() - 1);
      if (labels.remove(key) == null) {
        throw new UserError(ExitCode.INVALID, "label \"" + UserText.escapeControls(key) + "\" is not set on " + name);
      }
      return;
    }
    int eq = change.indexOf('=');
    if (eq <= 0) {
      throw new UserError(ExitCode.USAGE, "\"" + UserText.escapeControls(change) + "\" is neither k=v nor k-");
    }
    String key = change.substring(0, eq);
    String value = change.substring(eq + 1);
    String old = labels.get(key);
    if (old != null && !old.equals(value) && !overwrite) {
      throw new UserError(ExitCode.INVALID, "label \"" + UserText.escapeControls(key) + "\" already has value \""
          + UserText.escapeControls(old) + "\" (use --overwrite to change it)");
    }
    labels.put(key, value);
  }
}
