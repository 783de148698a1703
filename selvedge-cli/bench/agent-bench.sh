#!/bin/sh
# Agent end-to-end benchmark (docs/benchmarks.md, "agent"): in a throw-away network namespace,
#  1. `agent --once` from start to exit 0 with a 1,000,000-CIDR IPv4 + 100,000-CIDR IPv6
#     GlobalNetworkSet (the guide's ip-protect deny-list) programmed;
#  2. a watch-mode agent; the set is re-imported with 1,000 CIDRs changed (500 removed, 500
#     added); time from the datastore commit to the agent's "programmed" log line.
# usage: sudo ./agent-bench.sh WORKDIR   (needs the shaded jar: mvn -q -B -o -pl selvedge-cli -am install -DskipTests)
# env: SELVEDGE_JAR=... another build (e.g. a baseline); CHANGES="b a b" the re-imports of step 2;
#      SKIP_ONCE=1 skips step 1 (the watch-mode agent then loads an empty namespace).
set -eu
here=$(dirname -- "$(readlink -f -- "$0")")
root=$here/../..
work=${1:?usage: agent-bench.sh WORKDIR}
mkdir -p "$work"
ns=sv-ag-bench-$$
db=$work/agent-bench.db
sv="nice $root/selvedge --datastore sqlite:$db"
cleanup() {
  [ -n "${agent:-}" ] && kill "$agent" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

"$here/deny-list-data.sh" "$work"
rm -f "$db" "$db"-*
$sv apply -f "$root/examples/01-allow-egress-external.yaml" -f "$root/examples/03-ip-protect-policies.yaml" -f "$work/endpoints.yaml" >/dev/null
/usr/bin/time -f "import a: %e s wall, %U+%S s CPU" $sv import netset ip-protect --from "$work/a.txt" --label ip-deny-list=true >/dev/null

ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
ts() { date -d "$(echo "$1" | cut -d' ' -f1)" +%s.%N; }
if [ -z "${SKIP_ONCE:-}" ]; then
start=$(date +%s.%N)
/usr/bin/time -f "agent --once (start to exit 0): %e s wall, %U+%S s CPU, %M KB" \
  ip netns exec "$ns" $sv agent --node node1 --once --metrics-addr none 2> "$work/once.log" || { cat "$work/once.log"; exit 1; }
cat "$work/once.log" >&2
echo "agent --once: start -> table programmed (log line): $(echo "$(ts "$(grep 'nft: replaced table' "$work/once.log")") - $start" | bc) s"
ip netns exec "$ns" nft -t list table inet selvedge > /dev/null
fi

rm -f "$work/watch.log"; : > "$work/watch.log"
start=$(date +%s.%N)
ip netns exec "$ns" $sv agent --node node1 --metrics-addr none 2> "$work/watch.log" &
agent=$!
until grep -q "nft: replaced table" "$work/watch.log"; do sleep 0.2; done
grep "nft: replaced table" "$work/watch.log" >&2
how=", replacing the table left by --once"; [ -n "${SKIP_ONCE:-}" ] && how=", empty namespace"
echo "agent (watch mode$how): start -> programmed: $(echo "$(ts "$(grep 'nft: replaced table' "$work/watch.log")") - $start" | bc) s"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
# The commit instant as a reader sees it: polls the datastore's revision every 2 ms. (The db file's
# mtime, the first measure used, moves again when SQLite checkpoints the WAL after the commit.)
revision_now() {
  python3 -c 'import sqlite3,sys; print(sqlite3.connect("file:"+sys.argv[1]+"?mode=ro",uri=True).execute("select value from meta where name=?",("revision",)).fetchone()[0])' "$db"
}
commit_seen() {
  python3 -c '
import sqlite3, sys, time
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, isolation_level=None)
while c.execute("select value from meta where name=?", ("revision",)).fetchone()[0] <= int(sys.argv[2]):
    time.sleep(0.002)
print("%.6f" % time.time())' "$db" "$1"
}
for f in ${CHANGES:-b a b}; do
  lines=$(grep -c "changes (" "$work/watch.log" || true)
  commit_seen "$(revision_now)" > "$work/commit.txt" &
  poller=$!
  /usr/bin/time -f "import $f: %e s wall" $sv import netset ip-protect --from "$work/$f.txt" --label ip-deny-list=true >/dev/null
  wait "$poller"
  commit=$(cat "$work/commit.txt")
  mtime=$(stat -c %.9Y "$db" "$db"-wal 2>/dev/null | sort -n | tail -1)
  until [ "$(grep -c "changes (" "$work/watch.log" || true)" -gt "$lines" ]; do sleep 0.05; done
  line=$(grep "changes (" "$work/watch.log" | tail -1)
  done_at=$(ts "$line")
  echo "change $f: commit (seen by a reader) -> agent programmed: $(echo "$done_at - $commit" | bc) s; (db file mtime ->: $(echo "$done_at - $mtime" | bc) s)"
  echo "$line" | sed 's/^.*: [0-9]* changes/  changes/'
done
