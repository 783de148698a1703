package io.selvedge.nft.bench;

import io.selvedge.nft.DataType;
import io.selvedge.nft.ExecNft;
import io.selvedge.nft.Family;
import io.selvedge.nft.NftSet;
import io.selvedge.nft.Table;
import io.selvedge.nft.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Benchmark (not a test): fills one fixed-size IPv4 hash set with COUNT random addresses through
 * {@code ExecNft.addElements}, alternately over netlink (ExecNft.inNamespace) and through nft (an
 * ExecNft whose command prefix it cannot see through falls back to {@code nft -f -}), ROUNDS times
 * each, a fresh table every time; prints wall times. Run as root in an existing namespace:
 * {@code java -cp selvedge-cli/target/selvedge.jar:selvedge-dataplane/target/test-classes io.selvedge.nft.bench.AddressSetLoad NETNS 1000000 3}
 */
public final class AddressSetLoad {

    private AddressSetLoad() {
    }

    public static void main(String[] args) {
        String netns = args[0];
        int count = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        long[] addresses = new SplittableRandom(1).longs(count, 0, 1L << 32).toArray();
        Table table = new Table(Family.INET, "bench_load");
        NftSet set = NftSet.of(table, "s4", DataType.IPV4_ADDR).withSize(2 * count);
        ExecNft netlink = ExecNft.inNamespace(netns);
        ExecNft nft = ExecNft.start(List.of("ip", "netns", "exec", netns), "nft", Duration.ofMinutes(10));
        for (int r = 1; r <= rounds; r++) {
            for (ExecNft way : List.of(netlink, nft)) {
                way.run(new Transaction().add(table).delete(table).add(table).add(set));
                long t0 = System.nanoTime();
                long n = way.addElements(set, v -> {
                    for (long a : addresses) {
                        v.visit(0, a);
                    }
                });
                long t1 = System.nanoTime();
                System.out.printf("round %d  %-8s %,d addresses: %.2f s%n", r, way.netlinkUnavailable().isPresent() ? "nft" : "netlink",
                        n, (t1 - t0) / 1e9);
            }
        }
        nft.run(new Transaction().add(table).delete(table));
    }
}
