package io.selvedge.codec;

import io.selvedge.model.Action;
import io.selvedge.model.EndpointPort;
import io.selvedge.model.EntityRule;
import io.selvedge.model.GlobalNetworkPolicy;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.HostEndpointSpec;
import io.selvedge.model.HttpMatch;
import io.selvedge.model.IcmpFields;
import io.selvedge.model.NetworkPolicy;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.NetworkSetSpec;
import io.selvedge.model.ObjectMeta;
import io.selvedge.model.PolicySpec;
import io.selvedge.model.PolicyType;
import io.selvedge.model.Port;
import io.selvedge.model.Profile;
import io.selvedge.model.ProfileSpec;
import io.selvedge.model.Protocol;
import io.selvedge.model.Resource;
import io.selvedge.model.Rule;
import io.selvedge.model.RuleMetadata;
import io.selvedge.model.ServiceAccountMatch;
import io.selvedge.model.ServiceMatch;
import io.selvedge.model.StagedAction;
import io.selvedge.model.StagedGlobalNetworkPolicy;
import io.selvedge.model.StagedNetworkPolicy;
import io.selvedge.model.Tier;
import io.selvedge.model.TierSpec;
import io.selvedge.model.WorkloadEndpoint;
import io.selvedge.model.WorkloadEndpointSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random resources of every kind, for round-trip tests. Values are what decoding can produce
 * (no empty strings in scalar fields, no protocol names that read as numbers, no NetworkPolicy
 * fields that only GlobalNetworkPolicy has) but otherwise as hostile as possible: strings that
 * YAML misreads, control characters, quotes, unicode, extreme numbers.
 */
final class RandomResources {
  private static final String[] TRICKY = {"true", "yes", "No", "null", "~", "1.0", "0x10", "017", "1e3", ".inf",
      "*", "&a", "!tag", "- x", "a: b", "x #y", "#c", "'q'", "\"dq\"", "[", "{}", ",", "|", ">", "%", "@", "`",
      "1:20", "2001-12-14", " lead", "trail ", "tab\tin", "line\nbreak", "two\nlines\n", "ctl\u0001", "é ü 中文",
      "emoji \uD83D\uDE00", "<<", "=", "---", "...", "role == 'db'", "a == \"b\"", "x; rm -rf /", "$(id)", "\\",
      "k in {'a', 'b'}", "::/0", "fd00::/8", "10.0.0.0/8", "80:90", "nel\u0085", "\u2028"};
  private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_./:' \"#&*!|>%@`{}[],?~\\\t\né";

  private final Random rnd;

  RandomResources(long seed) {
    this.rnd = new Random(seed);
  }

  Resource next() {
    switch (rnd.nextInt(10)) {
      case 0:
        return new NetworkPolicy(meta(true), policySpec(false, false));
      case 1:
        return new GlobalNetworkPolicy(meta(false), policySpec(true, false));
      case 2:
        return new StagedNetworkPolicy(meta(true), policySpec(false, true));
      case 3:
        return new StagedGlobalNetworkPolicy(meta(false), policySpec(true, true));
      case 4:
        return new NetworkSet(meta(true), new NetworkSetSpec(list(this::string)));
      case 5:
        return new GlobalNetworkSet(meta(false), new NetworkSetSpec(list(this::string)));
      case 6:
        return new HostEndpoint(meta(false), new HostEndpointSpec(opt(this::string), opt(this::string),
            list(this::string), list(this::string),
            list(() -> new EndpointPort(opt(this::string), opt(this::protocol), rnd.nextInt(70000)))));
      case 7:
        return new WorkloadEndpoint(meta(true), wepSpec());
      case 8:
        return new Profile(meta(false), new ProfileSpec(list(this::rule), list(this::rule), map()));
      default:
        return new Tier(meta(false), new TierSpec(opt(this::dbl), opt(this::string)));
    }
  }

  private ObjectMeta meta(boolean namespaced) {
    return new ObjectMeta(opt(this::string), namespaced ? opt(this::string) : null, opt(this::string),
        opt(this::string), opt(rnd::nextLong), opt(this::string), map(), map());
  }

  private PolicySpec policySpec(boolean global, boolean staged) {
    return new PolicySpec(staged ? opt(() -> pick(StagedAction.values())) : null, opt(this::string), opt(this::dbl),
        list(this::rule), list(this::rule), opt(this::string), list(() -> pick(PolicyType.values())),
        global && rnd.nextBoolean(), global && rnd.nextBoolean(), global && rnd.nextBoolean(), opt(this::string),
        global ? opt(this::string) : null, list(this::string));
  }

