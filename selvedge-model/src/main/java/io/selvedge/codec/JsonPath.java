package io.selvedge.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The part of JSONPath that feed documents need to point at their addresses: the root
 * {@code $}, child names ({@code .name} or {@code ['name']}), array indexes ({@code [2]}) and
 * wildcards ({@code [*]} or {@code .*}), e.g. {@code $.data[*].ip} or
 * {@code $['blocklist'][*]}. Filters, slices and recursive descent are refused when compiled.
 * Compiled paths are immutable and thread-safe.
 */
public final class JsonPath {
  private sealed interface Step {}

  private record Child(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Wildcard() implements Step {}

  private final List<Step> steps;

  private JsonPath(List<Step> steps) {
    this.steps = steps;
  }

  /**
   * Compiles {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong where
   */
  public static JsonPath compile(String text) {
    if (!text.startsWith("$")) {
      throw new IllegalArgumentException("must start with $ (e.g. $.data[*].ip)");
    }
    List<Step> steps = new ArrayList<>();
    int i = 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '.') {
          throw unsupported("recursive descent (..)", i);
        }
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        String name = text.substring(i + 1, end);
        if (name.isEmpty()) {
          throw new IllegalArgumentException("a name is missing after the '.' at column " + (i + 1));
        }
        steps.add(name.equals("*") ? new Wildcard() : new Child(name));
        i = end;
      } else if (c == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("the '[' at column " + (i + 1) + " is not closed");
        }
        String inside = text.substring(i + 1, close).strip();
        if (inside.equals("*")) {
          steps.add(new Wildcard());
        } else if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
            && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
          steps.add(new Child(inside.substring(1, inside.length() - 1)));
        } else if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit) && inside.length() < 10) {
          steps.add(new Index(Integer.parseInt(inside)));
        } else {
          throw unsupported("[" + inside + "]", i);
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' at column " + (i + 1) + " (use .name, [n] or [*])");
      }
    }
    return new JsonPath(List.copyOf(steps));
  }

  private static IllegalArgumentException unsupported(String what, int at) {
    return new IllegalArgumentException(what + " at column " + (at + 1) + " is not supported (use .name, ['name'], [n] or [*])");
  }

  /** Calls {@code sink} with every node the path selects in {@code root}, in document order. */
  public void select(JsonNode root, Consumer<JsonNode> sink) {
    walk(root, 0, sink);
  }

  private void walk(JsonNode node, int step, Consumer<JsonNode> sink) {
    if (node == null || node.isMissingNode()) {
      return;
    }
    if (step == steps.size()) {
      sink.accept(node);
      return;
    }
    Step s = steps.get(step);
    if (s instanceof Child c) {
      walk(node.isObject() ? node.get(c.name()) : null, step + 1, sink);
    } else if (s instanceof Index x) {
      walk(node.isArray() ? node.get(x.index()) : null, step + 1, sink);
    } else if (node.isArray() || node.isObject()) {
      for (JsonNode child : node) {
        walk(child, step + 1, sink);
      }
    }
  }
}
