package io.selvedge.store.sqlite;

import io.selvedge.model.Resource;
import io.selvedge.store.TestResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Child process of {@link SqliteCrashTest}: applies COUNT NetworkSets in namespace
 * {@code crash} in one batch, printing {@code writing} from inside the transaction once a tenth are
 * written (so the parent kills it mid-transaction), and {@code committed} if it gets that far.
 */
public final class BigBatchWriter {
  private BigBatchWriter() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    List<Resource> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(TestResources.netset("crash", "set-" + i, Map.of("i", Integer.toString(i)),
          "10." + (i >> 8 & 0xff) + "." + (i & 0xff) + ".0/24"));
    }
    try (SqliteDatastore ds = SqliteDatastore.open(file)) {
      ds.applyAll(batch, (done, total) -> {
        if (done == total / 10) {
          System.out.println("writing");
          System.out.flush();
        }
      });
      System.out.println("committed");
    }
  }
}
