/**
 * Calico-compatible validation of {@code projectcalico.org/v3} resources.
 *
 * <p>Public API: {@link io.selvedge.validate.Validator} (collects every
 * {@link io.selvedge.validate.Violation} of a resource), {@link io.selvedge.validate.PolicyDefaults}
 * (what Calico's client fills in before validating a policy) and
 * {@link io.selvedge.validate.NetworkSetNormaliser} (host bits of network-set CIDRs cleared, and
 * reported). The rules for each kind live in package-private classes, one per concern:
 * metadata, rules, policies, network sets, host and workload endpoints, profiles, tiers.
 *
 * <p>Intended order: decode, {@code PolicyDefaults.apply}, {@code Validator.validate}, then
 * {@code NetworkSetNormaliser.normalise} for a resource that is valid.
 *
 * <p>Null policy: public methods take non-null resources and never return null; within a
 * resource, null fields mean "not set" as in the model records.
 */
package io.selvedge.validate;
