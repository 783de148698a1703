/**
 * Selvedge benchmarks: JMH benchmarks of the calculation engine and the datastores, plain
 * main-class harnesses for what JMH does not measure well (peak heap, write-to-watcher latency),
 * and the fixed-seed generator of the synthetic clusters they run on ({@code .data}).
 *
 * <p>Nothing here runs in the build: {@code mvn package} only shades
 * {@code selvedge-bench/target/benchmarks.jar}, which is run by hand; commands and recorded
 * numbers are in {@code docs/benchmarks.md}. Benchmark methods are named by scale, e.g.
 * {@code coldStart_10k_endpoints_1k_policies_1k_sets_1M_cidrs}, and each benchmark class has a
 * baseline measured in the same run, so that numbers taken on a loaded machine stay comparable.
 */
package io.selvedge.bench;
