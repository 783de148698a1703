#!/bin/sh
# Multi-host propagation benchmark (docs/benchmarks.md, "multi-host propagation"): three host
# namespaces, each with its own `selvedge agent`, on a 3-member etcd cluster in a lan namespace;
# write-to-enforced latency of small GlobalNetworkSet changes on every host (MultiHostPropagationBench).
# usage: sudo selvedge-cli/bench/multihost-bench.sh [CHANGES [PAUSE_MS]]   (from the repository root,
#        after: mvn -q -B -o -pl selvedge-cli -am install -DskipTests; needs etcd, python3 not required)
set -eu
here=$(dirname -- "$(readlink -f -- "$0")")
cli=$here/..
repo=${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
(cd "$cli" && mvn -q -B -o $repo dependency:build-classpath -Dmdep.outputFile="$cp" -Dmdep.includeScope=test >/dev/null)
cd "$cli"   # the tests read ../examples
nice java -XX:TieredStopAtLevel=1 -cp "$cli/target/classes:$cli/target/test-classes:$(cat "$cp")" \
  io.selvedge.dataplane.MultiHostPropagationBench "${1:-200}" "${2:-100}"
