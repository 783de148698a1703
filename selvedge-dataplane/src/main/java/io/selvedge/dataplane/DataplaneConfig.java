package io.selvedge.dataplane;

import io.selvedge.engine.explain.DataplaneSettings;
import java.util.Objects;

/**
 * What shapes the rendered table besides the desired state: the engine's
 * {@link DataplaneSettings} (Felix's failsafe ports, DefaultEndpointToHostAction, workload
 * interface prefixes, encapsulation drops; the flow evaluator takes the very same object, which is
 * what keeps the two in agreement), plus what only nft needs: the mark bits Selvedge may use, the
 * Log action's prefix, and the IP-set layout's prefix-expansion budget. Immutable.
 *
 * @param settings the settings shared with the flow evaluator
 * @param markMask {@code NftablesMarkMask}: the accept and pass bits are its two lowest set bits
 * @param logPrefix prefix of the Log action's kernel log lines ({@code LogPrefix})
 * @param cpeBudget how much controlled prefix expansion may grow an IP set's element count
 *     (0.25 = 25 %, {@code docs/design/ip-sets.md}); 0 disables it
 * @param gateMinElements IPv4 sets with at least this many elements are looked up through a
 *     gate map when that saves lookups ({@link IpSetLayout.Gate}); {@code Long.MAX_VALUE} never
 * @param flowCacheMask the conntrack-mark bits that remember a tracked flow's allow
 *     ({@link FlowCache}): one run of 8 to 32 contiguous bits, or 0 for no flow cache
 */
public record DataplaneConfig(DataplaneSettings settings, long markMask, String logPrefix, double cpeBudget,
                              long gateMinElements, long flowCacheMask) {

    /** Default {@link #gateMinElements}: below this a set's buckets stay in the CPU caches, so lookups are cheap anyway. */
    public static final long GATE_MIN_ELEMENTS = 65_536;

    /**
     * Default {@link #flowCacheMask}: the upper 24 bits of the conntrack mark (16.7M generations
     * before one comes round again), the low byte left to other users of the mark.
     */
    public static final long FLOW_CACHE_MASK = 0xFFFF_FF00L;

    public DataplaneConfig {
        Objects.requireNonNull(settings, "settings");
        for (String p : settings.workloadInterfacePrefixes()) {
            if (!p.matches("[A-Za-z0-9_.-]{1,14}")) {
                throw new IllegalArgumentException("workload interface prefix \"" + p + "\" is not 1-14 of A-Z a-z 0-9 _ . -");
            }
        }
        if (Long.bitCount(markMask & 0xFFFF_FFFFL) < 3 || (markMask & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("mark mask 0x" + Long.toHexString(markMask) + " needs at least three bits of 32");
        }
        FlowCache.checkMask(flowCacheMask);
        Objects.requireNonNull(logPrefix, "logPrefix");
        if (!(cpeBudget >= 0 && cpeBudget <= 4)) {
            throw new IllegalArgumentException("cpeBudget " + cpeBudget + " is not 0..4");
        }
        if (gateMinElements < 1) {
            throw new IllegalArgumentException("gateMinElements " + gateMinElements + " is not positive");
        }
    }

    /**
     * Felix's defaults (mask {@code 0xffff0000}, prefix {@code selvedge-packet}), CPE budget 50 %,
     * gates from 65,536 elements, the flow cache in conntrack-mark bits {@code 0xffffff00}.
     */
    public static DataplaneConfig defaults() {
        return of(DataplaneSettings.defaults());
    }

    /** {@code settings} with the default mark mask, log prefix and CPE budget. */
    public static DataplaneConfig of(DataplaneSettings settings) {
        return new DataplaneConfig(settings, 0xFFFF_0000L, "selvedge-packet", 0.5, GATE_MIN_ELEMENTS, FLOW_CACHE_MASK);
    }

    public DataplaneConfig withSettings(DataplaneSettings s) {
        return new DataplaneConfig(s, markMask, logPrefix, cpeBudget, gateMinElements, flowCacheMask);
    }

    public DataplaneConfig withCpeBudget(double budget) {
        return new DataplaneConfig(settings, markMask, logPrefix, budget, gateMinElements, flowCacheMask);
    }

    public DataplaneConfig withGateMinElements(long min) {
        return new DataplaneConfig(settings, markMask, logPrefix, cpeBudget, min, flowCacheMask);
    }

    /** {@code mask}: the flow cache's conntrack-mark bits; 0 turns the cache off. */
    public DataplaneConfig withFlowCacheMask(long mask) {
        return new DataplaneConfig(settings, markMask, logPrefix, cpeBudget, gateMinElements, mask);
    }

    /** Whether an interface name is a workload interface. */
    public boolean isWorkloadInterface(String name) {
        return settings.isWorkloadInterface(name);
    }
}
