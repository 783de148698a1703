#!/usr/bin/env bash
# Load time, nft RSS, kernel memory and 1k-delta time of one set representation.
# usage: [REPS=2] setrep-load.sh DIR [DELTA_TIMEOUT_S]   (DIR from render.py; run as root)
# Everything happens in a fresh network namespace sv-bench-load-PID, deleted on exit.
set -euo pipefail
dir=$1; tmo=${2:-100}
ns=sv-bench-load-$$
trap 'ip netns del $ns 2>/dev/null || true' EXIT
ip netns add $ns
mem() { awk '/^SUnreclaim/{s=$2} /^VmallocUsed/{v=$2} END{print s+v}' /proc/meminfo; }
timed() { # label file
  local t0 t1 out
  out=$( { /usr/bin/time -f '%e %U %S %M' timeout "$tmo" ip netns exec $ns nft -f "$2" ; } 2>&1 | tail -1 ) || { echo "$1: FAILED/TIMEOUT after ${tmo}s ($out)"; return 0; }
  set -- "$1" $out
  printf '%-8s wall %6.3f s  user %6.2f  sys %6.2f  nft maxRSS %7.1f MB\n' "$1" "$2" "$3" "$4" "$(echo "$5/1024" | bc -l)"
}
m0=$(mem)
timed load "$dir/load.nft"
m1=$(mem)
echo "kernel slab+vmalloc delta: $(( (m1 - m0) / 1024 )) MB; sets: $(wc -l < "$dir/sets.txt"); elements: $(awk '{s+=$2} END{print s}' "$dir/sets.txt")"
# the forward delta (500 deletes of loaded members + 500 adds), then its inverse, twice
python3 - "$dir/delta.nft" > "$dir/delta-inv.nft" <<'PY'
import sys
# swap add/delete: the inverse transaction restores the loaded state
txt = open(sys.argv[1]).read()
print(txt.replace("delete element", "@@D").replace("add element", "delete element").replace("@@D", "add element"))
PY
for rep in $(seq 1 "${REPS:-2}"); do
  timed delta$rep "$dir/delta.nft"
  timed inverse$rep "$dir/delta-inv.nft"
done
