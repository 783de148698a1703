#!/usr/bin/env bash
# Runs the recorded benchmarks of docs/benchmarks.md one after another, niced, each with the
# machine's load before and after, into OUT_DIR (default selvedge-bench/target/results).
# Build first: mvn -B -q package -DskipTests -pl selvedge-bench -am
# Usage: selvedge-bench/run-benchmarks.sh [OUT_DIR] [group...]   groups: engine heap store watch
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-selvedge-bench/target/results}
shift || true
groups=${*:-engine heap store watch}
jar=${JAR:-selvedge-bench/target/benchmarks.jar}  # JAR=...: run a copy while rebuilding
mkdir -p "$out"

run() { # name, command...
  local name=$1
  shift
  { echo "## $name"; echo "\$ $*"; echo "load before: $(uptime)"; } >"$out/$name.txt"
  nice -n 5 "$@" >>"$out/$name.txt" 2>&1
  echo "load after: $(uptime)" >>"$out/$name.txt"
  echo "$out/$name.txt"
}

{ nproc; java -version 2>&1; } >"$out/machine.txt"
for g in $groups; do
  case $g in
    engine)
      run cold-start java -jar $jar -wi 2 -i 5 -f 1 -prof gc ColdStartBenchmark
      run label-change java -jar $jar -wi 2 -i 3 -w 3 -r 5 -f 1 LabelChangeBenchmark
      run cidr-add java -jar $jar -wi 2 -i 3 -w 3 -r 5 -f 1 'CidrAddBenchmark|CidrAddBreakdownBenchmark'
      run evaluator java -jar $jar -wi 2 -i 5 -w 3 -r 5 -f 1 EvaluatorBenchmark
      run evaluator-cpu java -Xmx1g -Xms1g -cp $jar io.selvedge.bench.engine.EvaluatorCpuRate 5
      ;;
    heap)
      run heap-100 java -Xmx1g -cp $jar io.selvedge.bench.engine.ColdStartHeap 100
      run heap-10000 java -Xmx1g -cp $jar io.selvedge.bench.engine.ColdStartHeap 10000
      run heap-100-xmx384m java -Xmx384m -cp $jar io.selvedge.bench.engine.ColdStartHeap 100
      ;;
    store)
      run store-apply java -jar $jar -wi 3 -i 10 -f 1 StoreApplyBenchmark
      run store-large-set java -jar $jar -wi 2 -i 5 -f 1 StoreLargeSetBenchmark
      ;;
    watch)
      run watch-latency java -Xmx256m -cp $jar io.selvedge.bench.store.WatchLatency 500
      ;;
    *) echo "unknown group $g" >&2; exit 2 ;;
  esac
done
