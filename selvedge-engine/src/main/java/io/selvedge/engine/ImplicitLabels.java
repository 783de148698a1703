package io.selvedge.engine;

import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels an object carries before profile labels are added (spec §3.1): its own labels
 * plus the implicit ones Calico's client and backend add, which win over own labels. The
 * neighbour {@link io.selvedge.engine.index.LabelIndex} then adds the {@code labelsToApply} of
 * the object's profiles ({@link #profiles}), first profile first, never overriding.
 *
 * <ul>
 *   <li>WorkloadEndpoint: own labels minus any starting {@code pcns.}/{@code pcsa.}
 *       (anti-spoofing), plus {@code projectcalico.org/namespace},
 *       {@code projectcalico.org/orchestrator} (when the spec names one) and
 *       {@code projectcalico.org/serviceaccount} (when set); profiles = spec.profiles.
 *   <li>HostEndpoint: own labels; profiles = spec.profiles.
 *   <li>NetworkSet: own labels plus {@code projectcalico.org/namespace}; profile
 *       {@code kns.<namespace>} (so a Profile of that name supplies {@code pcns.*} labels).
 *   <li>GlobalNetworkSet: own labels; no profiles.
 * </ul>
 *
 * Stateless; O(number of labels).
 */
final class ImplicitLabels {
  static final String NAMESPACE = "projectcalico.org/namespace";
  static final String ORCHESTRATOR = "projectcalico.org/orchestrator";
  static final String SERVICE_ACCOUNT = "projectcalico.org/serviceaccount";

  private ImplicitLabels() {}

  static Map<String, String> of(WorkloadEndpoint w) {
    Map<String, String> out = new HashMap<>();
    w.metadata().labels().forEach((k, v) -> {
      if (!k.startsWith("pcns.") && !k.startsWith("pcsa.")) {
        out.put(k, v);
      }
    });
    out.put(NAMESPACE, nz(w.metadata().namespace()));
    String orch = w.spec().orchestrator();
    if (orch != null && !orch.isEmpty()) {
      out.put(ORCHESTRATOR, orch);
    }
    String sa = w.spec().serviceAccountName();
    if (sa != null && !sa.isEmpty()) {
      out.put(SERVICE_ACCOUNT, sa);
    }
    return out;
  }

  static Map<String, String> of(HostEndpoint h) {
    return new HashMap<>(h.metadata().labels());
  }

  static Map<String, String> of(NetworkSet n) {
    Map<String, String> out = new HashMap<>(n.metadata().labels());
    out.put(NAMESPACE, nz(n.metadata().namespace()));
    return out;
  }

  static Map<String, String> of(GlobalNetworkSet n) {
    return new HashMap<>(n.metadata().labels());
  }

  static List<String> profiles(WorkloadEndpoint w) {
    return w.spec().profiles();
  }

  static List<String> profiles(HostEndpoint h) {
    return h.spec().profiles();
  }

  static List<String> profiles(NetworkSet n) {
    List<String> p = new ArrayList<>(1);
    p.add("kns." + nz(n.metadata().namespace()));
    return p;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
