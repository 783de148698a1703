package io.selvedge.engine.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Which rules of a flattened chain could match a packet, by protocol and destination port, so
 * that {@link FlatChain} tests only those (in order) instead of every rule. A rule is left out
 * only when it cannot match: it names another protocol, or its destination port criterion is
 * numeric ranges only and none covers the port (or the protocol has no ports). For TCP, UDP and
 * SCTP the port space is cut into segments at every range boundary; each segment keeps its sorted
 * candidate positions (adjacent equal segments merged). Build cost is bounded by
 * {@link #BUDGET}; past it a protocol gets one unsegmented list. Immutable and thread-safe;
 * a lookup is one branch-free binary search, allocation-free.
 */
final class CandidateIndex {
  /** Most list entries (segments × rules) one protocol may cost before segmentation is skipped. */
  static final long BUDGET = 1 << 21;
  private static final int[] PORT_PROTOCOLS = {Flow.TCP, Flow.UDP, Flow.SCTP};

  private final int[][] byProtocol = new int[256][];
  private final int[] anyProtocol;
  private final int[][] segmentStarts = new int[256][];
  private final int[][][] segmentLists = new int[256][][];

  CandidateIndex(CompiledRule[] rules) {
    anyProtocol = positions(rules, -1);
    for (CompiledRule r : rules) {
      int p = r.protocol;
      if (p >= 0 && byProtocol[p] == null && !isPortProtocol(p)) {
        byProtocol[p] = positions(rules, p);
      }
    }
    for (int p : PORT_PROTOCOLS) {
      segment(rules, p);
    }
  }

  /** Candidate positions, ascending, for a packet of this protocol and destination port. */
  int[] candidates(int protocol, int dstPort) {
    int[] starts = segmentStarts[protocol];
    if (starts != null) {
      // The last segment starting at or below the port (starts[0] is 0). Branch-free halving:
      // random ports would mispredict the branches of a classic binary search.
      int low = 0;
      int n = starts.length;
      while (n > 1) {
        int half = n >>> 1;
        low = starts[low + half] <= dstPort ? low + half : low;
        n -= half;
      }
      return segmentLists[protocol][low];
    }
    int[] l = byProtocol[protocol];
    return l != null ? l : anyProtocol;
  }

  private static boolean isPortProtocol(int p) {
    return p == Flow.TCP || p == Flow.UDP || p == Flow.SCTP;
  }

  /** Rules of this protocol (or any, -1: any-protocol rules only) that need no port. */
  private static int[] positions(CompiledRule[] rules, int protocol) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      int p = rules[i].protocol;
      if ((p < 0 || p == protocol) && rules[i].destination.numericOnlyPorts() == null) {
        out.add(i);
      }
    }
    return toArray(out);
  }

  private void segment(CompiledRule[] rules, int protocol) {
    List<Integer> relevant = new ArrayList<>();
    TreeSet<Integer> bounds = new TreeSet<>();
    bounds.add(0);
    for (int i = 0; i < rules.length; i++) {
      int p = rules[i].protocol;
      if (p >= 0 && p != protocol) {
        continue;
      }
      relevant.add(i);
      int[] ranges = rules[i].destination.numericOnlyPorts();
      if (ranges != null) {
        for (int k = 0; k < ranges.length; k += 2) {
          bounds.add(ranges[k]);
          if (ranges[k + 1] < 65535) {
            bounds.add(ranges[k + 1] + 1);
          }
        }
      }
    }
    if ((long) bounds.size() * relevant.size() > BUDGET) {
      segmentStarts[protocol] = new int[] {0};
      segmentLists[protocol] = new int[][] {toArray(relevant)};
      return;
    }
    List<Integer> starts = new ArrayList<>();
    List<int[]> lists = new ArrayList<>();
    for (int b : bounds) {
      List<Integer> l = new ArrayList<>();
      for (int i : relevant) {
        int[] ranges = rules[i].destination.numericOnlyPorts();
        if (ranges == null || covers(ranges, b)) {
          l.add(i);
        }
      }
      int[] arr = toArray(l);
      if (!lists.isEmpty() && Arrays.equals(lists.get(lists.size() - 1), arr)) {
        continue;
      }
      starts.add(b);
      lists.add(arr);
    }
    segmentStarts[protocol] = toArray(starts);
    segmentLists[protocol] = lists.toArray(new int[0][]);
  }

  private static boolean covers(int[] ranges, int port) {
    for (int k = 0; k < ranges.length; k += 2) {
      if (port >= ranges[k] && port <= ranges[k + 1]) {
        return true;
      }
    }
    return false;
  }

  private static int[] toArray(List<Integer> l) {
    int[] a = new int[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }
}
