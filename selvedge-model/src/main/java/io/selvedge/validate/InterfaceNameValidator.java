package io.selvedge.validate;

import io.selvedge.model.UserText;
import java.util.regex.Pattern;

/**
 * Checks a Linux interface name field: 1-15 characters of {@code [a-zA-Z0-9_.-]} (Calico's
 * rule), or {@code *} for "every interface" where the field allows it. Beyond Calico, {@code .}
 * and {@code ..} are rejected (Linux never names an interface so).
 */
final class InterfaceNameValidator {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,15}");

  private InterfaceNameValidator() {}

  static void check(String name, boolean wildcardAllowed, ViolationCollector c) {
    if ("*".equals(name)) {
      if (!wildcardAllowed) {
        c.add("\"*\" is not allowed here (a workload endpoint has exactly one interface)");
      }
      return;
    }
    if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      c.add(UserText.quoted(name) + " is not a valid interface name (1-15 letters, digits, '_', '.' and '-'"
          + (wildcardAllowed ? ", or \"*\" for all interfaces)" : ")"));
    }
  }
}
