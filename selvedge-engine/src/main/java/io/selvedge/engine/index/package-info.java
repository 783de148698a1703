/**
 * Incremental indexes behind the calculation graph: {@link io.selvedge.engine.index.LabelIndex}
 * (selector × labelled item matches, with profile label inheritance),
 * {@link io.selvedge.engine.index.CidrTrie} (reference-counted, overlap-free IP-set members),
 * {@link io.selvedge.engine.index.IpSetIndex} (the members of every active IP set) and
 * {@link io.selvedge.engine.index.PolicySorter} (Calico's tier and policy order). Each class states
 * its complexity. None is thread-safe: they belong to the single-threaded graph.
 */
package io.selvedge.engine.index;
