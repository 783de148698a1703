#!/bin/bash
# Packet rate through a host with the 1M + 100k deny-list (docs/benchmarks.md, "agent: packet rate").
#
# Topology (all in throw-away network namespaces):
#   sender (trafgen, many source addresses) --veth--> host (forwarding; host endpoint eth0 with
#   the guide's ip-protect policies, programmed by `selvedge agent --once`) --veth--> receiver
# Small UDP packets (64-byte frames) are blasted from the sender with trafgen (PF_PACKET, pinned to
# one CPU); the rate is what reaches the receiver's interface per second (its rx_packets), i.e.
# what the host's forwarding path sustains.
# Each point also gives kpps per CPU-second: packets over the CPU time of the sender and of CPU 0's
# ksoftirqd (the forwarding path runs in their context), i.e. the rate of a dedicated core. It is
# steadier than the wall rate when other work shares the cores; compare configurations with it.
# Each configuration gets its own sender/host/receiver namespaces, programmed once at the start
# (`programmed ...: agent --once N s` is printed); the rounds then interleave the configurations
# seconds apart, so a ratio taken per round compares points measured under the same load. Configurations:
#   none      no nft table in the host (conntrack not even registered)
#   ct        an "empty" ruleset with conntrack on: one forward chain with `ct state established accept`
#   small     the agent's table, guide policies as published, with the guide's 2-net ip-protect set
#             (the rules' fixed cost: dispatch, failsafe, marks, notrack; 2 lookups)
#   dnt       the agent's table, guide policies as published (doNotTrack: deny-list in raw prerouting, notrack)
#   tracked   the agent's table, the same policies with doNotTrack: false (conntrack on, filter forward)
#   tracked-nocache  the same, the agent run with --flow-cache-mask 0 (every packet of a one-way flow through policy)
# and two source mixes: `miss` (4,096 random IPv4 sources not covered by the deny-list) and `hit`
# (4,096 sources inside deny-listed prefixes: the host drops them; the rate is then what the host's
# eth0 takes in, and the receiver must see 0).
#
# usage: sudo [CONFIGS="none ct small dnt tracked"] [MIXES="miss hit"] ./packet-rate.sh WORKDIR [ROUNDS] [SECONDS]
#   (a CONFIGS entry nft:FILE loads that ruleset file into the host instead, for experiments;
#    small@JAR, dnt@JAR, tracked@JAR program it with the agent of that selvedge.jar, for A/B of builds)
#   WORKDIR holds the lists of deny-list-data.sh (generated if missing); needs trafgen
#   (Debian: netsniff-ng) and the shaded jar (mvn -q -B -o -pl selvedge-cli -am install -DskipTests).
set -eu
here=$(dirname -- "$(readlink -f -- "$0")")
root=$here/../..
work=${1:?usage: packet-rate.sh WORKDIR [ROUNDS] [SECONDS]}
rounds=${2:-3}
secs=${3:-4}
command -v trafgen >/dev/null || { echo "needs trafgen (apt-get install netsniff-ng)" >&2; exit 2; }
mkdir -p "$work"
p=sv-pr-$$
cleanup() {
  for n in $(ip netns list | awk '{print $1}' | grep "^$p-"); do ip netns del "$n" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

"$here/deny-list-data.sh" "$work"

# --- two datastores: the guide's policies as published (doNotTrack) and with doNotTrack: false
sed 's/doNotTrack: true/doNotTrack: false/' "$root/examples/03-ip-protect-policies.yaml" > "$work/pr-tracked-policies.yaml"
for mode in small dnt tracked; do
  db=$work/pr-$mode.db
  if [ ! -f "$db" ]; then
    pol=$root/examples/03-ip-protect-policies.yaml
    [ $mode = tracked ] && pol=$work/pr-tracked-policies.yaml
    nice "$root/selvedge" --datastore "sqlite:$db" apply -f "$root/examples/01-allow-egress-external.yaml" -f "$pol" \
      -f "$work/endpoints.yaml" -f "$root/examples/02-ip-protect-set.yaml" >/dev/null
    [ $mode = small ] || nice "$root/selvedge" --datastore "sqlite:$db" import netset ip-protect --from "$work/a.txt" \
      --label ip-deny-list=true >/dev/null
  fi
done

# --- source addresses: 4,096 not covered by the deny-list, 4,096 inside deny-listed prefixes
python3 - "$work/v4.txt" "$work" <<'PY'
import ipaddress, random, sys
lines = open(sys.argv[1]).read().split()[:1000000]
by_len = {}
nets = []
for l in lines:
    n = ipaddress.ip_network(l)
    by_len.setdefault(n.prefixlen, set()).add(int(n.network_address) >> (32 - n.prefixlen))
    nets.append(n)
def covered(a):
    return any((a >> (32 - L)) in s for L, s in by_len.items())
r = random.Random(5)
miss = []
while len(miss) < 4096:
    a = r.randrange(0x01000000, 0xE0000000)
    if not covered(a) and not (0x7F000000 <= a < 0x80000000):
        miss.append(a)
hit = []
for n in r.sample(nets, 4096):
    hit.append(int(n.network_address) + r.randrange(n.num_addresses))
def conf(path, srcs):
    with open(path, "w") as f:
        for a in srcs:
            ip = str(ipaddress.ip_address(a))
            f.write("{ eth(da=02:00:00:00:00:01, sa=02:00:00:00:00:02), ipv4(saddr=%s, daddr=203.0.113.2, ttl=64), "
                    "udp(sp=40000, dp=9), fill(0x00, 18) }\n" % ip)
conf(sys.argv[2] + "/pr-miss.cfg", miss)
conf(sys.argv[2] + "/pr-hit.cfg", hit)
PY

# --- topology: one sender/host/receiver triple per configuration, each host programmed once, so
# the rounds interleave the configurations seconds apart (no 10 s reload between points)
rx() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/rx_packets"; }
udp_in() { ip netns exec "$1" nft list chain netdev sink in | sed -n 's/.*counter packets \([0-9]*\).*/\1/p'; }
topology() { # index
  local snd=$p-snd$1 host=$p-host$1 rcv=$p-rcv$1
  for n in $snd $host $rcv; do ip netns add "$n"; ip netns exec "$n" ip link set lo up; done
  ip link add s0 netns $snd type veth peer name eth0 netns $host
  ip link add r0 netns $rcv type veth peer name eth1 netns $host
  ip -n $snd link set s0 address 02:00:00:00:00:02 up
  ip -n $snd addr add 198.51.100.2/24 dev s0
  ip -n $host link set eth0 address 02:00:00:00:00:01 up
  ip -n $host addr add 198.51.100.1/24 dev eth0
  ip -n $host link set eth1 up
  ip -n $host addr add 203.0.113.1/24 dev eth1
  ip -n $rcv link set r0 up
  ip -n $rcv addr add 203.0.113.2/24 dev r0
  ip netns exec $host sysctl -q -w net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
  ip -n $host neigh replace 203.0.113.2 lladdr "$(ip -n $rcv -j link show r0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')" dev eth1
  # the receiver drops everything at ingress (no ICMP back, no socket work); rx_packets counts arrivals,
  # the counter the IPv4 UDP datagrams among them (not the host's own IPv6 neighbour/MLD messages)
  printf 'table netdev sink {\n chain in {\n  type filter hook ingress device r0 priority 0; policy drop;\n  meta protocol ip ip protocol udp counter\n }\n}\n' \
    | ip netns exec $rcv nft -f -
}
# CPU ticks (user + system) of a process and of CPU 0's softirq thread: the sender's veth
# transmit runs the host's whole forwarding path in the sender's own context (or in ksoftirqd/0
# when softirqs back up), so their CPU time per forwarded packet is the path's cost, whatever
# else the shared machine runs meanwhile; its inverse is the rate a dedicated core would reach.
ticks() { # pid...
  local t=0 pid
  for pid in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$t"
}
measure() { # index config mix -> prints kpps (wall) and kpps per CPU-second
  local snd=$p-snd$1 host=$p-host$1 rcv=$p-rcv$1 cfg=$2 mix=$3 ns=$p-rcv$1 dev=r0
  [ "$mix" = hit ] && { ns=$host; dev=eth0; }
  local r0 t0 r1 t1 d0 d1 c0 c1 sender
  ip netns exec $snd taskset -c 0 trafgen -o s0 -i "$work/pr-$mix.cfg" -P 1 --no-sock-mem --notouch-irq --no-cpu-stats >/dev/null 2>&1 &
  local tg=$!
  sleep 1
  sender=$(pgrep -P "$tg" | head -n 1)
  c0=$(ticks $sender $(pgrep -x ksoftirqd/0)); d0=$(udp_in $rcv); r0=$(rx $ns $dev); t0=$(date +%s.%N)
  sleep "$secs"
  r1=$(rx $ns $dev); t1=$(date +%s.%N); d1=$(udp_in $rcv); c1=$(ticks $sender $(pgrep -x ksoftirqd/0))
  # trafgen forks its sender (-P 1); SIGINT to that child stops both
  kill -INT $(pgrep -P "$tg") "$tg" 2>/dev/null; wait "$tg" 2>/dev/null || true
  printf '%-12s %-5s %8.1f kpps %8.1f kpps/CPU-s  (UDP at the receiver meanwhile: %s)  load %s\n' "$cfg" "$mix" \
    "$(echo "($r1 - $r0) / ($t1 - $t0) / 1000" | bc -l)" \
    "$(echo "($r1 - $r0) / (($c1 - $c0) / $(getconf CLK_TCK)) / 1000" | bc -l)" "$((d1 - d0))" "$(cut -d' ' -f1 /proc/loadavg)"
}
set_config() { # index config
  local host=$p-host$1
  case $2 in
    none) ;;
    ct) printf 'table inet bench-ct {\n chain forward-ct {\n  type filter hook forward priority 0;\n  ct state established,related accept\n }\n}\n' \
          | ip netns exec $host nft -f - ;;
    nft:*) ip netns exec $host nft -f "${2#nft:}" ;;   # any ruleset file, for experiments
    small|dnt|tracked|tracked-nocache|small@*|dnt@*|tracked@*|tracked-nocache@*)   # MODE@JAR: the agent of that selvedge.jar (A/B of builds)
      local mode=${2%%@*} jar= t0 args=
      [ "$mode" = "$2" ] || jar=${2#*@}
      [ "$mode" = tracked-nocache ] && { mode=tracked; args="--flow-cache-mask 0"; }
      t0=$(date +%s.%N)
      ip netns exec $host env ${jar:+SELVEDGE_JAR=$jar} nice "$root/selvedge" --datastore "sqlite:$work/pr-$mode.db" \
        agent --node node1 --once --metrics-addr none $args 2> "$work/pr-agent.log" || { cat "$work/pr-agent.log" >&2; exit 1; }
      printf 'programmed %s: agent --once %.1f s, load %s\n' "$2" "$(echo "$(date +%s.%N) - $t0" | bc -l)" \
        "$(cut -d' ' -f1 /proc/loadavg)" ;;
  esac
}

configs=(${CONFIGS:-none ct small dnt tracked})
echo "packet-rate: $rounds rounds x ${secs}s per point; trafgen 64-byte UDP frames pinned to CPU 0; load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!configs[@]}"; do
  topology "$i"
  set_config "$i" "${configs[$i]}"
done
for round in $(seq 1 "$rounds"); do
  for i in "${!configs[@]}"; do
    cfg=${configs[$i]}
    for mix in ${MIXES:-miss hit}; do
      case $mix:$cfg in hit:dnt|hit:dnt@*|hit:tracked*) ;; hit:*) continue ;; esac
      echo -n "round $round  "; measure "$i" "$cfg" "$mix"
    done
  done
done
