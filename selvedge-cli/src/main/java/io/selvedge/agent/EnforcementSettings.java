package io.selvedge.agent;

import io.selvedge.dataplane.DataplaneConfig;
import io.selvedge.engine.explain.DataplaneSettings;

/**
 * The one source of the Felix settings the agent enforces with: the renderer gets
 * {@link #dataplaneConfig()}, which carries the very {@link DataplaneSettings} object that tests
 * (and {@code explain}) hand to the flow evaluator — so the kernel and the evaluator cannot
 * disagree about failsafe ports, the workload-to-host action, workload interface prefixes or the
 * encapsulation drops. Immutable.
 */
public record EnforcementSettings(DataplaneSettings evaluatorSettings) {

    /** Felix's defaults. */
    public static EnforcementSettings defaults() {
        return new EnforcementSettings(DataplaneSettings.defaults());
    }

    /** The renderer's configuration: these settings, and the default mark mask, log prefix and set layout budget. */
    public DataplaneConfig dataplaneConfig() {
        return DataplaneConfig.of(evaluatorSettings);
    }
}
