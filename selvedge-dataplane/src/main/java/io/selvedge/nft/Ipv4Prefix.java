package io.selvedge.nft;

/** An IPv4 block: {@code address} (host bits clear) and {@code length}. See {@link IpPrefix}. */
public record Ipv4Prefix(int address, int length) implements IpPrefix {

    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("IPv4 prefix length " + length + " is out of range (0..32)");
        }
        if ((address & ~mask(length)) != 0) {
            throw new IllegalArgumentException("IPv4 prefix has host bits set beyond /" + length);
        }
    }

    /** The block of {@code length} containing {@code address} (host bits are cleared). */
    public static Ipv4Prefix of(int address, int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("IPv4 prefix length " + length + " is out of range (0..32)");
        }
        return new Ipv4Prefix(address & mask(length), length);
    }

    /** A single address. */
    public static Ipv4Prefix host(int address) {
        return new Ipv4Prefix(address, 32);
    }

    /** The netmask of a length as an int ({@code /24} is {@code 0xffffff00}). */
    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    static Ipv4Prefix parseHost(String addr, String whole) {
        int value = 0;
        int parts = 0;
        int i = 0;
        while (i <= addr.length()) {
            int j = addr.indexOf('.', i);
            if (j < 0) {
                j = addr.length();
            }
            String octet = addr.substring(i, j);
            if (octet.isEmpty() || octet.length() > 3 || (octet.length() > 1 && octet.charAt(0) == '0')
                    || !octet.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(octet) > 255 || parts == 4) {
                throw new IllegalArgumentException("not an IP address or CIDR: " + ScriptText.quoteForMessage(whole));
            }
            value = (value << 8) | Integer.parseInt(octet);
            parts++;
            i = j + 1;
        }
        if (parts != 4) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + ScriptText.quoteForMessage(whole));
        }
        return host(value);
    }

    @Override
    public int version() {
        return 4;
    }

    @Override
    public boolean isHost() {
        return length == 32;
    }

    @Override
    public long firstHi() {
        return 0;
    }

    @Override
    public long firstLo() {
        return Integer.toUnsignedLong(address);
    }

    @Override
    public long lastHi() {
        return 0;
    }

    @Override
    public long lastLo() {
        return Integer.toUnsignedLong(address | ~mask(length));
    }

    @Override
    public Ipv4Prefix truncate(int newLength) {
        return of(address, newLength);
    }

    @Override
    public void appendTo(StringBuilder sb) {
        sb.append(address >>> 24).append('.').append((address >>> 16) & 255).append('.')
                .append((address >>> 8) & 255).append('.').append(address & 255);
        if (length != 32) {
            sb.append('/').append(length);
        }
    }

    @Override
    public String toString() {
        return render();
    }
}
