package io.selvedge.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an agent last reported about itself (its heartbeat): which node it enforces, when it
 * reported, the datastore revision its kernel holds, whether its last programming round
 * succeeded, and its version. Kept by the datastore outside the resources and their revision
 * stream (see {@link Datastore#reportNodeStatus}); {@code selvedge get nodes} shows it.
 *
 * @param node the agent's {@code --node} name: 1 to 253 letters, digits, '.', '-' or '_',
 *     starting and ending with a letter or digit (a host name; it becomes part of a key)
 * @param heartbeat when the agent reported, by its own clock (kept to the millisecond)
 * @param revision the datastore revision programmed in the kernel (0 before the first round)
 * @param healthy whether the last programming round succeeded
 * @param detail a short note on the state (why it is unhealthy), or empty
 * @param version the agent's {@code selvedge version}
 */
public record NodeStatus(String node, Instant heartbeat, long revision, boolean healthy, String detail, String version) {

  private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?");
  /** Longest detail kept (a status is a heartbeat, not a log). */
  public static final int MAX_DETAIL = 512;

  public NodeStatus {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(heartbeat, "heartbeat");
    heartbeat = heartbeat.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    detail = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
    version = version == null ? "" : version;
    if (!isValidNodeName(node)) {
      throw new IllegalArgumentException("node name \"" + io.selvedge.model.UserText.escapeControls(node)
          + "\" is not a host name (letters, digits, '.', '-', '_'; at most 253)");
    }
    if (revision < 0) {
      throw new IllegalArgumentException("revision " + revision + " < 0");
    }
  }

  /** Whether {@code name} can be reported as a node name. */
  public static boolean isValidNodeName(String name) {
    return name != null && NODE_NAME.matcher(name).matches();
  }
}
