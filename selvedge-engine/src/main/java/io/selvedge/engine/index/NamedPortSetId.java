package io.selvedge.engine.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * Identity of a named-port IP set: the endpoints matching a selector, their named port
 * {@code portName}, restricted to a protocol (or any of TCP/UDP/SCTP when the rule has none,
 * spec G22). The ID follows Calico's scheme, {@code MakeUniqueID("n", "<selectorID>,<proto>,<name>")}:
 * {@code "n:"} plus the unpadded base64url SHA-224 of {@code "n:" + content}.
 *
 * @param protocol protocol number, or null for any port-bearing protocol
 */
public record NamedPortSetId(String id, String selectorId, Integer protocol, String portName) {
  public NamedPortSetId {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(selectorId, "selectorId");
    Objects.requireNonNull(portName, "portName");
  }

  public static NamedPortSetId of(String selectorId, Integer protocol, String portName) {
    String proto = protocol == null ? "" : protocolName(protocol);
    return new NamedPortSetId(uniqueId("n", selectorId + "," + proto + "," + portName), selectorId, protocol, portName);
  }

  /** Whether an endpoint port of this protocol belongs in the set. */
  public boolean acceptsProtocol(int endpointProtocol) {
    if (protocol == null) {
      return endpointProtocol == 6 || endpointProtocol == 17 || endpointProtocol == 132;
    }
    return protocol == endpointProtocol;
  }

  private static String protocolName(int p) {
    return switch (p) {
      case 6 -> "tcp";
      case 17 -> "udp";
      case 132 -> "sctp";
      default -> Integer.toString(p);
    };
  }

  /** Calico's {@code MakeUniqueID(prefix, content)}. */
  static String uniqueId(String prefix, String content) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-224");
      byte[] h = md.digest((prefix + ":" + content).getBytes(StandardCharsets.UTF_8));
      return prefix + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-224 missing from the JDK", e);
    }
  }
}
