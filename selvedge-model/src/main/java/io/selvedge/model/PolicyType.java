package io.selvedge.model;

/** A direction a policy governs ({@code spec.types}). */
public enum PolicyType {
  Ingress, Egress
}
