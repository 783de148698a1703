package io.selvedge.agent;

import io.selvedge.dataplane.DataplaneConfig;
import io.selvedge.engine.explain.DataplaneSettings;

/**
 * The one source of the Felix settings the agent enforces with: the renderer gets
 * {@link #dataplaneConfig()}, which carries the very {@link DataplaneSettings} object that tests
 * (and {@code explain}) hand to the flow evaluator — so the kernel and the evaluator cannot
 * disagree about failsafe ports, the workload-to-host action, workload interface prefixes or the
 * encapsulation drops. Plus what only the kernel's side has: the flow cache's conntrack-mark bits
 * ({@code --flow-cache-mask}; it changes no verdict). Immutable.
 *
 * @param flowCacheMask see {@link DataplaneConfig#flowCacheMask()}; 0 turns the flow cache off
 */
public record EnforcementSettings(DataplaneSettings evaluatorSettings, long flowCacheMask) {

    /** {@code evaluatorSettings} with the default flow cache mask. */
    public EnforcementSettings(DataplaneSettings evaluatorSettings) {
        this(evaluatorSettings, DataplaneConfig.FLOW_CACHE_MASK);
    }

    /** Felix's defaults. */
    public static EnforcementSettings defaults() {
        return new EnforcementSettings(DataplaneSettings.defaults());
    }

    /** The same with another flow cache mask. */
    public EnforcementSettings withFlowCacheMask(long mask) {
        return new EnforcementSettings(evaluatorSettings, mask);
    }

    /**
     * The renderer's configuration: these settings, and the default mark mask, log prefix and set layout budget.
     *
     * @throws IllegalArgumentException if the flow cache mask is not 0 or one run of 8 to 32 bits
     */
    public DataplaneConfig dataplaneConfig() {
        return DataplaneConfig.of(evaluatorSettings).withFlowCacheMask(flowCacheMask);
    }
}
