package io.selvedge.nft;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes "add these elements to set S" as nf_tables netlink batches, the bytes nft itself
 * would send for {@code add element}, without nft's per-element parsing (docs/design/ip-sets.md,
 * "Loading big sets").
 *
 * <p>A batch is {@code NFNL_MSG_BATCH_BEGIN}, {@code NFT_MSG_NEWSETELEM} messages and
 * {@code NFNL_MSG_BATCH_END} in one buffer: the kernel applies it as one transaction. A message
 * carries at most {@value #MAX_ELEMENT_BYTES} bytes of elements (the element list is one
 * attribute, whose length field has 16 bits); a batch is cut at {@code batchLimit} bytes (the
 * socket's send buffer). Each element message asks for an acknowledgement, so the caller learns
 * the fate of every one. Header fields are in host order, element keys in network order.
 *
 * <p>Not thread-safe; one per set load.
 */
final class SetElementBatches {

    /** Receives each finished batch: {@code length} bytes of {@code buffer}, element messages numbered {@code firstSeq..lastSeq}. */
    interface Sink {
        void batch(byte[] buffer, int length, int firstSeq, int lastSeq);
    }

    static final int MAX_ELEMENT_BYTES = 60_000;
    /**
     * The buffer's first capacity; it doubles up to the batch limit as elements come. Most of a
     * table's sets are small, and a buffer of the whole send buffer (megabytes) per set load was
     * the agent's biggest allocation at start (278 MB for the 33 sets of the 1M benchmark list).
     */
    static final int INITIAL_CAPACITY = 256 * 1024;
    private static final int NLMSG_HDRLEN = 16;
    private static final int NFGENMSG_LEN = 4;
    private static final short NFNL_MSG_BATCH_BEGIN = 0x10;
    private static final short NFNL_MSG_BATCH_END = 0x11;
    private static final int NFNL_SUBSYS_NFTABLES = 10;
    private static final int NFT_MSG_NEWSETELEM = 12;
    private static final short NLM_F_REQUEST = 0x1;
    private static final short NLM_F_ACK = 0x4;
    private static final short NLM_F_CREATE = 0x400;
    private static final short NLA_F_NESTED = (short) 0x8000;
    private static final short NFTA_SET_ELEM_LIST_TABLE = 1;
    private static final short NFTA_SET_ELEM_LIST_SET = 2;
    private static final short NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    private static final short NFTA_LIST_ELEM = 1;
    private static final short NFTA_SET_ELEM_KEY = 1;
    private static final short NFTA_DATA_VALUE = 1;

    private final byte family;
    private final byte[] table;
    private final byte[] set;
    private final int keyBytes;
    private final int elementBytes;
    /** A message's header and attributes before its elements: the same for every message of the set. */
    private final int messageOverhead;
    private final Sink sink;
    private ByteBuffer buf;
    private final int batchLimit;
    private int seq;
    private int firstSeqOfBatch;
    private int messageStart = -1;
    private int elementsAttrStart;
    private long elements;

    /**
     * @param nfproto the table's family as nf_tables numbers it (inet 1, ip 2, ip6 10)
     * @param keyBytes 4 (IPv4 address) or 16 (IPv6 address)
     * @param batchLimit the largest batch in bytes (at least one full message plus the batch markers)
     * @param firstSeq the sequence number of the first message
     */
    SetElementBatches(int nfproto, String table, String set, int keyBytes, int batchLimit, int firstSeq, Sink sink) {
        if (keyBytes != 4 && keyBytes != 16) {
            throw new IllegalArgumentException("key of " + keyBytes + " bytes: only IPv4 and IPv6 addresses");
        }
        this.family = (byte) nfproto;
        this.table = cString(table);
        this.set = cString(set);
        this.keyBytes = keyBytes;
        this.elementBytes = 12 + keyBytes;   // list element (4) + key (4) + data value (4) + the key
        this.messageOverhead = NLMSG_HDRLEN + NFGENMSG_LEN + attributeSize(this.table.length) + attributeSize(this.set.length) + 4;
        this.sink = sink;
        int minimum = 3 * (NLMSG_HDRLEN + NFGENMSG_LEN) + attributeSize(this.table.length) + attributeSize(this.set.length) + 12 + MAX_ELEMENT_BYTES;
        if (batchLimit < minimum) {
            throw new IllegalArgumentException("batch limit " + batchLimit + " < " + minimum);
        }
        this.batchLimit = batchLimit;
        this.buf = ByteBuffer.allocate(Math.min(batchLimit, Math.max(minimum, INITIAL_CAPACITY))).order(ByteOrder.nativeOrder());
        this.seq = firstSeq;
        beginBatch();
    }

    /** Adds one element: an address as {@link AddressVisitor} gives it. */
    void add(long hi, long lo) {
        int batchEnd = NLMSG_HDRLEN + NFGENMSG_LEN;
        reserve(messageOverhead + elementBytes + batchEnd);
        if (messageStart >= 0 && (buf.position() - elementsAttrStart + elementBytes > MAX_ELEMENT_BYTES
                || buf.position() + elementBytes + batchEnd > batchLimit)) {
            endMessage();
        }
        if (messageStart < 0) {
            if (buf.position() + messageOverhead + elementBytes + batchEnd > batchLimit) {
                endBatch();
                beginBatch();
            }
            beginMessage();
        }
        buf.putShort((short) elementBytes).putShort((short) (NFTA_LIST_ELEM | NLA_F_NESTED));
        buf.putShort((short) (elementBytes - 4)).putShort((short) (NFTA_SET_ELEM_KEY | NLA_F_NESTED));
        buf.putShort((short) (elementBytes - 8)).putShort(NFTA_DATA_VALUE);
        if (keyBytes == 4) {
            putBigEndian((int) lo);
        } else {
            putBigEndian((int) (hi >>> 32));
            putBigEndian((int) hi);
            putBigEndian((int) (lo >>> 32));
            putBigEndian((int) lo);
        }
        elements++;
    }

    /** Sends what is left (nothing if no element was added since the last batch). */
    void finish() {
        endBatch();
    }

    long elements() {
        return elements;
    }

    /** The sequence number the next user of the socket may take. */
    int nextSeq() {
        return seq;
    }

    /**
     * Grows the buffer (doubling, at most to the batch limit) so that {@code bytes} more fit; the
     * offsets kept of the open message stay valid. At the limit the batch is cut instead.
     */
    private void reserve(int bytes) {
        int needed = buf.position() + bytes;
        if (needed <= buf.capacity() || buf.capacity() == batchLimit) {
            return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(batchLimit, Math.max(needed, 2 * buf.capacity())))
                .order(ByteOrder.nativeOrder());
        bigger.put(buf.array(), 0, buf.position());
        buf = bigger;
    }

    private void beginBatch() {
        buf.clear();
        header(NLMSG_HDRLEN + NFGENMSG_LEN, NFNL_MSG_BATCH_BEGIN, NLM_F_REQUEST, seq++);
        nfgenmsg((byte) 0, NFNL_SUBSYS_NFTABLES);
        firstSeqOfBatch = seq;
    }

    private void beginMessage() {
        messageStart = buf.position();
        header(0, (short) (NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_NEWSETELEM), (short) (NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ACK), seq++);
        nfgenmsg(family, 0);
        attribute(NFTA_SET_ELEM_LIST_TABLE, table);
        attribute(NFTA_SET_ELEM_LIST_SET, set);
        elementsAttrStart = buf.position();
        buf.putShort((short) 0).putShort((short) (NFTA_SET_ELEM_LIST_ELEMENTS | NLA_F_NESTED));
    }

    private void endMessage() {
        buf.putShort(elementsAttrStart, (short) (buf.position() - elementsAttrStart));
        buf.putInt(messageStart, buf.position() - messageStart);
        messageStart = -1;
    }

    private void endBatch() {
        if (messageStart >= 0) {
            endMessage();
        }
        int lastSeq = seq - 1;
        if (lastSeq < firstSeqOfBatch) {
            return;   // no element message in this batch
        }
        header(NLMSG_HDRLEN + NFGENMSG_LEN, NFNL_MSG_BATCH_END, NLM_F_REQUEST, seq++);
        nfgenmsg((byte) 0, NFNL_SUBSYS_NFTABLES);
        sink.batch(buf.array(), buf.position(), firstSeqOfBatch, lastSeq);
    }

    private void header(int length, short type, short flags, int sequence) {
        buf.putInt(length).putShort(type).putShort(flags).putInt(sequence).putInt(0);
    }

    private void nfgenmsg(byte nfproto, int resId) {
        buf.put(nfproto).put((byte) 0);   // family, NFNETLINK_V0
        buf.put((byte) (resId >>> 8)).put((byte) resId);   // res_id is big-endian
    }

    private void attribute(short type, byte[] value) {
        buf.putShort((short) (4 + value.length)).putShort(type).put(value);
        for (int i = 4 + value.length; i < attributeSize(value.length); i++) {
            buf.put((byte) 0);
        }
    }

    private void putBigEndian(int v) {
        buf.put((byte) (v >>> 24)).put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
    }

    /** An attribute's size in the buffer: header, value, padding to 4 bytes. */
    private static int attributeSize(int valueLength) {
        return (4 + valueLength + 3) & ~3;
    }

    private static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }
}
