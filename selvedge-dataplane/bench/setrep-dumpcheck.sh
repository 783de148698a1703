#!/usr/bin/env bash
# Does an element update of a *hash* set pay for interval sets elsewhere in the namespace?
# nft 1.0.6 (src/cache.c, NFT_CACHE_SETELEM_MAYBE) fetches the elements of every non-concatenated
# interval set in every table before any add/delete element command, except sets flushed in the
# same batch. This times the 1k delta of DIR (a perlen layout) alone, then with an interval set of
# N elements in another table, then with that set flushed in the same transaction.
# usage: setrep-dumpcheck.sh PERLEN_DIR [N=100000]
set -euo pipefail
dir=$1; n=${2:-100000}
ns=sv-bench-dump-$$
trap 'ip netns del $ns 2>/dev/null || true; rm -f /tmp/sv-bench-dump-$$-*.nft' EXIT
ip netns add $ns
t() { /usr/bin/time -f "%e" ip netns exec $ns nft -f "$1" 2>&1 | tail -1; }
ip netns exec $ns nft -f "$dir/load.nft"
echo "delta alone:                               $(t "$dir/delta.nft") s"
python3 - "$n" > /tmp/sv-bench-dump-$$-other.nft <<'PY'
import sys
n = int(sys.argv[1])
print("add table inet other\nadd set inet other iv { type ipv4_addr ; flags interval ; }\nadd element inet other iv {")
print(",\n".join(f"  10.{(i >> 8) & 255}.{i & 255}.0/28" if i < 65536 else f"  11.{(i >> 8) & 255}.{i & 255}.0/28" for i in range(n)))
print("}")
PY
ip netns exec $ns nft -f /tmp/sv-bench-dump-$$-other.nft
python3 -c "import sys; t=open(sys.argv[1]).read(); print(t.replace('delete element','@@').replace('add element','delete element').replace('@@','add element'))" "$dir/delta.nft" > /tmp/sv-bench-dump-$$-inv.nft
echo "inverse delta, $n-element interval set in another table: $(t /tmp/sv-bench-dump-$$-inv.nft) s"
{ echo "flush set inet other iv"; cat "$dir/delta.nft"; } > /tmp/sv-bench-dump-$$-flush.nft
echo "delta + flush of that interval set:         $(t /tmp/sv-bench-dump-$$-flush.nft) s"
