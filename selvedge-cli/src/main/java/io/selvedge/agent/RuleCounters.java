package io.selvedge.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's per-rule counters of {@code table inet selvedge}, for {@code /metrics}: read with
 * one {@code nft -t list table inet selvedge} (terse: no set elements, so a million-element set
 * costs nothing here) and summed by rule comment ({@code TIER/OWNER DIRECTION[INDEX]}, which the
 * renderer puts on every rule) into {@code selvedge_rule_packets_total} and
 * {@code selvedge_rule_bytes_total} with labels {@code policy} (the {@code TIER/OWNER} part) and
 * {@code rule} (the whole comment). Rules that belong to no policy rule (failsafe, dispatch,
 * marks) have {@code policy=""}; rules without a comment are summed under {@code rule=""}.
 *
 * <p>Cost: nft 1.0.6 fetches every set element to list rules, even with {@code -t} (12 s and
 * 600 MB of nft memory with 1.35M elements). So the counters are read only while the table holds
 * at most {@link #MAX_ELEMENTS} set elements, at most once per {@link #CACHE_MS} ms (scrapes in
 * between get the cached text); above that {@code selvedge_rule_counters_available} is 0.
 */
public class RuleCounters {

    static final long MAX_ELEMENTS = 100_000;
    static final long CACHE_MS = 10_000;

    private final AgentMetrics metrics;
    private String cached = "";
    private long cachedAt;

    public RuleCounters(AgentMetrics metrics) {
        this.metrics = metrics;
    }

    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+) bytes (\\d+)");
    private static final Pattern POLICY_RULE = Pattern.compile("^(\\S+/\\S+) (?:ingress|egress)\\[\\d+\\]");
    private static final Pattern COMMENT = Pattern.compile("comment \"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The counters as Prometheus text; without them when the table is too big or cannot be read. */
    public synchronized String render() {
        if (metrics.elements() > MAX_ELEMENTS) {
            return available(0);
        }
        long now = System.currentTimeMillis();
        if (cached.isEmpty() || now - cachedAt >= CACHE_MS) {
            try {
                cached = format(list());
                cachedAt = now;
            } catch (IOException e) {
                return available(0);
            }
        }
        return available(1) + cached;
    }

    private static String available(int value) {
        return "# HELP selvedge_rule_counters_available 1 when per-rule counters are exported (table small enough to list)\n"
                + "# TYPE selvedge_rule_counters_available gauge\nselvedge_rule_counters_available " + value + "\n";
    }

    /** Sums the counters of an nft listing by rule comment (visible for tests). */
    static String format(String listing) {
        Map<String, long[]> sums = new TreeMap<>();
        for (String line : listing.split("\n")) {
            Matcher c = COUNTER.matcher(line);
            if (!c.find()) {
                continue;
            }
            Matcher m = COMMENT.matcher(line);
            String comment = m.find() ? m.group(1).replace("\\\"", "\"") : "";
            long[] s = sums.computeIfAbsent(comment, k -> new long[2]);
            s[0] += Long.parseLong(c.group(1));
            s[1] += Long.parseLong(c.group(2));
        }
        StringBuilder b = new StringBuilder();
        b.append("# HELP selvedge_rule_packets_total packets counted by the kernel per rule of table inet selvedge\n");
        b.append("# TYPE selvedge_rule_packets_total counter\n");
        sums.forEach((k, v) -> b.append("selvedge_rule_packets_total").append(labels(k)).append(' ').append(v[0]).append('\n'));
        b.append("# HELP selvedge_rule_bytes_total bytes counted by the kernel per rule of table inet selvedge\n");
        b.append("# TYPE selvedge_rule_bytes_total counter\n");
        sums.forEach((k, v) -> b.append("selvedge_rule_bytes_total").append(labels(k)).append(' ').append(v[1]).append('\n'));
        return b.toString();
    }

    private static String labels(String comment) {
        Matcher m = POLICY_RULE.matcher(comment);
        String policy = m.find() ? m.group(1) : "";
        return "{policy=\"" + escape(policy) + "\",rule=\"" + escape(comment) + "\"}";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String list() throws IOException {
        Process p = new ProcessBuilder(List.of("nft", "-t", "list", "table", "inet", "selvedge"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("nft list failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
