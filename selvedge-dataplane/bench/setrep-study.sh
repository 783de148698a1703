#!/usr/bin/env bash
# The whole nft set-representation study of docs/benchmarks.md, in order (about 12 minutes of
# machine time, niced; every step in its own namespaces, deleted afterwards).
# usage: sudo setrep-study.sh [OUTDIR=/tmp/svbench]   (needs python3, iperf3, nft, iproute2)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-/tmp/svbench}
mkdir -p "$out"
run() { echo "+ $*"; nice -n 10 "$@"; }
[ -s "$out/v4.txt" ] || run python3 "$here/gen-cidrs.py" 4 1000500 42 > "$out/v4.txt"
[ -s "$out/v6.txt" ] || run python3 "$here/gen-cidrs.py" 6 100000 43 > "$out/v6.txt"
for m in interval perlen cpe; do
  [ -s "$out/$m/load.nft" ] || run python3 "$here/render.py" $m "$out/v4.txt" "$out/v6.txt" "$out/$m" 1000
done
for m in perlen cpe; do
  [ -s "$out/$m-size/load.nft" ] || SIZED=1 run python3 "$here/render.py" $m "$out/v4.txt" "$out/v6.txt" "$out/$m-size" 1000
done
echo "== load and 1k delta"
for d in perlen perlen-size cpe cpe-size; do echo "-- $d"; run "$here/setrep-load.sh" "$out/$d"; done
echo "-- interval (delta capped at 60 s)"; REPS=1 run "$here/setrep-load.sh" "$out/interval" 60
echo "== cost of interval sets elsewhere in the namespace for a hash-set delta"
for n in 10000 30000 100000; do run "$here/setrep-dumpcheck.sh" "$out/perlen" $n; done
echo "== per packet (amplified x100, paired baselines)"
REPS=${REPS:-5} run "$here/setrep-pkt.sh" perlen="$out/perlen" sized="$out/perlen-size"
REPS=${REPS:-5} run "$here/setrep-pkt.sh" cpe="$out/cpe-size" interval="$out/interval"
