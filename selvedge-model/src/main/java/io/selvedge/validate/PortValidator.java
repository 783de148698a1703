package io.selvedge.validate;

import io.selvedge.model.UserText;
import io.selvedge.model.Port;
import java.util.List;

/**
 * Checks port values: numbers and inclusive ranges within 1-65535 with min &lt;= max, and
 * names that are Kubernetes port names (IANA service names: at most 15 lower-case letters,
 * digits and '-', at least one letter, no leading, trailing or double '-').
 */
final class PortValidator {
  static final String PORT_NAME_RULES = "at most 15 lower-case letters, digits and '-', with at least one"
      + " letter and no leading, trailing or double '-'";

  private PortValidator() {}

  /** Checks one rule port. */
  static void check(Port p, ViolationCollector c) {
    if (p == null) {
      c.add("is empty (a port number, a range \"min:max\" or a port name)");
      return;
    }
    if (p.isNamed()) {
      checkName(p.name(), c);
      return;
    }
    if (p.min() < 1 || p.max() < 1 || p.min() > 65535 || p.max() > 65535) {
      c.add(UserText.quoted(p.toString()) + " is not a valid port or port range (ports are 1-65535)");
    } else if (p.min() > p.max()) {
      c.add(UserText.quoted(p.toString()) + " is not a valid port range (min must not exceed max)");
    }
  }

  /** Checks a port name. */
  static void checkName(String name, ViolationCollector c) {
    List<String> problems = KubernetesNames.portNameProblems(name);
    if (!problems.isEmpty()) {
      c.add(UserText.quoted(name) + " is not a valid port name: " + String.join(", ", problems)
          + " (" + PORT_NAME_RULES + ")");
    }
  }

  /** Checks a port number field of an endpoint (1-65535). */
  static void checkNumber(int port, ViolationCollector c) {
    if (port < 1 || port > 65535) {
      c.add(port + " is not a valid port (1-65535)");
    }
  }
}
