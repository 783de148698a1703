#!/usr/bin/env python3
"""Hand-written host rulesets that look the 1M IPv4 deny-list up in different ways, to measure
what one packet pays for each way with packet-rate.sh (docs/benchmarks.md, "packet rate, third
pass"). Each file is one table with a raw-prerouting chain that tests the packet's source against
the list and then marks it untracked; nothing else, so differences between files are the lookups.

usage: lookup-variants.py V4_LIST OUTDIR
  V4_LIST  the packet-rate work dir's v4.txt (its first 1,000,000 lines are the list)
then:  CONFIGS="none nft:OUTDIR/F.nft nft:OUTDIR/A.nft ..." MIXES=miss packet-rate.sh WORKDIR 5 3

  F   the chain alone (an interface test and notrack): no lookup
  H   one lookup in a 1,000-element set (cache-hot)
  G   one lookup in the 925,929-element /24 set (cold: random sources)
  A   the agent's layout: one hash set per stored length /32 /29 /27 /24 /22 (5 lookups)
  D   /22 folded into /24, and one /24 "gate" set of the /24s holding longer members before the
      long lengths, in one jump: a source outside the gate pays 2 lookups
  V   one /24-keyed verdict map (covered /24 -> drop, /24 holding longer members -> jump to the
      long lengths): 1 lookup for a source outside the list
  Vm  V shared between rules: the map's verdicts set a scratch mark bit that the rule then tests
"""
import ipaddress
import sys

LONG = [32, 29, 27]          # stored lengths above /24 (the agent's plan for this list)
SCRATCH = 0x40000


def load(path):
    nets = []
    with open(path) as f:
        for i, line in enumerate(f):
            if i == 1000000:
                break
            a, length = line.split('/')
            nets.append((int(ipaddress.IPv4Address(a)), int(length)))
    return nets


def expand(nets, stored):
    """Each member stored at the shortest stored length >= its own (controlled prefix expansion)."""
    out = {s: set() for s in stored}
    for a, length in nets:
        s = min(x for x in stored if x >= length)
        for i in range(1 << (s - length)):
            out[s].add(a + (i << (32 - s)))
    return out


def ip(x):
    return str(ipaddress.IPv4Address(x))


def mask(length):
    return ip((0xffffffff << (32 - length)) & 0xffffffff)


def match(length, name):
    return ("ip saddr @%s" % name) if length == 32 else ("ip saddr & %s == @%s" % (mask(length), name))


def pow2(n):
    p = 1
    while p < n:
        p *= 2
    return p


def set_decl(name, elements):
    body = ("\n   elements = { %s }" % ", ".join(ip(e) for e in sorted(elements))) if elements else ""
    return "  set %s { type ipv4_addr; size %d;%s\n  }" % (name, pow2(2 * max(1, len(elements))), body)


def table(decls, chains, rules):
    head = ' chain c { type filter hook prerouting priority raw; policy accept;\n  iifname != "eth0" accept'
    return "table inet exp {\n%s\n%s\n%s\n%s\n  notrack\n }\n}\n" % (
        "\n".join(decls), "\n".join(chains), head, "\n".join("  " + r for r in rules))


def gate(st):
    return {e & 0xffffff00 for s in LONG for e in st[s]}


def long_chain(name, action):
    return " chain %s {\n%s\n }" % (name, "\n".join("  %s %s" % (match(s, "s%d" % s), action) for s in LONG))


def main():
    nets, out = load(sys.argv[1]), sys.argv[2]
    five = expand(nets, [32, 29, 27, 24, 22])
    four = expand(nets, [32, 29, 27, 24])
    files = {
        "F": table([], [], []),
        "H": table([set_decl("s", sorted(four[24])[:1000])], [], [match(24, "s") + " counter drop"]),
        "G": table([set_decl("s", four[24])], [], [match(24, "s") + " counter drop"]),
        "A": table([set_decl("s%d" % s, e) for s, e in five.items()], [],
                   [match(s, "s%d" % s) + " counter drop" for s in sorted(five, reverse=True)]),
        "D": table([set_decl("s%d" % s, e) for s, e in four.items()] + [set_decl("g24", gate(four))],
                   [long_chain("long", "counter drop")],
                   [match(24, "s24") + " counter drop", match(24, "g24") + " jump long"]),
    }
    covered, g = four[24], gate(four)
    def vmap(hit, long):
        elements = [ip(e) + " : " + hit for e in sorted(covered)] + [ip(e) + " : " + long for e in sorted(g - covered)]
        return "  map v24 { type ipv4_addr : verdict; size %d;\n   elements = { %s }\n  }" % (
            pow2(2 * len(elements)), ", ".join(elements))
    longs = [set_decl("s%d" % s, four[s]) for s in LONG]
    files["V"] = table(longs + [vmap("drop", "jump long")], [long_chain("long", "counter drop")],
                       ["ip saddr & 255.255.255.0 vmap @v24"])
    files["Vm"] = table(longs + [vmap("goto hit", "goto long")],
                        [" chain hit {\n  meta mark set meta mark | %#x\n }" % SCRATCH,
                         long_chain("long", "meta mark set meta mark | %#x return" % SCRATCH),
                         " chain ms {\n  ip saddr & 255.255.255.0 vmap @v24\n }"],
                        ["meta mark set meta mark & %#x jump ms" % (~SCRATCH & 0xffffffff),
                         "meta mark & %#x == %#x counter drop" % (SCRATCH, SCRATCH)])
    for name, text in files.items():
        with open("%s/%s.nft" % (out, name), "w") as f:
            f.write(text)
        print("%s/%s.nft" % (out, name), file=sys.stderr)


if __name__ == "__main__":
    main()
