package io.selvedge.cli;

import io.selvedge.model.UserText;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.Datastore;
import io.selvedge.store.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selvedge delete -f PATH | KIND NAME...}: deletes resources. Checks first that every
 * one exists (unless {@code --skip-not-exists}), so a typo deletes nothing. A resourceVersion in
 * a file is honoured: deleting something changed since it was read is a conflict (exit 4).
 */
@Command(name = "delete", description = "Delete the resources in files, or KIND NAME...",
    footer = {"", "Examples:", "  selvedge delete gnp ip-protect", "  selvedge delete -f examples/03-ip-protect-policies.yaml",
        "  selvedge delete networkpolicy -n production allow-egress-external",
        "  selvedge delete node retired-host-7"})
final class DeleteCommand implements Callable<Integer> {
  @ParentCommand
  SelvedgeCommand parent;

  @Option(names = {"-f", "--filename"}, paramLabel = "PATH|-", description = "delete the resources named in these files")
  List<String> files = new ArrayList<>();

  @Parameters(paramLabel = "KIND NAME...", description = "a kind and one or more names")
  List<String> kindAndNames = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "namespace of namespaced kinds, and for namespaced resources in files that name none (default: default)")
  String namespace;

  @Option(names = "--skip-not-exists", description = "do not fail for resources that do not exist")
  boolean skipNotExists;

  @Override
  public Integer call() {
    // resourceVersions given in files, honoured as delete preconditions
    java.util.Map<ResourceKey, String> versions = new java.util.HashMap<>();
    List<ResourceKey> keys = new ArrayList<>();
    if (!files.isEmpty()) {
      if (!kindAndNames.isEmpty()) {
        throw new UserError(ExitCode.USAGE, "give either -f or KIND NAME..., not both");
      }
      List<Resource> fromFiles = ResourceLoader.readValid(InputSources.expand(files, parent.stdin()),
          namespace == null ? "default" : namespace, parent.err(), TerminalProgress.forConsole(parent.err()));
      for (Resource r : fromFiles) {
        keys.add(ResourceKey.of(r));
        versions.put(ResourceKey.of(r), r.metadata().resourceVersion());
      }
    } else {
      if (kindAndNames.size() < 2) {
        throw new UserError(ExitCode.USAGE, "say what to delete: -f FILE, or KIND NAME...");
      }
      if (NodeStatusReport.isNodeKind(kindAndNames.get(0))) {
        return deleteNodes(kindAndNames.subList(1, kindAndNames.size()));
      }
      Kind k = KindArgument.parse(kindAndNames.get(0));
      String ns = KindArgument.namespaceFor(k, namespace);
      kindAndNames.subList(1, kindAndNames.size()).forEach(n -> keys.add(ResourceKey.of(k, ns, n)));
    }
    try (Datastore store = parent.datastore.open()) {
      List<ResourceKey> present = new ArrayList<>();
      for (ResourceKey key : keys) {
        if (store.get(key.kind(), key.namespace(), key.name()).isPresent()) {
          present.add(key);
        } else if (!skipNotExists) {
          throw new UserError(ExitCode.INVALID, UserText.escapeControls(key.toString()) + " not found in " + store.url() + "; nothing was deleted");
        }
      }
      for (ResourceKey key : present) {
        store.delete(key.kind(), key.namespace(), key.name(), versions.get(key));
        parent.out().println(UserText.escapeControls(key.toString()) + " deleted");
      }
      parent.out().println("Successfully deleted " + present.size() + " resource(s)");
    }
    return ExitCode.OK;
  }

  /** {@code delete nodes NAME...}: forgets retired hosts' status (not resources; no revision). */
  private int deleteNodes(List<String> nodes) {
    try (Datastore store = parent.datastore.open()) {
      java.util.Set<String> known = new java.util.HashSet<>();
      store.listNodeStatus().forEach(s -> known.add(s.node()));
      for (String node : nodes) {
        if (!known.contains(node) && !skipNotExists) {
          throw new UserError(ExitCode.INVALID, "node " + UserText.escapeControls(node) + " has not reported to "
              + store.url() + "; nothing was deleted");
        }
      }
      int deleted = 0;
      for (String node : nodes) {
        if (known.contains(node) && store.deleteNodeStatus(node)) {
          parent.out().println("node " + node + " deleted");
          deleted++;
        }
      }
      parent.out().println("Successfully deleted " + deleted + " node(s)");
    }
    return ExitCode.OK;
  }
}
