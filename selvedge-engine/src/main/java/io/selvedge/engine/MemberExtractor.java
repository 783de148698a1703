package io.selvedge.engine;

import io.selvedge.engine.index.NamedPort;
import io.selvedge.engine.index.PackedCidrs;
import io.selvedge.model.EndpointPort;
import io.selvedge.model.GlobalNetworkSet;
import io.selvedge.model.HostEndpoint;
import io.selvedge.model.NetworkSet;
import io.selvedge.model.WorkloadEndpoint;
import io.selvedge.model.WorkloadEndpointSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * What an object contributes to the IP sets of the selectors it matches (spec §1.7–1.9, G23,
 * G25): WorkloadEndpoint {@code ipNetworks}, HostEndpoint {@code expectedIPs} as host prefixes
 * (an interface-only host endpoint contributes nothing), NetworkSet/GlobalNetworkSet {@code nets}
 * with host bits cleared and {@code /0} split into two {@code /1}s; and the endpoints' named
 * ports. Unparseable entries are skipped, as Felix does, and reported to {@code problems}.
 * Stateless.
 */
final class MemberExtractor {
  private MemberExtractor() {}

  static List<Cidr> addresses(WorkloadEndpoint w, Consumer<String> problems) {
    return parseAll(w.spec().ipNetworks(), problems, "spec.ipNetworks");
  }

  static List<Cidr> addresses(HostEndpoint h, Consumer<String> problems) {
    List<Cidr> out = new ArrayList<>();
    for (Cidr c : parseAll(h.spec().expectedIPs(), problems, "spec.expectedIPs")) {
      out.add(Cidr.of(c.family(), c.hi(), c.lo(), c.family().bits()));
    }
    return out;
  }

  static PackedCidrs nets(NetworkSet n, Consumer<String> problems) {
    return packNets(n.spec().nets(), problems);
  }

  static PackedCidrs nets(GlobalNetworkSet n, Consumer<String> problems) {
    return packNets(n.spec().nets(), problems);
  }

  /** Lists at least this long are parsed in two halves, one on a second core. */
  static final int PARALLEL_MIN = 1 << 16;

  /**
   * Parses network-set nets straight into packed form (no object per IPv4 entry). A list of a
   * million CIDRs is parsed and sorted in two halves at once, the second by
   * {@link CompletableFuture}'s default executor (the common fork-join pool, or a thread of its
   * own on a two-core machine) — a pure computation over an immutable list; the caller's thread
   * still owns every other structure — and the halves are merged in one linear pass: the block
   * list's ~130 ms on the graph's thread become ~90 ms when the second core is free. Problems
   * are reported in list order either way.
   */
  private static PackedCidrs packNets(List<String> texts, Consumer<String> problems) {
    int n = texts.size();
    if (n < PARALLEL_MIN) {
      return packRange(texts, 0, n, problems);
    }
    int mid = n / 2;
    List<String> laterProblems = new ArrayList<>();
    CompletableFuture<PackedCidrs> later = CompletableFuture.supplyAsync(
        () -> packRange(texts, mid, n, laterProblems::add));
    PackedCidrs first = packRange(texts, 0, mid, problems);
    PackedCidrs second;
    try {
      second = later.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    laterProblems.forEach(problems);
    return first.patched(PackedCidrs.EMPTY, second);
  }

  private static PackedCidrs packRange(List<String> texts, int from, int to, Consumer<String> problems) {
    PackedCidrs.Builder b = new PackedCidrs.Builder(to - from);
    for (int i = from; i < to; i++) {
      try {
        long v4 = Cidr.parseV4Packed(texts.get(i));
        if (v4 < 0) {
          netMembers(texts.get(i), b::add);
        } else if ((v4 & 0xFF) == 0) {
          // A /0 becomes its two /1 halves before going into IP sets (spec G23).
          b.addV4Packed(1);
          b.addV4Packed((0x8000_0000L << 8) | 1);
        } else {
          b.addV4Packed(v4);
        }
      } catch (IllegalArgumentException e) {
        problems.accept("spec.nets[" + i + "]: " + e.getMessage() + " (skipped)");
      }
    }
    return b.build();
  }

  /**
   * The members some network-set nets contribute (as {@link #nets} would), or null if one of
   * them does not parse (its problem would need its index in the whole list).
   */
  static List<Cidr> netMembers(List<String> texts) {
    List<Cidr> out = new ArrayList<>(texts.size());
    try {
      for (String t : texts) {
        netMembers(t, out::add);
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return out;
  }

  private static void netMembers(String text, Consumer<Cidr> out) {
    Cidr c = Cidr.parse(text);
    if (c.length() == 0) {
      // A /0 becomes its two /1 halves before going into IP sets (spec G23).
      out.accept(Cidr.of(c.family(), 0, 0, 1));
      out.accept(Cidr.of(c.family(), Long.MIN_VALUE, 0, 1));
    } else {
      out.accept(c);
    }
  }

  static List<NamedPort> namedPorts(WorkloadEndpoint w) {
    List<NamedPort> out = new ArrayList<>();
    for (WorkloadEndpointSpec.WorkloadEndpointPort p : w.spec().ports()) {
      // Only named ports are exported (spec §1.9); a host-port-only entry has no name.
      if (p.name() != null && !p.name().isEmpty() && p.protocol() != null && p.protocol().resolvedNumber().isPresent()) {
        out.add(new NamedPort(p.name(), p.protocol().resolvedNumber().getAsInt(), p.port()));
      }
    }
    return out;
  }

  static List<NamedPort> namedPorts(HostEndpoint h) {
    List<NamedPort> out = new ArrayList<>();
    for (EndpointPort p : h.spec().ports()) {
      if (p.name() != null && p.protocol() != null && p.protocol().resolvedNumber().isPresent()) {
        out.add(new NamedPort(p.name(), p.protocol().resolvedNumber().getAsInt(), p.port()));
      }
    }
    return out;
  }

  private static List<Cidr> parseAll(List<String> texts, Consumer<String> problems, String field) {
    List<Cidr> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      try {
        out.add(Cidr.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        problems.accept(field + "[" + i + "]: " + e.getMessage() + " (skipped)");
      }
    }
    return out;
  }

}
