package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The subset of Kubernetes object metadata Calico resources carry. {@code resourceVersion},
 * {@code uid}, {@code creationTimestamp} and {@code generation} are filled in by the datastore.
 */
@JsonPropertyOrder({"name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
    "labels", "annotations"})
public record ObjectMeta(
    String name,
    String namespace,
    String uid,
    String resourceVersion,
    Long generation,
    String creationTimestamp,
    Map<String, String> labels,
    Map<String, String> annotations) {

  public ObjectMeta {
    labels = Immutable.map(labels);
    annotations = Immutable.map(annotations);
  }

  public static ObjectMeta named(String name) {
    return new ObjectMeta(name, null, null, null, null, null, null, null);
  }

  public static ObjectMeta named(String namespace, String name) {
    return new ObjectMeta(name, namespace, null, null, null, null, null, null);
  }

  public ObjectMeta withLabels(Map<String, String> newLabels) {
    return new ObjectMeta(name, namespace, uid, resourceVersion, generation, creationTimestamp, newLabels, annotations);
  }

  public ObjectMeta withNamespace(String ns) {
    return new ObjectMeta(name, ns, uid, resourceVersion, generation, creationTimestamp, labels, annotations);
  }

  /** Metadata with the datastore-owned fields replaced (used by stores on write). */
  public ObjectMeta withStoreFields(String newUid, String newResourceVersion, Long newGeneration, String newCreationTimestamp) {
    return new ObjectMeta(name, namespace, newUid, newResourceVersion, newGeneration, newCreationTimestamp, labels, annotations);
  }
}
