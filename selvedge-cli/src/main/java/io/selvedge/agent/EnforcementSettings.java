package io.selvedge.agent;

import io.selvedge.dataplane.DataplaneConfig;
import io.selvedge.dataplane.EndpointToHostAction;
import io.selvedge.dataplane.FailsafePort;
import io.selvedge.engine.explain.DataplaneSettings;
import java.util.List;
import java.util.Optional;

/**
 * The one source of the Felix settings that both the renderer ({@link DataplaneConfig}) and the
 * flow evaluator ({@link DataplaneSettings}) need: failsafe ports, the workload-to-host action,
 * workload interface prefixes and the encapsulation drops. The agent builds its renderer from
 * {@link #dataplaneConfig()}; tests and {@code explain} use {@link #evaluatorSettings()} — so the
 * kernel and the evaluator cannot disagree about them. Immutable.
 */
public record EnforcementSettings(DataplaneSettings evaluatorSettings) {

    /** Felix's defaults. */
    public static EnforcementSettings defaults() {
        return new EnforcementSettings(DataplaneSettings.defaults());
    }

    /** The renderer's configuration with the same values (other renderer fields at their defaults). */
    public DataplaneConfig dataplaneConfig() {
        DataplaneConfig d = DataplaneConfig.defaults();
        DataplaneSettings s = evaluatorSettings;
        return new DataplaneConfig(ports(s.failsafeInbound()), ports(s.failsafeOutbound()),
                EndpointToHostAction.valueOf(s.endpointToHostAction().name()), s.workloadInterfacePrefixes(),
                s.allowVxlanFromWorkloads(), s.allowIpipFromWorkloads(), s.vxlanPort(), d.markMask(), d.logPrefix(),
                d.cpeBudget());
    }

    private static List<FailsafePort> ports(List<io.selvedge.engine.explain.FailsafePort> in) {
        return in.stream().map(p -> new FailsafePort(p.protocol(), Optional.ofNullable(p.net()), p.port())).toList();
    }
}
