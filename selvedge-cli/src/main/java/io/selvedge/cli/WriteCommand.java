package io.selvedge.cli;

import io.selvedge.model.UserText;
import io.selvedge.model.GlobalThreatFeed;
import io.selvedge.model.GlobalThreatFeedStatus;
import io.selvedge.model.Resource;
import io.selvedge.store.BatchResult;
import io.selvedge.store.Datastore;
import io.selvedge.store.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code apply}, {@code create} and {@code replace}: read and validate every resource first,
 * then write them all in one batch (all or nothing on SQLite). {@code create} refuses if any
 * exists, {@code replace} if any is missing; replace writes with the resourceVersions it read,
 * so a change made meanwhile by someone else is a conflict (exit 4), not lost. A GlobalThreatFeed's
 * status is never taken from the files: the stored one is kept.
 */
abstract class WriteCommand implements Callable<Integer> {
  @ParentCommand
  SelvedgeCommand parent;

  @Mixin
  FileOptions files;

  @Override
  public Integer call() {
    TerminalProgress progress = TerminalProgress.forConsole(parent.err());
    List<Resource> resources = ResourceLoader.readValid(files.inputs(parent), files.defaultNamespace(), parent.err(), progress);
    try (Datastore store = parent.datastore.open()) {
      List<Resource> toWrite = keepStoredStatus(store, prepare(store, resources));
      BatchResult result = store.applyAll(toWrite, (done, total) -> progress.update("writing", done, total));
      progress.done();
      for (BatchResult.Outcome o : result.outcomes()) {
        parent.out().println(UserText.escapeControls(o.key().toString()) + " " + o.change().name().toLowerCase(java.util.Locale.ROOT));
      }
      parent.out().println("Successfully " + verb() + " " + result.outcomes().size() + " resource(s)");
    }
    return ExitCode.OK;
  }

  abstract String verb();

  /** Checks preconditions against the store and returns what to write. */
  abstract List<Resource> prepare(Datastore store, List<Resource> resources);

  /**
   * A resource's status belongs to the controller that writes it (a GlobalThreatFeed's to
   * {@code selvedge feeds}), as with Kubernetes' status subresource: a status in the user's file
   * is ignored and the stored one kept, so re-applying an unchanged file changes nothing and a
   * spec change does not wipe what the feed runner last reported.
   */
  private static List<Resource> keepStoredStatus(Datastore store, List<Resource> resources) {
    List<Resource> out = new ArrayList<>(resources.size());
    for (Resource r : resources) {
      if (r instanceof GlobalThreatFeed feed) {
        GlobalThreatFeedStatus stored = current(store, r).map(s -> ((GlobalThreatFeed) s).status()).orElse(null);
        out.add(feed.withStatus(stored));
      } else {
        out.add(r);
      }
    }
    return out;
  }

  static Optional<Resource> current(Datastore store, Resource r) {
    return store.get(r.kind(), r.metadata().namespace(), r.metadata().name());
  }

  @Command(name = "apply", description = "Create or update every resource in the files (all validated first; nothing is written if any is invalid).",
      footer = {"", "Examples:", "  selvedge apply -f examples/", "  selvedge apply -f blocklist.yaml"})
  static final class Apply extends WriteCommand {
    @Override
    String verb() {
      return "applied";
    }

    @Override
    List<Resource> prepare(Datastore store, List<Resource> resources) {
      return resources;
    }
  }

  @Command(name = "create", description = "Create every resource in the files; fails, writing nothing, if any exists.",
      footer = {"", "Example:", "  selvedge create -f policy.yaml"})
  static final class Create extends WriteCommand {
    @Override
    String verb() {
      return "created";
    }

    @Override
    List<Resource> prepare(Datastore store, List<Resource> resources) {
      for (Resource r : resources) {
        if (current(store, r).isPresent()) {
          throw new UserError(ExitCode.INVALID, ResourceKey.of(r) + " already exists in " + store.url() + "; nothing was created (use apply or replace)");
        }
      }
      return resources;
    }
  }

  @Command(name = "replace", description = "Replace every resource in the files; fails, writing nothing, if any is missing.",
      footer = {"", "Example:", "  selvedge get gnp ip-protect -o yaml > p.yaml", "  vi p.yaml",
          "  selvedge replace -f p.yaml   # exit 4 if someone changed it meanwhile"})
  static final class Replace extends WriteCommand {
    @Override
    String verb() {
      return "replaced";
    }

    @Override
    List<Resource> prepare(Datastore store, List<Resource> resources) {
      List<Resource> out = new ArrayList<>();
      for (Resource r : resources) {
        Resource existing = current(store, r).orElseThrow(() -> new UserError(ExitCode.INVALID,
            ResourceKey.of(r) + " does not exist in " + store.url() + "; nothing was replaced (use create or apply)"));
        // Without a resourceVersion in the file, replace what we just read: a concurrent
        // change between our read and our write then shows up as a conflict.
        String rv = r.metadata().resourceVersion() != null ? r.metadata().resourceVersion() : existing.metadata().resourceVersion();
        out.add(r.withMetadata(r.metadata().withStoreFields(null, rv, null, null)));
      }
      return out;
    }
  }
}
