package io.selvedge.codec.k8s;

/**
 * A Kubernetes NetworkPolicy that cannot be converted (Kubernetes itself would have rejected it,
 * or Calico would have silently dropped part of it). Carries the path inside the Kubernetes
 * document, e.g. {@code spec.ingress[0].from[1].ipBlock.cidr}.
 */
public final class K8sConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String path;

  public K8sConversionException(String path, String message) {
    super(message, null, false, false);
    this.path = path;
  }

  public String path() {
    return path;
  }
}
