#!/usr/bin/env python3
"""Generate non-overlapping random CIDRs for the set-representation benchmark.

usage: gen-cidrs.py FAMILY COUNT SEED > file
  FAMILY 4: 50 % /32, 25 % /24, 25 % uniform over /20../31
  FAMILY 6: 40 % /128, 30 % /64, 30 % uniform over /48../127
Ranges used by the benchmark traffic (198.51.100.0/24, 2001:db8::/32) are never emitted.
The output is sorted, overlap-free and has exactly COUNT lines.
"""
import ipaddress, random, sys

def length4(r):
    x = r.random()
    if x < 0.50: return 32
    if x < 0.75: return 24
    return r.randint(20, 31)

def length6(r):
    x = r.random()
    if x < 0.40: return 128
    if x < 0.70: return 64
    return r.randint(48, 127)

def main():
    fam, count, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    r = random.Random(seed)
    bits = 32 if fam == 4 else 128
    pick = length4 if fam == 4 else length6
    excl = [ipaddress.ip_network('198.51.100.0/24'), ipaddress.ip_network('2001:db8::/32')]
    nets = {}
    while len(nets) < count * 1.12 + 100:
        plen = pick(r)
        if fam == 4:
            a = r.getrandbits(32)
            # keep to unicast-looking space: 1.0.0.0 - 223.255.255.255
            if not (0x01000000 <= a < 0xE0000000):
                continue
        else:
            a = (0x2 << 124) | r.getrandbits(124)   # 2000::/4
        a &= ((1 << bits) - 1) ^ ((1 << (bits - plen)) - 1)
        nets[(a, plen)] = True
    # drop overlaps: sort by start, keep a prefix only if not inside the previous kept one
    items = sorted(nets.keys(), key=lambda t: (t[0], t[1]))
    out, end = [], -1
    for a, plen in items:
        last = a + (1 << (bits - plen)) - 1
        if a <= end:
            continue
        n = ipaddress.ip_network((a, plen))
        if any(n.overlaps(e) for e in excl if e.version == fam):
            continue
        out.append((a, plen))
        end = last
    r.shuffle(out)
    out = sorted(out[:count])
    if len(out) < count:
        sys.exit("not enough prefixes generated")
    for a, plen in out:
        addr = ipaddress.ip_address(a) if fam == 4 else ipaddress.IPv6Address(a)
        print(f"{addr}/{plen}")

main()
