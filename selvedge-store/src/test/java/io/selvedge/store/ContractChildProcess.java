package io.selvedge.store;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import java.util.Optional;

/**
 * A second process for the contract suite: opens the datastore from a URL through
 * {@link DatastoreFactory} (so it works for any backend on the class path) and does one job:
 * <ul>
 *   <li>{@code URL increment NAME COUNT}: waits for a line {@code go} on stdin (so the parent
 *       starts at the same moment), then COUNT read-modify-write increments of the
 *       {@code count} annotation of GlobalNetworkSet NAME, each guarded by its resourceVersion
 *       and retried on conflict; prints {@code conflicts N} at the end;</li>
 *   <li>{@code URL create PREFIX COUNT}: creates GlobalNetworkSets PREFIX-0 .. PREFIX-(COUNT-1)
 *       one write each.</li>
 * </ul>
 * Prints {@code ready} once the datastore is open. Exit code 0 on success.
 */
public final class ContractChildProcess {
  private ContractChildProcess() {}

  public static void main(String[] args) {
    try (Datastore ds = DatastoreFactory.open(DatastoreUrl.parse(args[0]))) {
      System.out.println("ready");
      System.out.flush();
      switch (args[1]) {
        case "increment" -> {
          awaitGo();
          System.out.println("conflicts " + increment(ds, args[2], Integer.parseInt(args[3])));
        }
        case "create" -> {
          for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            ds.create(TestResources.gns(args[2] + "-" + i, "192.168.0." + (i % 256) + "/32"));
          }
        }
        default -> throw new IllegalArgumentException("unknown job " + args[1]);
      }
    }
    System.out.println("done");
  }

  private static void awaitGo() {
    try {
      String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
          java.nio.charset.StandardCharsets.UTF_8)).readLine();
      if (!"go".equals(line)) {
        throw new IllegalStateException("expected go, got " + line);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** COUNT conflict-retried increments; returns how many conflicts were retried. */
  public static int increment(Datastore ds, String name, int count) {
    int conflicts = 0;
    for (int i = 0; i < count; i++) {
      while (true) {
        Optional<Resource> current = ds.get(Kind.GLOBAL_NETWORK_SET, null, name);
        GlobalNetworkSet gns = (GlobalNetworkSet) current.orElseThrow();
        int n = Integer.parseInt(gns.metadata().annotations().getOrDefault("count", "0"));
        try {
          ds.update(TestResources.withAnnotation(gns, "count", Integer.toString(n + 1)));
          break;
        } catch (ConflictException e) {
          conflicts++;
        }
      }
    }
    return conflicts;
  }
}