  private Rule rule() {
    return new Rule(pick(Action.values()), opt(this::integer), opt(this::protocol), opt(this::icmp), opt(this::protocol),
        opt(this::icmp), opt(this::entity), opt(this::entity),
        opt(() -> new HttpMatch(list(this::string), list(() -> new HttpMatch.HttpPath(opt(this::string), opt(this::string))))),
        opt(() -> new RuleMetadata(map())));
  }

  private EntityRule entity() {
    return new EntityRule(list(this::string), opt(this::string), opt(this::string),
        opt(() -> new ServiceMatch(opt(this::string), opt(this::string))), list(this::port), list(this::string),
        opt(this::string), list(this::port), opt(() -> new ServiceAccountMatch(list(this::string), opt(this::string))));
  }

  private WorkloadEndpointSpec wepSpec() {
    return new WorkloadEndpointSpec(opt(this::string), opt(this::string), opt(this::string), opt(this::string),
        opt(this::string), opt(this::string), opt(this::string), list(this::string),
        list(() -> new WorkloadEndpointSpec.IpNat(opt(this::string), opt(this::string))), opt(this::string),
        opt(this::string), list(this::string), opt(this::string), opt(this::string),
        list(() -> new WorkloadEndpointSpec.WorkloadEndpointPort(opt(this::string), opt(this::protocol),
            rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(65536), rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(65536), opt(this::string))),
        list(this::string),
        opt(() -> new WorkloadEndpointSpec.QosControls(opt(rnd::nextLong), opt(rnd::nextLong), null, null, null, null,
            null, null, opt(rnd::nextLong), null, null, null, opt(rnd::nextLong), null,
            opt(() -> rnd.nextBoolean() ? (Object) rnd.nextInt(64) : string()))));
  }

  private IcmpFields icmp() {
    return new IcmpFields(opt(() -> rnd.nextInt(300) - 20), opt(() -> rnd.nextInt(300) - 20));
  }

  private Protocol protocol() {
    switch (rnd.nextInt(3)) {
      case 0:
        return Protocol.number(rnd.nextInt(256));
      case 1:
        return pick(new Protocol[] {Protocol.TCP, Protocol.UDP, Protocol.ICMP, Protocol.ICMPV6, Protocol.SCTP,
            Protocol.named("UDPLite"), Protocol.named("tcp")});
      default:
        String s = string();
        return s.matches("\\d{1,3}") && Integer.parseInt(s) <= 255 ? Protocol.named("x" + s) : Protocol.named(s);
    }
  }

  private Port port() {
    switch (rnd.nextInt(3)) {
      case 0:
        return Port.of(rnd.nextInt(65536));
      case 1: {
        int a = rnd.nextInt(65536);
        int b = rnd.nextInt(65536);
        return Port.range(Math.min(a, b), Math.max(a, b));
      }
      default: {
        StringBuilder b = new StringBuilder("p");
        String chars = "abcXYZ019_.-";
        for (int i = rnd.nextInt(20); i > 0; i--) {
          b.append(chars.charAt(rnd.nextInt(chars.length())));
        }
        return Port.named(b.toString());
      }
    }
  }

  private Integer integer() {
    switch (rnd.nextInt(4)) {
      case 0:
        return rnd.nextBoolean() ? 4 : 6;
      case 1:
        return rnd.nextInt();
      case 2:
        return rnd.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
      default:
        return 0;
    }
  }

  private Double dbl() {
    switch (rnd.nextInt(5)) {
      case 0:
        return (double) rnd.nextInt(2_000_000) - 1_000_000;
      case 1:
        return rnd.nextDouble() * 1000;
      case 2:
        return rnd.nextGaussian() * 1e20;
      case 3:
        return Double.MAX_VALUE * (rnd.nextBoolean() ? 1 : -1);
      default:
        return rnd.nextBoolean() ? Double.MIN_VALUE : 1e-300;
    }
  }

  /** Never empty (decoding makes an empty scalar string absent). */
  String string() {
    if (rnd.nextInt(3) == 0) {
      return pick(TRICKY);
    }
    StringBuilder b = new StringBuilder();
    int len = 1 + rnd.nextInt(12);
    for (int i = 0; i < len; i++) {
      b.append(ALPHA.charAt(rnd.nextInt(ALPHA.length())));
    }
    return b.toString();
  }

  private Map<String, String> map() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      m.put(string(), rnd.nextInt(5) == 0 ? "" : string());
    }
    return m;
  }

  private <T> List<T> list(Supplier<T> element) {
    List<T> out = new ArrayList<>();
    for (int i = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(4); i > 0; i--) {
      out.add(element.get());
    }
    return out;
  }

  private <T> T opt(Supplier<T> value) {
    return rnd.nextInt(3) == 0 ? null : value.get();
  }

  private <T> T pick(T[] values) {
    return values[rnd.nextInt(values.length)];
  }
}
