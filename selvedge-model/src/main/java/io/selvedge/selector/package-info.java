/**
 * Calico's label-selector language ({@code projectcalico.org/v3}): parsing, evaluation,
 * canonical form, unique IDs, label prefixing and label-restriction summaries.
 *
 * <p>Entry point: {@link io.selvedge.selector.Selector#parse(String)}. The parser reproduces
 * Calico's tokenizer and parser exactly (see {@code spec/calico-semantics.md} §2), with one
 * deliberate addition: parentheses may nest at most {@value
 * io.selvedge.selector.Selector#MAX_NESTING} deep, so hostile input gives a
 * {@link io.selvedge.selector.SelectorParseException} instead of a stack overflow.
 *
 * <p>Null policy: no method accepts or returns {@code null}, except where a method's
 * documentation says otherwise — {@link io.selvedge.selector.Labels#get(String)} returns
 * {@code null} for an absent label and {@link
 * io.selvedge.selector.LabelRestriction#mustHaveOneOfValues()} is {@code null} when any value
 * is allowed.
 *
 * <p>Every public type here is immutable and safe to share between threads.
 */
package io.selvedge.selector;
