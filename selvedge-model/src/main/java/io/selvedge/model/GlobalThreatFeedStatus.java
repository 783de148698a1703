package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Status of a GlobalThreatFeed, as Calico Enterprise has it: when the feed was last pulled and
 * written successfully (RFC 3339), and what went wrong since ({@code errorConditions}, empty
 * after a success). {@code lastSuccessfulSearch} belongs to Calico Enterprise's flow-log
 * search, which Selvedge does not have; it is kept if present, never set.
 */
@JsonPropertyOrder({"lastSuccessfulSync", "lastSuccessfulSearch", "errorConditions"})
public record GlobalThreatFeedStatus(String lastSuccessfulSync, String lastSuccessfulSearch,
    List<ErrorCondition> errorConditions) {

  public GlobalThreatFeedStatus {
    errorConditions = Immutable.list(errorConditions);
  }

  /** One problem: a type such as {@code PullFailed} and a message for people. */
  @JsonPropertyOrder({"type", "message"})
  public record ErrorCondition(String type, String message) {}
}
