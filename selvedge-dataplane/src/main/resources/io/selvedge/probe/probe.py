"""Probe agent for the dataplane namespace tests: one process per network namespace, driven
line by line over stdin/stdout (each command gets exactly one reply line).

  listen tcp|udp PORT            echo server on [::]:PORT (IPv4 and IPv6)     -> ok
  count udp PORT                 counting sink on [::]:PORT                   -> ok
  counted PORT                   datagrams the sink on PORT received          -> <n>
  tcp|udp HOST PORT MS [SRC]     connect/send, wait MS for the echo           -> ok | fail <why>
  icmp HOST MS [SRC]             one echo request, wait MS for the reply      -> ok | fail <why>
  spray HOST PORT MS [SRC]       UDP datagrams for MS milliseconds            -> <sent>
  sink PORT                      record the payloads arriving on UDP PORT     -> ok
  seen PORT                      payloads recorded since the last seen        -> <p1> <p2> ... (or -)
  send HOST PORT TOKEN SPORT [SRC] one datagram from source port SPORT, no wait -> ok | fail <why>
  sniff                          record arriving TCP SYNs (as "tSPORT") and ICMP echo requests (their payload)
  sniffed                        what sniff recorded since the last sniffed    -> <t1> <t2> ... (or -)
  syn HOST PORT SPORT [SRC]      one TCP SYN (a connect that is abandoned)     -> ok | fail <why>
  echo HOST TOKEN [SRC]          one ICMP/ICMPv6 echo request carrying TOKEN   -> ok | fail <why>
  quit

Only the Python standard library; needs root for ICMP (raw sockets).
"""
import os
import random
import select
import socket
import struct
import sys
import threading
import time

counts = {}
seen = {}
lock = threading.Lock()


