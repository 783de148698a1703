package io.selvedge.store.etcd;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a batch's writes, in order, into as few etcd transactions as the server's limits allow:
 * at most {@link EtcdSettings#maxTxnOps()} compares and operations per branch, and at most
 * {@link EtcdSettings#txnByteBudget()} bytes of keys and values. A write costs one compare (its
 * head's revision) plus one for a chunked document (its first chunk still exists), one put plus
 * one range delete if it replaces a chunked document, and one read on failure. Stateless.
 */
final class TxnPacker {
  private TxnPacker() {}

  /** Bytes we reserve for a head header (metadata, digests, labels are counted separately). */
  static final int HEADER_BYTES = 512;

  static List<List<PlannedWrite>> pack(List<PlannedWrite> writes, EtcdSettings settings) {
    List<List<PlannedWrite>> groups = new ArrayList<>();
    List<PlannedWrite> group = new ArrayList<>();
    int compares = 0;
    int puts = 0;
    long bytes = 0;
    for (PlannedWrite w : writes) {
      int c = w.chunked(settings) ? 2 : 1;
      int p = w.oldChunkTag() == null ? 1 : 2;
      long b = bytes(w, settings);
      if (!group.isEmpty() && (compares + c > settings.maxTxnOps() || puts + p > settings.maxTxnOps()
          || group.size() + 1 > settings.maxTxnOps() || bytes + b > settings.txnByteBudget())) {
        groups.add(group);
        group = new ArrayList<>();
        compares = 0;
        puts = 0;
        bytes = 0;
      }
      group.add(w);
      compares += c;
      puts += p;
      bytes += b;
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    return groups;
  }

  /** Estimated request bytes of one write: keys, header, labels, a nets delta and an inline document. */
  static long bytes(PlannedWrite w, EtcdSettings settings) {
    long b = 3L * KeyLayout.head(w.key()).length() + HEADER_BYTES;
    for (var e : w.stored().metadata().labels().entrySet()) {
      b += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length()) + 8;
    }
    if (w.chunked(settings)) {
      b += 2L * KeyLayout.chunks(w.key()).length() + 64;
    } else if (w.document() != null) {
      b += w.document().length;
    }
    if (w.netsDelta() != null) {
      b += StoredHead.bytes(w.netsDelta());
    }
    return b;
  }
}
