package io.selvedge.engine;

/**
 * How the engine reads a policy whose {@code types} is empty (spec §1.12, G6).
 *
 * <ul>
 *   <li>{@link #FELIX} (default): what Felix does with a policy that reaches it without types —
 *       it governs both directions. Right for a datastore, where the write path (the validator's
 *       defaulting, like Calico's client) has already filled {@code types}.
 *   <li>{@link #CLIENT}: apply Calico's client defaulting first ({@code [Ingress]} without egress
 *       rules, {@code [Egress]} with egress rules only, both with both). Right for resources read
 *       straight from files (offline explain), to match what applying them would store.
 * </ul>
 */
public enum TypesDefaulting {
  FELIX,
  CLIENT
}
