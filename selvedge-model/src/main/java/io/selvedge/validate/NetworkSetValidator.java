package io.selvedge.validate;

import io.selvedge.model.UserText;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks NetworkSet and GlobalNetworkSet: every entry of {@code spec.nets} is a CIDR or a bare
 * address (host bits are allowed; {@link NetworkSetNormaliser} clears them), no entry is listed
 * twice (the CRD makes the list a set), and the label {@code projectcalico.org/namespace} is not
 * set (it is reserved for the namespace Selvedge adds).
 *
 * <p>Linear in the number of entries: one hand-written parse per entry and one hash lookup; no
 * regular expressions, no quadratic duplicate search. A million entries validate in well under
 * a second.
 */
final class NetworkSetValidator {
  static final String RESERVED_LABEL = "projectcalico.org/namespace";

  private NetworkSetValidator() {}

  static void validate(ObjectMeta meta, NetworkSetSpec spec, ViolationCollector c) {
    if (meta.labels().containsKey(RESERVED_LABEL)) {
      c.field("metadata").field("labels").key(RESERVED_LABEL).add("label key " + UserText.quoted(RESERVED_LABEL)
          + " is reserved (it is set from the namespace; remove it)");
    }
    List<String> nets = spec.nets();
    ViolationCollector cn = c.field("spec").field("nets");
    Map<String, Integer> firstIndex = new HashMap<>(Math.max(16, nets.size() * 4 / 3 + 1));
    for (int i = 0; i < nets.size(); i++) {
      String text = nets.get(i);
      if (text == null || text.isEmpty()) {
        cn.addAt(i, "is empty (a CIDR such as 10.0.0.0/8, or an address)");
        continue;
      }
      Integer earlier = firstIndex.putIfAbsent(text, i);
      if (earlier != null) {
        cn.addAt(i, UserText.quoted(text) + " is listed more than once (also at index " + earlier + ")");
        continue;
      }
      AddressValidator.anyCidr(text, cn.index(i));
    }
  }
}
