package io.selvedge.engine;

import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Profile;
import io.selvedge.model.Resource;
import io.selvedge.model.StagedAction;
import io.selvedge.model.StagedGlobalNetworkPolicy;
import io.selvedge.model.StagedNetworkPolicy;
import io.selvedge.selector.Selector;
import io.selvedge.selector.SelectorParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Converts policy and profile resources into their parsed forms, as Calico's update processors
 * do: effective policy selector ({@link PolicySelectorRewriter}), tier ({@code default} when
 * unset), governed directions ({@link TypesDefaulting}), class flags (a NetworkPolicy gets
 * {@code applyOnForward}, as in Calico, which only matters for host endpoints it cannot select),
 * rules ({@link RuleConverter}; NetworkPolicy rules are namespaced, global and profile rules not).
 * A staged policy with {@code stagedAction: Delete} converts to nothing (spec §1.6). Stateless.
 */
final class PolicyConverter {
  private PolicyConverter() {}

  /** The parsed policy, or null when the resource stands for no policy (staged Delete). */
  static ParsedPolicy convert(Resource r, TypesDefaulting defaulting, Consumer<String> problems)
      throws ConversionException {
    PolicySpec spec;
    boolean global;
    if (r instanceof NetworkPolicy p) {
      spec = p.spec();
      global = false;
    } else if (r instanceof StagedNetworkPolicy p) {
      spec = p.spec();
      global = false;
    } else if (r instanceof GlobalNetworkPolicy p) {
      spec = p.spec();
      global = true;
    } else if (r instanceof StagedGlobalNetworkPolicy p) {
      spec = p.spec();
      global = true;
    } else {
      throw new IllegalArgumentException("not a policy: " + r.kind());
    }
    if (spec.stagedAction() == StagedAction.Delete) {
      return null;
    }
    String ns = global ? "" : nz(r.metadata().namespace());
    PolicyId id = new PolicyId(r.kind(), ns, r.metadata().name());
    String selectorText = global ? PolicySelectorRewriter.global(spec) : PolicySelectorRewriter.namespaced(ns, spec);
    Selector selector;
    try {
      selector = Selector.parse(selectorText);
    } catch (SelectorParseException e) {
      throw new ConversionException("spec.selector: \"" + selectorText + "\" does not parse: " + e.getMessage());
    }
    ParsedRules rules = RuleConverter.convert(spec.ingress(), spec.egress(), ns, problems);
    return new ParsedPolicy(id, spec.tierOrDefault(), spec.order(), types(spec, defaulting),
        global && spec.doNotTrack(), global && spec.preDNAT(), !global || spec.applyOnForward(), selector, rules);
  }

  static ParsedProfile convert(Profile p, Consumer<String> problems) throws ConversionException {
    ParsedRules rules = RuleConverter.convert(p.spec().ingress(), p.spec().egress(), "", problems);
    return new ParsedProfile(new ProfileId(p.metadata().name()), p.spec().labelsToApply(), rules);
  }

  static Set<Direction> types(PolicySpec spec, TypesDefaulting defaulting) {
    Set<Direction> out = EnumSet.noneOf(Direction.class);
    for (PolicyType t : spec.types()) {
      out.add(t == PolicyType.Ingress ? Direction.INGRESS : Direction.EGRESS);
    }
    if (!out.isEmpty()) {
      return out;
    }
    if (defaulting == TypesDefaulting.FELIX) {
      return EnumSet.allOf(Direction.class); // legacy: no types governs both (spec G6)
    }
    // Calico's client (api/pkg/defaults): no egress rules -> Ingress; egress only -> Egress.
    if (spec.egress().isEmpty()) {
      return EnumSet.of(Direction.INGRESS);
    }
    return spec.ingress().isEmpty() ? EnumSet.of(Direction.EGRESS) : EnumSet.allOf(Direction.class);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
