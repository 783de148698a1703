package io.selvedge.feeds;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.GlobalThreatFeed;
import io.selvedge.model.Kind;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.Resource;
import io.selvedge.net.Cidr;
import io.selvedge.store.Datastore;
import io.selvedge.validate.Validator;
import io.selvedge.validate.Violation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a feed's GlobalNetworkSet {@code threatfeed.NAME} (Calico Enterprise's name): the
 * pulled networks, the feed's {@code globalNetworkSet.labels}, and annotations saying which feed
 * made it. The set is the runner's: it is written whole (no resourceVersion), over any change
 * made by hand. To write only when something changed without keeping a million strings around,
 * it remembers a digest of what it last wrote ({@link Written}); the datastore would also skip
 * an identical write, but only after serialising it.
 */
final class FeedSetWriter {
  static final String CREATOR_ANNOTATION = "selvedge.io/creator";
  static final String CREATOR = "selvedge-feeds";
  static final String FEED_ANNOTATION = "selvedge.io/threat-feed";

  /** What the set holds: its size and a digest of its nets and labels. */
  record Written(int size, String digest) {
    static final Written NONE = new Written(0, "");
  }

  private final Datastore store;
  private final Validator validator = Validator.calico();

  FeedSetWriter(Datastore store) {
    this.store = store;
  }

  /** What the feed's set holds now in the datastore ({@link Written#NONE} when there is none). */
  Written current(GlobalThreatFeed feed) {
    Optional<Resource> r = store.get(Kind.GLOBAL_NETWORK_SET, null, feed.setName());
    return r.map(s -> written(((GlobalNetworkSet) s).spec().nets(), s.metadata().labels())).orElse(Written.NONE);
  }

  /**
   * Writes the set unless it already holds exactly this; returns what it holds afterwards.
   *
   * @throws PullFailure (set sync failed) if the set would be invalid
   */
  Written write(GlobalThreatFeed feed, List<Cidr> nets, Written before) throws PullFailure {
    List<String> text = new ArrayList<>(nets.size());
    for (Cidr c : nets) {
      text.add(c.toString());
    }
    Map<String, String> labels = feed.spec().globalNetworkSet() == null ? Map.of() : feed.spec().globalNetworkSet().labels();
    Written after = written(text, labels);
    if (after.equals(before)) {
      return before;
    }
    Map<String, String> annotations = Map.of(CREATOR_ANNOTATION, CREATOR, FEED_ANNOTATION, feed.metadata().name());
    ObjectMeta meta = new ObjectMeta(feed.setName(), null, null, null, null, null, labels, annotations);
    // Nets come from the aggregator (canonical, unique); check the rest, cheaply, without them.
    List<Violation> problems = validator.validate(new GlobalNetworkSet(meta, NetworkSetSpec.EMPTY));
    if (!problems.isEmpty()) {
      throw new PullFailure(PullFailure.SET_SYNC_FAILED, "the set " + feed.setName() + " would be invalid: "
          + problems.get(0));
    }
    store.apply(new GlobalNetworkSet(meta, new NetworkSetSpec(text)));
    return after;
  }

  /** Deletes the feed's set if this runner made it (its creator annotation says so). */
  boolean deleteIfOurs(String feedName) {
    String name = GlobalThreatFeed.SET_PREFIX + feedName;
    Optional<Resource> r = store.get(Kind.GLOBAL_NETWORK_SET, null, name);
    if (r.isEmpty() || !CREATOR.equals(r.get().metadata().annotations().get(CREATOR_ANNOTATION))) {
      return false;
    }
    store.delete(Kind.GLOBAL_NETWORK_SET, null, name, r.get().metadata().resourceVersion());
    return true;
  }

  private static Written written(List<String> nets, Map<String, String> labels) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (String n : nets) {
        d.update(n.getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
      }
      for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
        d.update(("\u0000" + e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8));
      }
      return new Written(nets.size(), HexFormat.of().formatHex(d.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
