package io.selvedge.nft;

/** An IPv6 block: the address as two longs (host bits clear) and {@code length}. See {@link IpPrefix}. */
public record Ipv6Prefix(long hi, long lo, int length) implements IpPrefix {

    public Ipv6Prefix {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("IPv6 prefix length " + length + " is out of range (0..128)");
        }
        if ((hi & ~maskHi(length)) != 0 || (lo & ~maskLo(length)) != 0) {
            throw new IllegalArgumentException("IPv6 prefix has host bits set beyond /" + length);
        }
    }

    /** The block of {@code length} containing the address {@code hi:lo} (host bits are cleared). */
    public static Ipv6Prefix of(long hi, long lo, int length) {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("IPv6 prefix length " + length + " is out of range (0..128)");
        }
        return new Ipv6Prefix(hi & maskHi(length), lo & maskLo(length), length);
    }

    /** High 64 bits of the netmask of {@code length}. */
    public static long maskHi(int length) {
        return length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
    }

    /** Low 64 bits of the netmask of {@code length}. */
    public static long maskLo(int length) {
        return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
    }

    static Ipv6Prefix parseHost(String addr, String whole) {
        IllegalArgumentException bad = new IllegalArgumentException("not an IP address or CIDR: " + ScriptText.quoteForMessage(whole));
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        String rest = addr;
        // a trailing dotted quad stands for the last two groups
        int lastColon = rest.lastIndexOf(':');
        int[] tail = null;
        if (rest.indexOf('.', lastColon) >= 0) {
            Ipv4Prefix v4;
            try {
                v4 = Ipv4Prefix.parseHost(rest.substring(lastColon + 1), whole);
            } catch (IllegalArgumentException e) {
                throw bad;
            }
            tail = new int[] {v4.address() >>> 16, v4.address() & 0xffff};
            rest = rest.substring(0, lastColon + 1);
            if (rest.endsWith("::")) {
                // keep "::" intact
            } else if (rest.endsWith(":")) {
                rest = rest.substring(0, rest.length() - 1);
            }
        }
        int limit = tail == null ? 8 : 6;
        int i = 0;
        if (rest.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (rest.startsWith(":")) {
            throw bad;
        }
        while (i < rest.length()) {
            int j = rest.indexOf(':', i);
            if (j < 0) {
                j = rest.length();
            }
            String g = rest.substring(i, j);
            if (g.isEmpty() || g.length() > 4 || n == limit) {
                throw bad;
            }
            int v = 0;
            for (int k = 0; k < g.length(); k++) {
                int d = Character.digit(g.charAt(k), 16);
                if (d < 0) {
                    throw bad;
                }
                v = v * 16 + d;
            }
            groups[n++] = v;
            if (j + 1 < rest.length() && rest.charAt(j + 1) == ':') {
                if (gap >= 0) {
                    throw bad;
                }
                gap = n;
                j++;
            } else if (j == rest.length() - 1) {
                throw bad;   // trailing single ':'
            }
            i = j + 1;
        }
        if (tail != null) {
            if (n > 6) {
                throw bad;
            }
            groups[n++] = tail[0];
            groups[n++] = tail[1];
        }
        int[] full = new int[8];
        if (gap < 0) {
            if (n != 8) {
                throw bad;
            }
            full = groups;
        } else {
            if (n > 7) {
                throw bad;
            }
            // groups before the gap stay, groups after it move to the end
            int after = n - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - after, after);
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | full[k];
            lo = (lo << 16) | full[k + 4];
        }
        return new Ipv6Prefix(hi, lo, 128);
    }

    @Override
    public int version() {
        return 6;
    }

    @Override
    public boolean isHost() {
        return length == 128;
    }

    @Override
    public long firstHi() {
        return hi;
    }

    @Override
    public long firstLo() {
        return lo;
    }

    @Override
    public long lastHi() {
        return hi | ~maskHi(length);
    }

    @Override
    public long lastLo() {
        return lo | ~maskLo(length);
    }

    @Override
    public Ipv6Prefix truncate(int newLength) {
        return of(hi, lo, newLength);
    }

    @Override
    public void appendTo(StringBuilder sb) {
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) (hi >>> (48 - 16 * k)) & 0xffff;
            g[k + 4] = (int) (lo >>> (48 - 16 * k)) & 0xffff;
        }
        // RFC 5952: the longest run (first if tied) of two or more zero groups becomes "::"
        int bestStart = -1;
        int bestLen = 1;
        for (int k = 0; k < 8; ) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int e = k;
            while (e < 8 && g[e] == 0) {
                e++;
            }
            if (e - k > bestLen) {
                bestStart = k;
                bestLen = e - k;
            }
            k = e;
        }
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (k > 0 && !(bestStart >= 0 && k == bestStart + bestLen)) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
        if (length != 128) {
            sb.append('/').append(length);
        }
    }

    @Override
    public String toString() {
        return render();
    }
}
