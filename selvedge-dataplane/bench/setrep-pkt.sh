#!/usr/bin/env bash
# Per-packet cost of "source address in list" tests, amplified (method of
# shared/research/nft-measurements.md B.3): the server namespace's input hook evaluates R copies
# of a non-matching test (notrack on), UDP 64 B iperf3 for T seconds. Every measurement is paired
# with a baseline run (no copies) right before it, reps interleaved over the configs:
#   ns per copy = (1/pps_config - 1/pps_base) / R
# usage: setrep-pkt.sh NAME=DIR [NAME=DIR ...]      env: R=100 T=2 REPS=3
#   each DIR comes from render.py and is loaded into its own table inet bench_NAME; the config
#   NAME evaluates DIR/match4.nft (one copy = all its lines). Two more configs use the first DIR's
#   table: "rule" (a rule without set: ip saddr 203.0.113.7) and "hash" (ip saddr @s4_32).
# Namespaces sv-bench-pc-PID (198.51.100.1) and sv-bench-ps-PID (198.51.100.2), deleted on exit.
set -euo pipefail
R=${R:-100}; T=${T:-2}; REPS=${REPS:-3}
pc=sv-bench-pc-$$; ps=sv-bench-ps-$$
cleanup() { ip netns pids $ps 2>/dev/null | xargs -r kill 2>/dev/null || true
            ip netns del $pc 2>/dev/null || true; ip netns del $ps 2>/dev/null || true; }
trap cleanup EXIT
ip netns add $pc; ip netns add $ps
ip -n $pc link add veth0 type veth peer name veth1 netns $ps
ip -n $pc addr add 198.51.100.1/24 dev veth0; ip -n $ps addr add 198.51.100.2/24 dev veth1
ip -n $pc link set veth0 up; ip -n $ps link set veth1 up; ip -n $pc link set lo up; ip -n $ps link set lo up
ip netns exec $ps nft -f - <<NFT
add table inet bench_raw
add chain inet bench_raw pre { type filter hook prerouting priority raw ; policy accept ; }
add chain inet bench_raw out { type filter hook output priority raw ; policy accept ; }
add rule inet bench_raw pre notrack
add rule inet bench_raw out notrack
NFT
declare -A table body
names=()
for arg in "$@"; do
  name=${arg%%=*}; dir=${arg#*=}; names+=("$name")
  sed -E "s/inet bench( |$)/inet bench_$name\1/" "$dir/load.nft" > "/tmp/sv-bench-load-$$.nft"
  /usr/bin/time -f "  loaded $name ($dir) in %e s, nft maxRSS %M KB" ip netns exec $ps nft -f "/tmp/sv-bench-load-$$.nft"
  rm -f "/tmp/sv-bench-load-$$.nft"
  ip netns exec $ps nft -f - <<NFT
add chain inet bench_$name amp
add chain inet bench_$name in { type filter hook input priority filter ; policy accept ; }
add rule inet bench_$name in jump amp
NFT
  table[$name]=bench_$name; body[$name]=$(cat "$dir/match4.nft")
done
table[rule]=${table[${names[0]}]}; body[rule]="ip saddr 203.0.113.7"
table[hash]=${table[${names[0]}]}; body[hash]="ip saddr @s4_32"
configs="rule hash ${names[*]}"
setamp() { # config|base
  { for n in "${names[@]}"; do echo "flush chain inet bench_$n amp"; done
    if [ "$1" != base ]; then
      for ((i = 0; i < R; i++)); do while read -r l; do echo "add rule inet ${table[$1]} amp $l drop"; done <<< "${body[$1]}"; done
    fi; } | ip netns exec $ps nft -f -
}
measure() {
  ip netns exec $ps pkill -x iperf3 2>/dev/null || true
  ip netns exec $ps taskset -c 1 iperf3 -s -D -1 >/dev/null 2>&1; sleep 0.3
  ip netns exec $pc taskset -c 0 iperf3 -c 198.51.100.2 -u -l 64 -b 0 -t "$T" -J 2>/dev/null | python3 -c 'import json,sys
d=json.loads(sys.stdin.read()); s=d["end"]["sum"]
print(round((s["packets"]-s["lost_packets"])/s["seconds"]))' 2>/dev/null || echo 0
}
results=""
for rep in $(seq 1 "$REPS"); do
  for c in $configs; do
    setamp base; b=$(measure)
    setamp "$c"; p=$(measure)
    echo "rep $rep $c: base $b pps, with $R copies $p pps"
    results+="$c $b $p"$'\n'
  done
done
echo
echo "R=$R copies, T=${T}s, $REPS reps, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for c in $configs; do echo "lookups per copy $c: $(printf '%s\n' "${body[$c]}" | wc -l)"; done
python3 - "$R" <<PY
import statistics, sys
R = int(sys.argv[1])
rows = [l.split() for l in """$results""".strip().splitlines()]
print("| config | lookups per copy | base kpps median | kpps with copies median | ns per copy: median (min-max) |")
print("|---|---|---|---|---|")
lk = {$(for c in $configs; do printf '"%s": %s, ' "$c" "$(printf '%s\n' "${body[$c]}" | wc -l)"; done)}
for c in dict.fromkeys(r[0] for r in rows):
    rs = [(int(b), int(p)) for n, b, p in rows if n == c and int(b) > 0 and int(p) > 0]
    ns = [(1 / p - 1 / b) / R * 1e9 for b, p in rs]
    print(f"| {c} | {lk[c]} | {statistics.median(b for b, _ in rs)/1e3:.0f} | {statistics.median(p for _, p in rs)/1e3:.1f} | "
          f"{statistics.median(ns):.0f} ({min(ns):.0f}-{max(ns):.0f}) |")
PY
