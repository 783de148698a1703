package io.selvedge.model;

/** What a staged policy would do when enforced. */
public enum StagedAction {
  Set, Delete, Learn, Ignore
}
