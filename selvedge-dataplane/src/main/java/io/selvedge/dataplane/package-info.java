/**
 * The dataplane: renders a node's desired state (engine types only; no selectors, no datastore)
 * into {@code table inet selvedge} and keeps the kernel in step with it.
 *
 * <p>Public API, for the agent:
 * <ul>
 *   <li>{@link io.selvedge.dataplane.Syncer}: feed it the engine's update stream (or snapshots)
 *       and the host's interfaces, call {@code flush()}: one atomic nft transaction with only what
 *       changed; the first flush (and {@code fullResync()}) replaces the whole table atomically.</li>
 *   <li>{@link io.selvedge.dataplane.Renderer}: desired state to a {@link io.selvedge.dataplane.Ruleset}
 *       (what the table must hold); {@code replaceTable} turns one into a transaction.</li>
 *   <li>{@link io.selvedge.dataplane.DataplaneConfig} (Felix's settings: failsafe ports,
 *       DefaultEndpointToHostAction, workload interface prefixes, marks, ...),
 *       {@link io.selvedge.dataplane.InterfaceInventory} (the host's interfaces, from
 *       {@code ip -j addr}), {@link io.selvedge.dataplane.FlushReport}.</li>
 * </ul>
 *
 * <p>The pieces: {@link io.selvedge.dataplane.DispatchRenderer} (base chains, dispatch maps),
 * {@link io.selvedge.dataplane.EndpointChainRenderer} (an endpoint's chain per policy class and
 * direction), {@link io.selvedge.dataplane.RuleRenderer} (policy and profile rules),
 * {@link io.selvedge.dataplane.FailsafeRenderer}, {@link io.selvedge.dataplane.RpfRenderer},
 * {@link io.selvedge.dataplane.IpSetLayout} (per-length hash sets, {@code docs/design/ip-sets.md}),
 * {@link io.selvedge.dataplane.IpSetMembers} (members and their change log),
 * {@link io.selvedge.dataplane.HostEndpointBinding}, {@link io.selvedge.dataplane.ChainNames},
 * {@link io.selvedge.dataplane.MarkBits}, {@link io.selvedge.dataplane.TransactionPlanner}.
 * Layout and packet path: {@code docs/design/dataplane.md}.
 *
 * <p>Semantics are those of the engine's flow evaluator over the same desired state (spec §3–§4):
 * the two must give the same verdict for every packet.
 *
 * <p><b>Nulls.</b> No public method accepts or returns {@code null}. <b>Threads.</b> Records and
 * the renderers are immutable and thread-safe; {@code Syncer} is for one thread.
 */
package io.selvedge.dataplane;
