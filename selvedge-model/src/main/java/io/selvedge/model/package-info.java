/**
 * Resource records of {@code projectcalico.org/v3} as Selvedge stores and enforces them.
 *
 * <p>Null policy: collections are never null (absent lists and maps become empty ones in the
 * compact constructors); scalar fields that Calico declares optional are nullable and absence
 * means something (an unset {@code order} is +infinity, an unset {@code protocol} is "any").
 * Records check only structural invariants; user input is checked by
 * {@code io.selvedge.validate.Validator}, which reports every violation with its field path.
 */
package io.selvedge.model;
