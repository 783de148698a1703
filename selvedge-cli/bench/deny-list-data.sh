#!/bin/sh
# The data the agent benchmarks share (agent-bench.sh, packet-rate.sh), written into WORKDIR once:
#   v4.txt, v6.txt  1,000,500 IPv4 and 100,000 IPv6 non-overlapping CIDRs (gen-cidrs.py, fixed seeds)
#   a.txt           the deny-list: the first 1,000,000 IPv4 lines and the IPv6 ones
#   b.txt           a.txt with 1,000 IPv4 CIDRs changed (500 left out, the 500 spare ones in)
#   endpoints.yaml  host endpoint eth0 of node1, labelled for the guide's ip-protect policies
# usage: deny-list-data.sh WORKDIR
set -eu
here=$(dirname -- "$(readlink -f -- "$0")")
work=${1:?usage: deny-list-data.sh WORKDIR}
mkdir -p "$work"
if [ ! -f "$work/a.txt" ] || [ ! -f "$work/b.txt" ]; then
  python3 "$here/../../selvedge-dataplane/bench/gen-cidrs.py" 4 1000500 42 > "$work/v4.txt"
  python3 "$here/../../selvedge-dataplane/bench/gen-cidrs.py" 6 100000 43 > "$work/v6.txt"
  { head -n 1000000 "$work/v4.txt"; cat "$work/v6.txt"; } > "$work/a.txt"
  { head -n 1000000 "$work/v4.txt" | tail -n +501; tail -n 500 "$work/v4.txt"; cat "$work/v6.txt"; } > "$work/b.txt"
fi
cat > "$work/endpoints.yaml" <<'YAML'
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata: {name: node1-eth0, labels: {apply-ip-protect: 'true'}}
spec: {node: node1, interfaceName: eth0, expectedIPs: [198.51.100.1]}
YAML
