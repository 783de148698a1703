package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The netlink batches decoded again: structure as the kernel parses it, every element once, limits kept. */
class SetElementBatchesTest {

    /** One decoded batch: its element messages' sequence numbers and keys. */
    record Batch(int length, int beginSeq, int endSeq, List<Integer> seqs, List<byte[]> keys, int largestElementList) {
    }

    @Test
    void ipv4ElementsSplitIntoMessagesAndBatchesInOrder() {
        SplittableRandom r = new SplittableRandom(7);
        long[] addresses = r.longs(20_000, 0, 1L << 32).toArray();
        List<Batch> batches = encode(4, 100_000, addresses, new long[addresses.length]);

        assertThat(batches).hasSizeGreaterThan(2);
        assertAllInOrder(batches, addresses, 100_000);
    }

    /** A batch limit far above the buffer's first capacity: the buffer grows, batches still fill up to the limit. */
    @Test
    void bufferGrowsUpToTheBatchLimit() {
        SplittableRandom r = new SplittableRandom(11);
        long[] addresses = r.longs(300_000, 0, 1L << 32).toArray();
        int limit = 8 * SetElementBatches.INITIAL_CAPACITY;
        List<Batch> batches = encode(4, limit, addresses, new long[addresses.length]);

        assertThat(batches).hasSizeGreaterThan(2);
        assertThat(batches.get(0).length()).isGreaterThan(limit - SetElementBatches.MAX_ELEMENT_BYTES);
        assertAllInOrder(batches, addresses, limit);
    }

    private static void assertAllInOrder(List<Batch> batches, long[] addresses, int limit) {
        List<byte[]> keys = new ArrayList<>();
        int seq = 1;
        for (Batch b : batches) {
            assertThat(b.length()).isLessThanOrEqualTo(limit);
            assertThat(b.beginSeq()).isEqualTo(seq);
            for (int s : b.seqs()) {
                assertThat(s).isEqualTo(++seq);
            }
            assertThat(b.endSeq()).isEqualTo(++seq);
            seq++;
            assertThat(b.largestElementList()).isLessThanOrEqualTo(SetElementBatches.MAX_ELEMENT_BYTES);
            keys.addAll(b.keys());
        }
        assertThat(keys).hasSize(addresses.length);
        for (int i = 0; i < addresses.length; i++) {
            long a = addresses[i];
            assertThat(keys.get(i)).containsExactly((byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a);
        }
    }

    @Test
    void ipv6KeysInNetworkOrder() {
        long[] hi = {0x20010db800000000L, 0x20010db8ffffffffL};
        long[] lo = {1L, 0x0123456789abcdefL};
        List<Batch> batches = encode(16, SetElementBatches.MAX_ELEMENT_BYTES + 1024, lo, hi);
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).keys().get(1)).containsExactly(0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0xff, 0xff,
                0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef);
    }

    @Test
    void nothingAddedSendsNothing() {
        List<Batch> batches = encode(4, 100_000, new long[0], new long[0]);
        assertThat(batches).isEmpty();
    }

    @Test
    void refusesOtherKeysAndTooSmallBatches() {
        assertThatThrownBy(() -> new SetElementBatches(1, "t", "s", 8, 100_000, 1, (b, l, f, x) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SetElementBatches(1, "t", "s", 4, 1000, 1, (b, l, f, x) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Batch> encode(int keyBytes, int limit, long[] lo, long[] hi) {
        List<Batch> out = new ArrayList<>();
        SetElementBatches b = new SetElementBatches(1, "selvedge", "s-x-4-32", keyBytes, limit, 1,
                (buffer, length, first, last) -> out.add(decode(buffer, length, keyBytes)));
        for (int i = 0; i < lo.length; i++) {
            b.add(hi[i], lo[i]);
        }
        b.finish();
        assertThat(b.elements()).isEqualTo(lo.length);
        return out;
    }

    /** Parses a batch the way nfnetlink does: messages by nlmsg_len, attributes by their lengths. */
    private static Batch decode(byte[] buffer, int length, int keyBytes) {
        ByteBuffer in = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.nativeOrder());
        int off = 0;
        int begin = -1;
        int end = -1;
        List<Integer> seqs = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        int largest = 0;
        while (off < length) {
            int len = in.getInt(off);
            int type = in.getShort(off + 4) & 0xffff;
            int flags = in.getShort(off + 6) & 0xffff;
            int seq = in.getInt(off + 8);
            assertThat(flags & 1).as("NLM_F_REQUEST").isEqualTo(1);
            if (type == 0x10) {
                assertThat(off).isZero();
                begin = seq;
                assertThat(in.get(off + 18)).isZero();
                assertThat(in.get(off + 19)).as("res_id NFNL_SUBSYS_NFTABLES, big-endian").isEqualTo((byte) 10);
            } else if (type == 0x11) {
                assertThat(off + len).isEqualTo(length);
                end = seq;
            } else {
                assertThat(type).isEqualTo(10 << 8 | 12);
                assertThat(flags & 0x404).as("NLM_F_CREATE | NLM_F_ACK").isEqualTo(0x404);
                assertThat(in.get(off + 16)).as("NFPROTO_INET").isEqualTo((byte) 1);
                seqs.add(seq);
                int a = off + 20;
                List<String> names = new ArrayList<>();
                while (a < off + len) {
                    int alen = in.getShort(a) & 0xffff;
                    int atype = in.getShort(a + 2) & 0x7fff;
                    if (atype == 3) {
                        largest = Math.max(largest, alen);
                        for (int e = a + 4; e < a + alen; e += 12 + keyBytes) {
                            assertThat(in.getShort(e) & 0xffff).isEqualTo(12 + keyBytes);
                            assertThat(in.getShort(e + 8) & 0xffff).isEqualTo(4 + keyBytes);
                            byte[] key = new byte[keyBytes];
                            in.get(e + 12, key);
                            keys.add(key);
                        }
                    } else {
                        names.add(new String(buffer, a + 4, alen - 5, java.nio.charset.StandardCharsets.US_ASCII));
                    }
                    a += (alen + 3) & ~3;
                }
                assertThat(a).isEqualTo(off + len);
                assertThat(names).containsExactly("selvedge", "s-x-4-32");
            }
            off += (len + 3) & ~3;
        }
        return new Batch(length, begin, end, seqs, keys, largest);
    }
}
