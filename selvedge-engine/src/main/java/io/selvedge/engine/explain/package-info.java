/**
 * The flow evaluator: what a node's dataplane does to one packet, and why.
 *
 * <p>{@link io.selvedge.engine.explain.FlowEvaluator} reads the same
 * {@link io.selvedge.engine.DesiredState} the nft renderer consumes and walks Calico's packet path
 * (spec §4.4): raw (untracked policy of host endpoints), mangle prerouting (preDNAT policy), then
 * filter input, forward or output (workload and host endpoint policy, applyOnForward policy,
 * failsafe ports, the defaults of spec §3.8). {@code decide} gives the verdict without allocating;
 * {@code explain} also returns a {@link io.selvedge.engine.explain.NodeTrace}: each stage, tier,
 * policy and matching rule, end-of-tier and profile defaults, failsafe hits and what staged
 * policies would have done.
 *
 * <p>{@link io.selvedge.engine.explain.ClusterExplainer} follows a flow across a cluster: egress
 * where it leaves a known endpoint (on that endpoint's node), ingress where it enters one.
 * {@link io.selvedge.engine.explain.VerdictText} and {@link io.selvedge.engine.explain.VerdictJson}
 * print a {@link io.selvedge.engine.explain.Verdict} for people and machines.
 *
 * <p>Not modelled: DNAT (preDNAT policy sees the flow's destination as given; host traffic that
 * was DNAT'd gets its host endpoint egress policy in mangle postrouting in Calico), conntrack
 * INVALID packets, IPIP/VXLAN/WireGuard tunnel allowances, IPVS, QoS controls, admin-down
 * workloads.
 *
 * <p>Null policy: collections are never null; record components that may be null say so and
 * mean "absent". Evaluators are immutable and thread-safe; traces are immutable values.
 */
package io.selvedge.engine.explain;
