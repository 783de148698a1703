package io.selvedge.validate;

import io.selvedge.model.UserText;
import io.selvedge.net.Cidr;
import io.selvedge.net.IpAddress;
import io.selvedge.net.IpFamily;
import io.selvedge.net.IpFormatException;

/**
 * Checks address-valued fields, each returning the parsed value, or null after recording a
 * violation. The three kinds of field Calico has:
 * <ul>
 *   <li>{@link #strictNet}: Calico's {@code net} tag, a CIDR without host bits (rule nets,
 *       workload {@code ipNetworks});
 *   <li>{@link #anyCidr}: Calico's {@code cidr} tag, a CIDR or address, host bits allowed
 *       (network-set nets, {@code allowSpoofedSourcePrefixes});
 *   <li>{@link #ipAddress}: a single address (host endpoint {@code expectedIPs}, NATs, gateways).
 * </ul>
 */
final class AddressValidator {
  private AddressValidator() {}

  /**
   * A strictly masked CIDR. With {@code requirePrefix}, a bare address is rejected as Calico's
   * rule check does ({@code cnet.ParseCIDR} needs a {@code /}).
   */
  static Cidr strictNet(String text, boolean requirePrefix, ViolationCollector c) {
    Cidr cidr = anyCidr(text, c);
    if (cidr == null) {
      return null;
    }
    if (requirePrefix && !Cidr.hasExplicitPrefix(text)) {
      c.add(UserText.quoted(text) + " has no prefix length (write " + cidr + ")");
      return null;
    }
    if (cidr.hasHostBits()) {
      c.add(UserText.quoted(text) + " has host bits set (use " + cidr.masked() + ")");
      return null;
    }
    return cidr;
  }

  /** A CIDR or a bare address; host bits allowed. */
  static Cidr anyCidr(String text, ViolationCollector c) {
    if (text == null || text.isEmpty()) {
      c.add("is empty (a CIDR such as 10.0.0.0/8 or 2001:db8::/32)");
      return null;
    }
    try {
      return Cidr.parse(text);
    } catch (IpFormatException e) {
      c.add(UserText.quoted(text) + " is not a valid CIDR: " + e.reason());
      return null;
    }
  }

  /** A single IP address, of {@code family} when that is not null. */
  static IpAddress ipAddress(String text, IpFamily family, ViolationCollector c) {
    String want = family == null ? "an IP address" : "an " + family + " address";
    if (text == null || text.isEmpty()) {
      c.add("is empty (" + want + ")");
      return null;
    }
    try {
      IpAddress a = IpAddress.parse(text);
      if (family != null && a.family() != family) {
        c.add(UserText.quoted(text) + " is an " + a.family() + " address (want " + want + ")");
        return null;
      }
      return a;
    } catch (IpFormatException e) {
      c.add(UserText.quoted(text) + " is not " + want + ": " + e.reason());
      return null;
    }
  }
}
