package io.selvedge.model;

/** A rule's action. Names are case-sensitive, as in Calico's CRD enum. */
public enum Action {
  Allow, Deny, Log, Pass
}
