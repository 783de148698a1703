#!/usr/bin/env bash
# Issue 4 cold start, before/after in the same minutes: runs ColdStartHeap in a fresh JVM for
# each jar in turn, ROUNDS times, niced, and prints one line per run with the load average,
# wall and main-thread CPU, the graph's heap, CPU by input kind and the JVM's threads' CPU.
# Usage: selvedge-bench/coldstart-ab.sh ROUNDS "JVM FLAGS" JAR... [-- LOCAL_ENDPOINTS]
#   e.g. selvedge-bench/coldstart-ab.sh 5 "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" base.jar new.jar
set -euo pipefail
rounds=$1
flags=$2
shift 2
jars=()
local_endpoints=10000
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then local_endpoints=$2; break; fi
  jars+=("$1")
  shift
done
for _ in $(seq 1 "$rounds"); do
  for jar in "${jars[@]}"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    # shellcheck disable=SC2086
    out=$(nice -n 5 java -Xmx1g $flags -cp "$jar" io.selvedge.bench.engine.ColdStartHeap "$local_endpoints" 2>&1)
    wall=$(sed -n 's/^cold start \([0-9]*\) ms wall, \([0-9]*\) ms CPU.*/\1 ms wall, \2 ms CPU/p' <<<"$out")
    heap=$(sed -n 's/.*graph retains \([0-9]*\) MiB); peak while building <= \([0-9]*\) MiB/retains \1 MiB, peak <= \2 MiB/p' <<<"$out")
    kinds=$(sed -n 's/^CPU ms by input kind: //p' <<<"$out")
    jvm=$(sed -n "s/^CPU ms of the JVM's threads during the cold start: //p" <<<"$out")
    echo "$(date +%H:%M:%S) load $load $(basename "$jar"): ${wall:-failed: $(tail -1 <<<"$out")}; $heap | $kinds | $jvm"
  done
done
