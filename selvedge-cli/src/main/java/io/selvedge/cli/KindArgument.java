package io.selvedge.cli;

import io.selvedge.model.UserText;
import io.selvedge.model.Kind;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Resolves a KIND argument the way calicoctl does: any case, singular, plural or short name. */
final class KindArgument {
  private KindArgument() {}

  static Kind parse(String text) {
    return Kind.fromUserName(text).orElseThrow(() -> new UserError(ExitCode.USAGE,
        "unknown resource kind \"" + UserText.escapeControls(text) + "\" (known: "
            + Arrays.stream(Kind.values()).map(k -> k.apiName().toLowerCase(java.util.Locale.ROOT) + (k.aliases().size() > 1 ? " (" + k.aliases().get(1) + ")" : ""))
                .collect(Collectors.joining(", ")) + ")"));
  }

  /** The namespace a command works in: none for global kinds, else -n or "default". */
  static String namespaceFor(Kind kind, String namespaceOption) {
    if (!kind.namespaced()) {
      return null;
    }
    return namespaceOption == null || namespaceOption.isEmpty() ? "default" : namespaceOption;
  }
}
