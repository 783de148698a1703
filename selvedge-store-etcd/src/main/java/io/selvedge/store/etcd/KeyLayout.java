package io.selvedge.store.etcd;

import io.selvedge.model.Kind;
import io.selvedge.store.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where things live in etcd (see {@code docs/design/etcd-layout.md}):
 * <pre>
 * /selvedge/v1/resources/&lt;plural&gt;/&lt;name&gt;                 a global resource's head
 * /selvedge/v1/resources/&lt;plural&gt;/&lt;namespace&gt;/&lt;name&gt;     a namespaced resource's head
 * /selvedge/v1/chunks/&lt;plural&gt;/[&lt;namespace&gt;/]&lt;name&gt;/&lt;tag&gt;/&lt;index&gt;   chunks of a large document
 * /selvedge/v1/status/nodes/&lt;node&gt;                    an agent's last heartbeat
 * </pre>
 * {@code <plural>} is the kind's lower-case plural ({@code globalnetworksets}). Heads and chunks
 * are separate subtrees so that a watch on {@link #RESOURCES} never carries chunk traffic.
 * Stateless.
 */
final class KeyLayout {
  private KeyLayout() {}

  static final String ROOT = "/selvedge/v1/";
  static final String RESOURCES = ROOT + "resources/";
  static final String CHUNKS = ROOT + "chunks/";
  /** Agents' heartbeats: outside {@link #RESOURCES}, so resource watches never see them. */
  static final String NODE_STATUS = ROOT + "status/nodes/";

  static String nodeStatus(String node) {
    return NODE_STATUS + node;
  }

  static String head(ResourceKey key) {
    return kindPrefix(key.kind()) + key.qualifiedName();
  }

  static String kindPrefix(Kind kind) {
    return RESOURCES + plural(kind) + "/";
  }

  /** Heads of one namespace of a namespaced kind. */
  static String namespacePrefix(Kind kind, String namespace) {
    return kindPrefix(kind) + namespace + "/";
  }

  /** Every chunk of every version of one resource. */
  static String chunks(ResourceKey key) {
    return CHUNKS + plural(key.kind()) + "/" + key.qualifiedName() + "/";
  }

  /** The chunks of one version (tag) of one resource. */
  static String chunkTag(ResourceKey key, String tag) {
    return chunks(key) + tag + "/";
  }

  static String chunk(ResourceKey key, String tag, int index) {
    return chunkTag(key, tag) + String.format("%06d", index);
  }

  /** The resource a head key names; empty for keys outside {@link #RESOURCES}. */
  static Optional<ResourceKey> parseHead(String key) {
    if (!key.startsWith(RESOURCES)) {
      return Optional.empty();
    }
    String rest = key.substring(RESOURCES.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String plural = rest.substring(0, slash);
    String tail = rest.substring(slash + 1);
    for (Kind k : Kind.values()) {
      if (plural(k).equals(plural)) {
        if (!k.namespaced()) {
          return tail.isEmpty() ? Optional.empty() : Optional.of(new ResourceKey(k, null, tail));
        }
        int s = tail.indexOf('/');
        if (s <= 0 || s == tail.length() - 1) {
          return Optional.empty();
        }
        return Optional.of(new ResourceKey(k, tail.substring(0, s), tail.substring(s + 1)));
      }
    }
    return Optional.empty();
  }

  static String plural(Kind kind) {
    return kind.aliases().get(0);
  }

  /** The smallest key after every key starting with {@code prefix} (etcd's range_end). */
  static String prefixEnd(String prefix) {
    byte[] b = prefix.getBytes(StandardCharsets.UTF_8);
    for (int i = b.length - 1; i >= 0; i--) {
      if ((b[i] & 0xff) < 0x7f) {
        b[i]++;
        return new String(b, 0, i + 1, StandardCharsets.UTF_8);
      }
    }
    throw new IllegalArgumentException("no range end for prefix " + prefix);
  }
}
