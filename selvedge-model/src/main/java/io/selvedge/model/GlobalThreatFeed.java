package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A {@code GlobalThreatFeed} resource (Calico Enterprise): where to pull a list of networks
 * from, how often, and the labels of the GlobalNetworkSet {@code threatfeed.NAME} the list is
 * written to. {@code status} is written by {@code selvedge feeds}, not by users: user writes
 * keep the stored status (see docs/feeds.md).
 */
public record GlobalThreatFeed(ObjectMeta metadata, GlobalThreatFeedSpec spec, GlobalThreatFeedStatus status)
    implements Resource {
  /** Calico Enterprise's name for the set a feed writes: this prefix and the feed's name. */
  public static final String SET_PREFIX = "threatfeed.";

  public GlobalThreatFeed {
    metadata = metadata == null ? ObjectMeta.named(null) : metadata;
    spec = spec == null ? GlobalThreatFeedSpec.EMPTY : spec;
  }

  public GlobalThreatFeed(ObjectMeta metadata, GlobalThreatFeedSpec spec) {
    this(metadata, spec, null);
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.GLOBAL_THREAT_FEED;
  }

  @Override
  public GlobalThreatFeed withMetadata(ObjectMeta m) {
    return new GlobalThreatFeed(m, spec, status);
  }

  @Override
  public GlobalThreatFeed withoutStatus() {
    return status == null ? this : new GlobalThreatFeed(metadata, spec, null);
  }

  public GlobalThreatFeed withStatus(GlobalThreatFeedStatus s) {
    return new GlobalThreatFeed(metadata, spec, s);
  }

  /** The name of the GlobalNetworkSet this feed writes. */
  public String setName() {
    return SET_PREFIX + metadata.name();
  }
}
