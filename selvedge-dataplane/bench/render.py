#!/usr/bin/env python3
"""Render the nft scripts of one set representation for the benchmark.

usage: render.py MODE V4FILE V6FILE OUTDIR [DELTA]
  MODE interval : one `flags interval` set per family (s4, s6)            - 1 lookup per family
  MODE perlen   : one plain hash set per prefix length present (s4_24 ...),
                  matched as `ip saddr & MASK @s4_24`                      - 1 lookup per length
  MODE cpe      : perlen after controlled prefix expansion: a sparse length is expanded into
                  the next longer length present while the element count grows by at most
                  CPE_BUDGET (env, default 0.25) in total - fewer lengths, more elements
Writes OUTDIR/load.nft (table, sets, all elements, one `add element` block per set,
16 elements per line), OUTDIR/delta.nft (DELTA/2 deletes of loaded members + DELTA/2 adds of
held-back members, one transaction), OUTDIR/match4.nft / match6.nft (the rule bodies that test
`saddr in list`, one per line), OUTDIR/sets.txt (set name, element count).
The last DELTA/2 lines of V4FILE (after a seeded shuffle) are held back from the load.
env SIZED=1: declare every hash set with `size` = max(1024, 2 x its elements) (the kernel then
uses its fixed-size hash instead of the resizable one).
"""
import ipaddress, os, random, sys

mode, f4, f6, out = sys.argv[1:5]
delta = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
T = "inet bench"

def read(path):
    with open(path) as fh:
        return [l.strip() for l in fh if l.strip()]

v4, v6 = read(f4), read(f6)
r = random.Random(7)
r.shuffle(v4)
held = v4[-(delta // 2):]
v4 = v4[:-(delta // 2)]
dele = r.sample(v4, delta // 2)

def plen(c):
    return int(c.split('/')[1])

def elem(c, m):
    # perlen: element is the network address; interval: the CIDR itself (/32, /128 bare)
    a, l = c.split('/')
    if m == 'perlen' or l in ('32', '128'):
        return a
    return c

def setname(fam, c, m):
    return f"s{fam}" if m == 'interval' else f"s{fam}_{plen(c)}"

def plan(cidrs, fam, budget):
    """Controlled prefix expansion plan: length -> length it is expanded to. Greedily folds the
    length whose expansion into the next longer present length adds the fewest elements, while the
    total grows by at most `budget` (a fraction)."""
    count = {}
    for c in cidrs:
        count[plen(c)] = count.get(plen(c), 0) + 1
    target = {l: l for l in count}
    eff = dict(count)
    total0 = total = len(cidrs)
    while len(eff) > 1:
        ls = sorted(eff)
        cost, a, b = min((eff[a] * ((1 << (b - a)) - 1), a, b) for a, b in zip(ls, ls[1:]))
        if total + cost > total0 * (1 + budget):
            break
        total += cost
        eff[b] += eff[a] << (b - a)
        del eff[a]
        for l in target:
            if target[l] == a:
                target[l] = b
    return target

def apply(cidrs, fam, target):
    bits = 32 if fam == 4 else 128
    out = []
    for c in cidrs:
        a, l = c.split('/')
        l = int(l); t = target[l]
        base = int(ipaddress.ip_address(a))
        for i in range(1 << (t - l)):
            ad = base + (i << (bits - t))
            out.append(f"{ipaddress.IPv4Address(ad) if fam == 4 else ipaddress.IPv6Address(ad)}/{t}")
    return out

def group(cidrs, fam, m):
    g = {}
    for c in cidrs:
        g.setdefault(setname(fam, c, m), []).append(c)
    return g

def mask(fam, l):
    n = ipaddress.ip_network((0, 0) if fam == 4 else (0, 0))  # placeholder
    bits = 32 if fam == 4 else 128
    v = ((1 << bits) - 1) ^ ((1 << (bits - l)) - 1)
    return str(ipaddress.IPv4Address(v) if fam == 4 else ipaddress.IPv6Address(v))

def write_elements(fh, verb, name, cidrs, m):
    fh.write(f"{verb} element {T} {name} {{\n")
    for i in range(0, len(cidrs), 16):
        chunk = cidrs[i:i + 16]
        fh.write("  " + ", ".join(elem(c, m) for c in chunk) + ("" if i + 16 >= len(cidrs) else ",") + "\n")
    fh.write("}\n")

os.makedirs(out, exist_ok=True)
if mode == 'cpe':
    budget = float(os.environ.get('CPE_BUDGET', '0.25'))
    t4, t6 = plan(v4 + held, 4, budget), plan(v6, 6, budget)
    v4, held, dele, v6 = apply(v4, 4, t4), apply(held, 4, t4), apply(dele, 4, t4), apply(v6, 6, t6)
    mode = 'perlen'
g4, g6 = group(v4, 4, mode), group(v6, 6, mode)
# the held-back and deleted members may need sets that the load must create (perlen)
extra4 = group(held, 4, mode)
with open(os.path.join(out, "load.nft"), "w") as fh:
    fh.write(f"add table {T}\n")
    for fam, groups in ((4, {**extra4, **g4}), (6, g6)):
        typ = "ipv4_addr" if fam == 4 else "ipv6_addr"
        for name in sorted(groups):
            flags = " flags interval ;" if mode == 'interval' else ""
            if os.environ.get('SIZED') == '1' and mode != 'interval':
                flags += f" size {max(1024, 2 * len(groups[name]))} ;"
            fh.write(f"add set {T} {name} {{ type {typ} ;{flags} }}\n")
    for fam, groups in ((4, g4), (6, g6)):
        for name in sorted(groups):
            write_elements(fh, "add", name, groups[name], mode)
with open(os.path.join(out, "delta.nft"), "w") as fh:
    for name, cs in sorted(group(dele, 4, mode).items()):
        write_elements(fh, "delete", name, cs, mode)
    for name, cs in sorted(extra4.items()):
        write_elements(fh, "add", name, cs, mode)
with open(os.path.join(out, "sets.txt"), "w") as fh:
    for fam, groups in ((4, g4), (6, g6)):
        for name in sorted(groups, key=lambda n: -len(groups[n])):
            fh.write(f"{name} {len(groups[name])}\n")
for fam, groups in ((4, g4), (6, g6)):
    kw = "ip saddr" if fam == 4 else "ip6 saddr"
    with open(os.path.join(out, f"match{fam}.nft"), "w") as fh:
        # most populous length first
        for name in sorted(groups, key=lambda n: -len(groups[n])):
            if mode == 'interval':
                fh.write(f"{kw} @{name}\n")
            else:
                l = int(name.split('_')[1])
                full = 32 if fam == 4 else 128
                fh.write(f"{kw} @{name}\n" if l == full else f"{kw} & {mask(fam, l)} @{name}\n")
