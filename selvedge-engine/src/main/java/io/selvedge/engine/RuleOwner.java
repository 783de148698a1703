package io.selvedge.engine;

/** What a rule belongs to: a policy or a profile. */
public sealed interface RuleOwner permits PolicyId, ProfileId {}
