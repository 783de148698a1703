package io.selvedge.nft;

import com.sun.jna.LastErrorException;
import java.util.List;
import java.util.Optional;

/**
 * Adds the elements of a big plain address set straight over netlink
 * ({@link SetElementBatches} through a {@link NetfilterSocket}): the kernel's part of
 * {@code add element} without nft's, which costs more than the kernel's (1M IPv4 addresses:
 * nft 2.3 s wall, of which the kernel ~0.9 s; docs/benchmarks.md "agent: loading big sets").
 *
 * <p>Each batch is one kernel transaction; a load of more than one batch is not atomic, so use it
 * only for sets no rule refers to yet. One socket per load: loads may run in parallel threads.
 */
final class NetlinkElementLoader {

    private static final int NFPROTO_INET = 1;
    private static final int NFPROTO_IPV4 = 2;
    private static final int NFPROTO_IPV6 = 10;

    private final Optional<String> netns;
    private final int maxBatch;

    /** @param netns the network namespace (by {@code ip netns} name) to program; empty: this process's */
    NetlinkElementLoader(Optional<String> netns) {
        this(netns, Integer.MAX_VALUE);
    }

    /** As above, with batches of at most {@code maxBatch} bytes (tests: many batches from few elements). */
    NetlinkElementLoader(Optional<String> netns, int maxBatch) {
        this.netns = netns;
        this.maxBatch = maxBatch;
    }

    /**
     * Adds {@code addresses} to {@code set} (a plain set of {@code ipv4_addr} or {@code ipv6_addr}).
     *
     * @return how many elements were sent
     * @throws NftException if the kernel refused a batch (that batch changed nothing; earlier ones stay)
     * @throws LastErrorException, UnsatisfiedLinkError, NoClassDefFoundError if netlink cannot be used here
     */
    long add(NftSet set, AddressSource addresses) {
        int keyBytes = keyBytes(set);
        try (NetfilterSocket socket = NetfilterSocket.open(netns)) {
            SetElementBatches batches = new SetElementBatches(nfproto(set.table().family()), set.table().name(), set.name(),
                    keyBytes, Math.min(maxBatch, socket.batchLimit()), 1, (buffer, length, first, last) -> {
                        List<NetfilterSocket.Reply> errors = socket.sendBatch(buffer, length, first, last);
                        if (!errors.isEmpty()) {
                            throw refused(set, errors.get(0).errno());
                        }
                    });
            addresses.forEach(batches::add);
            batches.finish();
            return batches.elements();
        }
    }

    private static int keyBytes(NftSet set) {
        if (set.key().equals(List.of(DataType.IPV4_ADDR))) {
            return 4;
        }
        if (set.key().equals(List.of(DataType.IPV6_ADDR))) {
            return 16;
        }
        throw new IllegalArgumentException("set " + set.name() + " is not a set of addresses: " + set.key());
    }

    private static int nfproto(Family f) {
        return switch (f) {
            case INET -> NFPROTO_INET;
            case IP -> NFPROTO_IPV4;
            case IP6 -> NFPROTO_IPV6;
            default -> throw new IllegalArgumentException("address sets in " + f.nftName() + " tables are not loaded over netlink");
        };
    }

    /** The kernel's refusal, classified as nft's would be. */
    static NftException refused(NftSet set, int errno) {
        String what = "set " + set.table().spec() + " " + set.name();
        return switch (errno) {
            case 2 -> new NftException(NftException.Kind.NOT_FOUND, "No such file or directory: " + what, "", List.of());
            case 17 -> new NftException(NftException.Kind.ALREADY_EXISTS, "File exists: element of " + what, "", List.of());
            case 23 -> new NftException(NftException.Kind.OTHER,
                    "Too many open files in system: " + what + " is full (more elements than its size)", "", List.of());
            case 1 -> new NftException(NftException.Kind.OTHER, "Operation not permitted (needs CAP_NET_ADMIN): " + what, "", List.of());
            default -> new NftException(NftException.Kind.OTHER, "the kernel refused elements of " + what + ": errno " + errno, "", List.of());
        };
    }
}
