package io.selvedge.nft;

/**
 * An IPv4 or IPv6 address block (a CIDR; a single address is a /32 or /128), the element type of
 * address sets. Compact: an IPv4 prefix is one {@code int}, an IPv6 prefix two {@code long}s.
 *
 * <p>{@link #parse} is strict and never resolves names: dotted-quad IPv4 without leading zeros,
 * RFC 4291 IPv6 text (with {@code ::} and a trailing dotted quad; no zone), optional
 * {@code /length}, and no host bits set beyond the length. Rendering: a host address bare
 * ({@code 192.0.2.1}), anything else as {@code address/length}; IPv6 in RFC 5952 form.
 */
public sealed interface IpPrefix extends Value permits Ipv4Prefix, Ipv6Prefix {

    /** 4 or 6. */
    int version();

    /** The prefix length (0..32 or 0..128). */
    int length();

    /** True for a single address (/32 or /128). */
    boolean isHost();

    /** The data type of a plain set holding such addresses. */
    default DataType dataType() {
        return version() == 4 ? DataType.IPV4_ADDR : DataType.IPV6_ADDR;
    }

    /** High 64 bits of the first address (0 for IPv4). */
    long firstHi();

    /** Low 64 bits of the first address (the address as an unsigned int for IPv4). */
    long firstLo();

    /** High 64 bits of the last address (0 for IPv4). */
    long lastHi();

    /** Low 64 bits of the last address. */
    long lastLo();

    /** This block with the host bits beyond {@code newLength} cleared (the covering block of that length). */
    IpPrefix truncate(int newLength);

    /**
     * Parses {@code a.b.c.d}, {@code a.b.c.d/n}, an IPv6 address, or {@code ipv6/n}.
     *
     * @throws IllegalArgumentException quoting the input; for host bits it names the network
     */
    static IpPrefix parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + (text == null ? "null" : ScriptText.quoteForMessage(text)));
        }
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        IpPrefix host = addr.indexOf(':') >= 0 ? Ipv6Prefix.parseHost(addr, text) : Ipv4Prefix.parseHost(addr, text);
        if (slash < 0) {
            return host;
        }
        String len = text.substring(slash + 1);
        int max = host.version() == 4 ? 32 : 128;
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')
                || (len.length() > 1 && len.charAt(0) == '0') || Integer.parseInt(len) > max) {
            throw new IllegalArgumentException("bad prefix length in " + ScriptText.quoteForMessage(text) + " (0.." + max + ")");
        }
        IpPrefix p = host.truncate(Integer.parseInt(len));
        if (p.firstLo() != host.firstLo() || p.firstHi() != host.firstHi()) {
            throw new IllegalArgumentException(ScriptText.quoteForMessage(text) + " has host bits set (use " + p.render() + ")");
        }
        return p;
    }

    @Override
    default boolean fits(DataType type) {
        return type == dataType();
    }
}
