#!/usr/bin/env bash
# The per-prefix-length layout loaded through Selvedge's own Java API (IpPrefix.parse, Transaction,
# ExecNft) in a fresh namespace: end-to-end time for the 1M + 100k study data, and 1k deltas.
# usage: setrep-api.sh V4FILE V6FILE   (after mvn test-compile; run as root)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
ns=sv-bench-api-$$
trap 'ip netns del $ns 2>/dev/null || true' EXIT
ip netns add $ns
/usr/bin/time -f "JVM wall %e s, max RSS %M KB" java -Xmx2g -cp "$here/target/classes:$here/target/test-classes" \
  io.selvedge.nft.bench.PerLengthSetLoad $ns "$1" "$2"
