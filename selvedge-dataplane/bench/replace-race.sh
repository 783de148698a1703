#!/bin/sh
# Does replacing rules let a denied packet through? (docs/design/dataplane.md, "Atomic replacement")
# usage: sudo ./replace-race.sh vmap|rules|deltable [REPLACEMENTS]
#   vmap     : the chain's rules jump through an anonymous `meta nfproto vmap { ipv4 : jump ... }`
#   rules    : the same with `meta nfproto ipv4 jump ...` rules (what Selvedge renders)
#   deltable : `add table; delete table; add table; ...` with plain rules
# A peer namespace sprays UDP from a denied source at a host namespace whose raw prerouting drops
# it, while the host's rules are replaced REPLACEMENTS times; prints how many datagrams got through.
# Needs root, nft, python3; creates and deletes namespaces sv-dp-race-PID-{a,b}.
set -e
MODE=${1:-vmap}; N=${2:-600}
A=sv-dp-race-$$-a; B=sv-dp-race-$$-b; D=$(mktemp -d)
trap 'ip netns del $A 2>/dev/null; ip netns del $B 2>/dev/null; rm -rf $D' EXIT
ip netns add $A; ip netns add $B
ip -n $A link set lo up; ip -n $B link set lo up
ip -n $A link add eth0 type veth peer name eth0 netns $B
ip -n $A link set eth0 up; ip -n $B link set eth0 up
ip -n $A addr add 198.51.100.2/24 dev eth0; ip -n $A addr add 192.0.2.55/32 dev eth0
ip -n $B addr add 198.51.100.1/24 dev eth0; ip -n $B route add 192.0.2.0/24 via 198.51.100.2
python3 - "$MODE" "$D" <<'PY'
import sys
mode, d = sys.argv[1], sys.argv[2]
jump = ("meta nfproto vmap { ipv4 : jump deny4 , ipv6 : jump deny6 }" if mode == "vmap"
        else "meta nfproto ipv4 jump deny4\nadd rule inet t hep meta nfproto ipv6 jump deny6")
pad = "\n".join("add rule inet t hep ip saddr 10.9.%d.%d counter" % (i // 250, i % 250) for i in range(200))
rules = pad + "\nadd rule inet t hep " + jump + "\nadd rule inet t hep counter meta mark set 1\n"
objs = """add chain inet t raw { type filter hook prerouting priority -300 ; policy accept ; }
add chain inet t hep
add chain inet t deny4
add chain inet t deny6
add rule inet t raw counter jump hep
add rule inet t deny4 ip saddr 192.0.2.55 counter drop
"""
open(d + "/init.nft", "w").write("add table inet t\n" + objs + rules)
if mode == "deltable":
    open(d + "/repl.nft", "w").write("add table inet t\ndelete table inet t\nadd table inet t\n" + objs + rules)
else:
    open(d + "/repl.nft", "w").write("flush chain inet t hep\n" + rules)
PY
ip netns exec $B nft -f $D/init.nft
ip netns exec $B python3 -c "
import socket, time
s = socket.socket(); s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('0.0.0.0', 9999)); s.settimeout(0.2)
n, end = 0, time.monotonic() + 600
while time.monotonic() < end:
    try:
        s.recv(100); n += 1
    except socket.timeout:
        try:
            open('$D/stop').close(); break
        except OSError: pass
print(n)" > $D/got &
RECV=$!
ip netns exec $A python3 -c "
import socket, time, os
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('192.0.2.55', 0)); s.setblocking(False); n = 0
while not os.path.exists('$D/stop'):
    try:
        s.sendto(b'x', ('198.51.100.1', 9999)); n += 1
    except OSError: pass
    time.sleep(0.0001)
print(n)" > $D/sent &
SEND=$!
sleep 0.3
i=0; while [ $i -lt $N ]; do ip netns exec $B nft -f $D/repl.nft; i=$((i+1)); done
sleep 0.3; touch $D/stop; wait $SEND; wait $RECV
echo "$MODE: $N replacements, $(cat $D/sent) denied datagrams sent, $(cat $D/got) got through"
