package io.selvedge.nft.bench;

import io.selvedge.nft.DataType;
import io.selvedge.nft.Elements;
import io.selvedge.nft.ExecNft;
import io.selvedge.nft.Family;
import io.selvedge.nft.IpPrefix;
import io.selvedge.nft.Ipv4Prefix;
import io.selvedge.nft.Ipv6Prefix;
import io.selvedge.nft.NftSet;
import io.selvedge.nft.Table;
import io.selvedge.nft.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Benchmark (not a test): loads V4FILE + V6FILE (one CIDR per line, from bench/gen-cidrs.py) as
 * one fixed-size hash set per prefix length (size = 2 x members) through the Java API (parse, Transaction, ExecNft), then applies
 * a 1,000-member delta (500 deletes + 500 re-adds), and prints wall times.
 * Run as root: {@code java -cp target/classes:target/test-classes io.selvedge.nft.bench.PerLengthSetLoad NETNS V4FILE V6FILE}
 * in an existing namespace (the bench scripts create and delete it).
 */
public final class PerLengthSetLoad {

    private PerLengthSetLoad() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Table table = new Table(Family.INET, "bench_api");
        Map<String, List<IpPrefix>> perLength = new TreeMap<>();
        List<IpPrefix> all = new ArrayList<>();
        for (String file : List.of(args[1], args[2])) {
            for (String line : Files.readAllLines(Path.of(file))) {
                IpPrefix p = IpPrefix.parse(line.strip());
                all.add(p);
                perLength.computeIfAbsent(setName(p), k -> new ArrayList<>()).add(member(p));
            }
        }
        long t1 = System.nanoTime();
        Transaction load = new Transaction().add(table);
        for (Map.Entry<String, List<IpPrefix>> e : perLength.entrySet()) {
            NftSet set = NftSet.of(table, e.getKey(), e.getValue().get(0).dataType())
                    .withSize(Math.max(1024, 2 * e.getValue().size()));
            load.add(set).add(Elements.of(set, e.getValue()));
        }
        ExecNft nft = ExecNft.inNamespace(args[0]);
        long t2 = System.nanoTime();
        nft.run(load);
        long t3 = System.nanoTime();
        System.out.printf("parse+group %d prefixes in %d sets: %.2f s; nft load through ExecNft: %.2f s; total %.2f s%n",
                all.size(), perLength.size(), (t1 - t0) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9);
        Random r = new Random(1);
        for (int rep = 0; rep < 3; rep++) {
            Map<String, List<IpPrefix>> victims = new TreeMap<>();
            for (int i = 0; i < 500; i++) {
                IpPrefix p = all.get(r.nextInt(all.size()));
                victims.computeIfAbsent(setName(p), k -> new ArrayList<>()).add(member(p));
            }
            Transaction del = new Transaction();
            Transaction add = new Transaction();
            for (Map.Entry<String, List<IpPrefix>> e : victims.entrySet()) {
                NftSet set = NftSet.of(table, e.getKey(), e.getValue().get(0).dataType());
                List<IpPrefix> distinct = e.getValue().stream().distinct().toList();
                del.delete(Elements.of(set, distinct));
                add.add(Elements.of(set, distinct));
            }
            long a = System.nanoTime();
            nft.run(del);
            long b = System.nanoTime();
            nft.run(add);
            long c = System.nanoTime();
            System.out.printf("delta rep %d: 500 deletes %.1f ms, 500 adds %.1f ms%n", rep + 1, (b - a) / 1e6, (c - b) / 1e6);
        }
    }

    private static String setName(IpPrefix p) {
        return "s" + p.version() + "_" + p.length();
    }

    /** The per-length set holds the network address as a host value. */
    private static IpPrefix member(IpPrefix p) {
        return p instanceof Ipv4Prefix v4 ? Ipv4Prefix.host(v4.address()) : new Ipv6Prefix(p.firstHi(), p.firstLo(), 128);
    }
}