def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def dual_socket(kind, port):
    s = socket.socket(socket.AF_INET6, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    return s


def tcp_server(port):
    s = dual_socket(socket.SOCK_STREAM, port)
    s.listen(64)

    def serve(c):
        try:
            c.settimeout(5)
            data = c.recv(256)
            if data:
                c.sendall(data)
        except OSError:
            pass
        finally:
            c.close()

    def loop():
        while True:
            c, _ = s.accept()
            threading.Thread(target=serve, args=(c,), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()


IP_PKTINFO = 8   # not exported by Python's socket module


def udp_server(port, echo):
    """Echo (or count) on UDP PORT, IPv4 and IPv6, replying from the address the datagram was
    sent to (a reply from another of the namespace's addresses would meet other policy)."""
    with lock:
        counts[port] = 0
    v4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    v4.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    v4.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
    v4.bind(("0.0.0.0", port))
    v6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    v6.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    v6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    v6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
    v6.bind(("::", port))

    def loop(s, level, kind):
        while True:
            data, anc, _, addr = s.recvmsg(2048, 256)
            with lock:
                counts[port] += 1
            if not echo:
                continue
            reply_anc = []
            for lvl, typ, blob in anc:
                if lvl == level and typ == kind:
                    if kind == IP_PKTINFO:
                        # struct in_pktinfo: ifindex, spec_dst, addr -> send from addr
                        reply_anc = [(lvl, typ, struct.pack("=i4s4s", 0, blob[8:12], b"\0" * 4))]
                    else:
                        # struct in6_pktinfo: addr, ifindex
                        reply_anc = [(lvl, typ, blob[:16] + struct.pack("=i", 0))]
            s.sendmsg([data], reply_anc, 0, addr)

    threading.Thread(target=loop, args=(v4, socket.IPPROTO_IP, IP_PKTINFO), daemon=True).start()
    threading.Thread(target=loop, args=(v6, socket.IPPROTO_IPV6, socket.IPV6_PKTINFO), daemon=True).start()


def sink(port):
    with lock:
        seen[port] = []
    for fam, addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        s = socket.socket(fam, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if fam == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.bind((addr, port))

        def loop(sock=s):
            while True:
                data, _ = sock.recvfrom(2048)
                with lock:
                    seen[port].append(data.decode("ascii", "replace"))

        threading.Thread(target=loop, daemon=True).start()


sniffed = []


def sniff():
    """Raw sockets see what the host's input path delivered (after its netfilter hooks)."""
    specs = [(socket.AF_INET, socket.IPPROTO_TCP), (socket.AF_INET6, socket.IPPROTO_TCP),
             (socket.AF_INET, socket.IPPROTO_ICMP), (socket.AF_INET6, socket.IPPROTO_ICMPV6)]
    for fam, proto in specs:
        s = socket.socket(fam, socket.SOCK_RAW, proto)

        def loop(sock=s, fam=fam, proto=proto):
            while True:
                data = sock.recv(4096)
                if fam == socket.AF_INET:
                    data = data[(data[0] & 0x0F) * 4:]
                if proto == socket.IPPROTO_TCP:
                    if len(data) >= 14 and data[13] & 0x02 and not data[13] & 0x10:   # SYN, not SYN-ACK
                        token = "t%d" % struct.unpack("!H", data[0:2])[0]
                    else:
                        continue
                else:
                    if len(data) >= 8 and (data[0] in (8, 128) or data[8:10] == b"m-"):
                        token = data[8:].decode("ascii", "replace")
                    else:
                        continue
                with lock:
                    sniffed.append(token)

        threading.Thread(target=loop, daemon=True).start()


def syn(host, port, sport, src):
    s = socket.socket(family(host), socket.SOCK_STREAM)
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((src or ("::" if ":" in host else "0.0.0.0"), sport))
        s.setblocking(False)
        try:
            s.connect((host, port))
        except BlockingIOError:
            pass   # the SYN is on its way
        except PermissionError:
            return "ok"   # dropped by the host's own output path
        # keep the socket a moment so that the kernel does not reset the attempt at once
        threading.Timer(1.0, s.close).start()
        s = None
        return "ok"
    except OSError as e:
        return "fail " + (e.strerror or str(e)).replace("\n", " ")
    finally:
        if s is not None:
            s.close()


def icmp_socket(v6, src):
    """A raw ICMP (or ICMPv6) socket, bound to src when given."""
    s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_RAW,
                      socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP)
    if src:
        try:
            s.bind((src, 0))
        except OSError:
            s.close()
            raise
    return s


def echo(host, token, src, typ=None, code=0):
    """An ICMP message (default: echo request) carrying token; the sniffer records echo
    requests and any message whose token starts with "m-"."""
    v6 = ":" in host
    s = icmp_socket(v6, src)
    try:
        ident = random.randrange(1, 0xFFFF)
        if typ is None:
            typ = 128 if v6 else 8
        payload = token.encode("ascii")
        header = struct.pack("!BBHHH", typ, code, 0, ident, 1)
        csum = 0 if v6 else checksum(header + payload)
        s.sendto(struct.pack("!BBHHH", typ, code, csum, ident, 1) + payload, (host, 0))
        return "ok"
    except PermissionError:
        return "ok"
    except OSError as e:
        return "fail " + (e.strerror or str(e)).replace("\n", " ")
    finally:
        s.close()


def send(host, port, token, sport, src):
    s = socket.socket(family(host), socket.SOCK_DGRAM)
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((src or ("::" if ":" in host else "0.0.0.0"), sport))
        s.sendto(token.encode("ascii"), (host, port))
        return "ok"
    except PermissionError:
        return "ok"   # dropped by the host's own output path: that is the verdict, not an error
    except OSError as e:
        return "fail " + (e.strerror or str(e)).replace("\n", " ")
    finally:
        s.close()


def client(kind, host, port, ms, src):
    s = socket.socket(family(host), kind)
    try:
        if src:
            s.bind((src, 0))
        s.settimeout(ms / 1000.0)
        msg = b"selvedge-probe-%d" % os.getpid()
        if kind == socket.SOCK_STREAM:
            s.connect((host, port))
            s.sendall(msg)
            data = s.recv(256)
        else:
            s.connect((host, port))   # a reply from another address does not count
            s.send(msg)
            data = s.recv(256)
        return "ok" if data == msg else "fail wrong echo"
    except socket.timeout:
        return "fail timeout"
    except OSError as e:
        return "fail " + (e.strerror or str(e)).replace("\n", " ")
    finally:
        s.close()


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


icmp_seq = [0]


def icmp(host, ms, src):
    v6 = ":" in host
    s = icmp_socket(v6, src)
    try:
        icmp_seq[0] += 1
        # a fresh identifier per probe: conntrack keys ICMP echo flows on it, and an earlier
        # (allowed) echo with the same one would still be an established flow
        ident, seq = random.randrange(1, 0xFFFF), icmp_seq[0] & 0xFFFF
        typ, reply = (128, 129) if v6 else (8, 0)
        payload = b"selvedge"
        header = struct.pack("!BBHHH", typ, 0, 0, ident, seq)
        csum = 0 if v6 else checksum(header + payload)   # the kernel fills in the ICMPv6 checksum
        s.sendto(struct.pack("!BBHHH", typ, 0, csum, ident, seq) + payload, (host, 0))
        deadline = time.monotonic() + ms / 1000.0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return "fail timeout"
            r, _, _ = select.select([s], [], [], left)
            if not r:
                return "fail timeout"
            data, _ = s.recvfrom(2048)
            if not v6:
                data = data[(data[0] & 0x0F) * 4:]
            if len(data) >= 8:
                t, _, _, i, q = struct.unpack("!BBHHH", data[:8])
                if t == reply and i == ident and q == seq:
                    return "ok"
    except OSError as e:
        return "fail " + (e.strerror or str(e)).replace("\n", " ")
    finally:
        s.close()


def spray(host, port, ms, src):
    s = socket.socket(family(host), socket.SOCK_DGRAM)
    if src:
        s.bind((src, 0))
    s.setblocking(False)
    sent = 0
    deadline = time.monotonic() + ms / 1000.0
    while time.monotonic() < deadline:
        try:
            s.sendto(b"spray", (host, port))
            sent += 1
        except (BlockingIOError, OSError):
            pass
        time.sleep(0.0002)
    s.close()
    return str(sent)


def handle(words):
    cmd = words[0]
    if cmd == "listen":
        if words[1] == "tcp":
            tcp_server(int(words[2]))
        else:
            udp_server(int(words[2]), True)
        return "ok"
    if cmd == "count":
        udp_server(int(words[2]), False)
        return "ok"
    if cmd == "counted":
        with lock:
            return str(counts.get(int(words[1]), 0))
    if cmd in ("tcp", "udp"):
        kind = socket.SOCK_STREAM if cmd == "tcp" else socket.SOCK_DGRAM
        return client(kind, words[1], int(words[2]), int(words[3]), words[4] if len(words) > 4 else None)
    if cmd == "icmp":
        return icmp(words[1], int(words[2]), words[3] if len(words) > 3 else None)
    if cmd == "sink":
        sink(int(words[1]))
        return "ok"
    if cmd == "seen":
        with lock:
            got, seen[int(words[1])] = seen.get(int(words[1]), []), []
        return " ".join(got) if got else "-"
    if cmd == "send":
        return send(words[1], int(words[2]), words[3], int(words[4]), words[5] if len(words) > 5 else None)
    if cmd == "sniff":
        sniff()
        return "ok"
    if cmd == "sniffed":
        with lock:
            got = sniffed[:]
            del sniffed[:]
        return " ".join(got) if got else "-"
    if cmd == "syn":
        return syn(words[1], int(words[2]), int(words[3]), words[4] if len(words) > 4 else None)
    if cmd == "echo":
        return echo(words[1], words[2], words[3] if len(words) > 3 else None)
    if cmd == "icmpmsg":
        return echo(words[1], words[4], words[5] if len(words) > 5 else None, int(words[2]), int(words[3]))
    if cmd == "spray":
        return spray(words[1], int(words[2]), int(words[3]), words[4] if len(words) > 4 else None)
    return "fail unknown command"


def main():
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        try:
            out = handle(words)
        except Exception as e:  # report, keep serving
            out = "fail " + type(e).__name__ + ": " + str(e).replace("\n", " ")
        print(out, flush=True)


if __name__ == "__main__":
    main()
