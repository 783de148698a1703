package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Big-set elements written over netlink into a real kernel, in a namespace of the test's own:
 * the kernel holds exactly what was sent (read back with nft), in several batches, and refusals
 * come back classified. Root only (skipped otherwise).
 */
@ExtendWith(NetnsLeftovers.class)
class NetlinkElementLoaderIT {

    static final Table T = new Table(Family.INET, "selvedge");
    static final NftSet V4 = NftSet.of(T, "s-nl-4-32", DataType.IPV4_ADDR).withSize(50_000);
    static final NftSet V6 = NftSet.of(T, "s-nl-6-64", DataType.IPV6_ADDR).withSize(5_000);
    private static final Pattern V4_ADDRESS = Pattern.compile("\\b\\d+\\.\\d+\\.\\d+\\.\\d+\\b");
    private static final Pattern V6_ADDRESS = Pattern.compile("\\b2001:db8:[0-9a-f:]+");

    @Test
    void theKernelHoldsWhatWasSentInManyBatches() {
        try (Netns ns = Netns.create()) {
            ExecNft nft = ExecNft.inNamespace(ns.name);
            nft.run(new Transaction().add(T).add(V4).add(V6));
            SplittableRandom r = new SplittableRandom(11);
            long[] v4 = r.longs(30_000, 0x01000000L, 0xE0000000L).toArray();
            long[] v6 = r.longs(3_000).toArray();

            long sent4 = new NetlinkElementLoader(Optional.of(ns.name), 70_000).add(V4, v -> {
                for (long a : v4) {
                    v.visit(0, a);
                }
            });
            long sent6 = nft.addElements(V6, v -> {
                for (long lo : v6) {
                    v.visit(0x20010db800000000L, lo);
                }
            });

            assertThat(sent4).isEqualTo(v4.length);
            assertThat(sent6).isEqualTo(v6.length);
            assertThat(nft.netlinkUnavailable()).as("ExecNft used netlink").isEmpty();
            Set<String> want4 = new TreeSet<>();
            for (long a : v4) {
                want4.add(Ipv4Prefix.host((int) a).toString());
            }
            Set<String> want6 = new TreeSet<>();
            for (long lo : v6) {
                want6.add(new Ipv6Prefix(0x20010db800000000L, lo, 128).toString());
            }
            assertThat(listed(ns, V4, V4_ADDRESS)).isEqualTo(want4);
            assertThat(listed(ns, V6, V6_ADDRESS)).isEqualTo(want6);
        }
    }

    @Test
    void refusalsAreClassifiedAndTheRefusedBatchChangesNothing() {
        try (Netns ns = Netns.create()) {
            ExecNft nft = ExecNft.inNamespace(ns.name);
            NftSet small = NftSet.of(T, "s-small", DataType.IPV4_ADDR).withSize(100);
            nft.run(new Transaction().add(T).add(small));

            NftException missing = catchThrowableOfType(() -> nft.addElements(NftSet.of(T, "s-none", DataType.IPV4_ADDR),
                    v -> v.visit(0, 0xC0000237L)), NftException.class);
            assertThat(missing.kind()).isEqualTo(NftException.Kind.NOT_FOUND);
            assertThat(missing).hasMessageContaining("s-none");

            NftException full = catchThrowableOfType(() -> nft.addElements(small, v -> {
                for (long a = 0; a < 150; a++) {
                    v.visit(0, 0xC6336400L + a);
                }
            }), NftException.class);
            assertThat(full.kind()).isEqualTo(NftException.Kind.OTHER);
            assertThat(full).hasMessageContaining("full");
            assertThat(listed(ns, small, V4_ADDRESS)).as("one batch, refused whole").isEmpty();
            assertThat(nft.netlinkUnavailable()).isEmpty();
        }
    }

    @Test
    void anUnknownCommandPrefixFallsBackToNft() {
        try (Netns ns = Netns.create()) {
            ExecNft nft = ExecNft.start(List.of("ip", "netns", "exec", ns.name), "nft", java.time.Duration.ofMinutes(1));
            nft.run(new Transaction().add(T).add(V4));
            assertThat(nft.addElements(V4, v -> v.visit(0, 0xC0000237L))).isEqualTo(1);
            assertThat(nft.netlinkUnavailable()).isPresent();
            assertThat(listed(ns, V4, V4_ADDRESS)).containsExactly("192.0.2.55");
        }
    }

    private static Set<String> listed(Netns ns, NftSet set, Pattern address) {
        String out = ns.exec("nft", "list", "set", "inet", "selvedge", set.name());
        String elements = out.contains("elements = {") ? out.substring(out.indexOf("elements = {")) : "";
        Set<String> found = new TreeSet<>();
        Matcher m = address.matcher(elements);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
