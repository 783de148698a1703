package io.selvedge.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The stored form of a {@link NodeStatus}, shared by the backends:
 * {@code {"node":…,"heartbeat":"2026-11-26T10:00:00.123Z","revision":42,"healthy":true,"detail":"","version":"…"}}.
 * Stateless.
 */
public final class NodeStatusJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeStatusJson() {}

  public static byte[] toJson(NodeStatus s) {
    ObjectNode o = JSON.createObjectNode()
        .put("node", s.node())
        .put("heartbeat", s.heartbeat().toString())
        .put("revision", s.revision())
        .put("healthy", s.healthy())
        .put("detail", s.detail())
        .put("version", s.version());
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes a stored status.
   *
   * @throws IllegalArgumentException if it is not one (a foreign or damaged value)
   */
  public static NodeStatus fromJson(byte[] json) {
    try {
      JsonNode n = JSON.readTree(json);
      if (n == null || !n.isObject() || !n.path("node").isTextual() || !n.path("heartbeat").isTextual()) {
        throw new IllegalArgumentException("not a node status: " + new String(json, StandardCharsets.UTF_8));
      }
      return new NodeStatus(n.path("node").asText(), Instant.parse(n.path("heartbeat").asText()),
          n.path("revision").asLong(), n.path("healthy").asBoolean(), n.path("detail").asText(""),
          n.path("version").asText(""));
    } catch (IOException | DateTimeParseException e) {
      throw new IllegalArgumentException("not a node status: " + e.getMessage(), e);
    }
  }
}
