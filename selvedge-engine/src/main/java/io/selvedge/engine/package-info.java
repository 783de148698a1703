/**
 * The calculation engine: turns the resources of a cluster into one node's desired state.
 *
 * <p><b>The contract</b> (what the nft renderer and the flow evaluator consume; no selectors, no
 * nft): {@link io.selvedge.engine.DesiredState} = local endpoints
 * ({@link io.selvedge.engine.LocalEndpoint}: per {@link io.selvedge.engine.PolicyClass} an
 * ordered list of {@link io.selvedge.engine.TierPolicies}, then profiles), the active policies
 * ({@link io.selvedge.engine.ResolvedPolicy}) and profiles
 * ({@link io.selvedge.engine.ResolvedProfile}) with their rules in matchable form per direction
 * and IP family ({@link io.selvedge.engine.ResolvedRule}, {@link io.selvedge.engine.EndpointMatch}),
 * and the IP sets those rules reference ({@link io.selvedge.engine.IpSet}, members as
 * overlap-free {@link io.selvedge.engine.DisjointCidrs} or named-port triples). Changes arrive as
 * {@link io.selvedge.engine.DesiredStateUpdate}s in dependency order.
 *
 * <p><b>The producer</b>: {@link io.selvedge.engine.CalculationGraph} (single-threaded,
 * deterministic), wired from the converters and resolvers of this package and the indexes of
 * {@code io.selvedge.engine.index}.
 *
 * <p>Null policy: collections are never null; nullable record components say so in their
 * documentation and mean "absent" (a policy's {@code order}: +infinity; a rule's
 * {@code protocol}: any). Every desired-state type is immutable and thread-safe.
 */
package io.selvedge.engine;
