package io.selvedge.dataplane;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of Felix's {@code FailsafeInboundHostPorts} / {@code FailsafeOutboundHostPorts}
 * (spec §4.3): TCP or UDP, an optional network and a port. Inbound entries open the destination
 * port of packets entering through a host endpoint (from {@code net} if given); outbound entries
 * the destination port of packets leaving (to {@code net}). In the raw table each list also opens
 * the reverse direction by source port, so that replies escape untracked policy.
 *
 * <p>Same syntax and meaning as the flow evaluator's failsafe entries (the two must agree).
 * Immutable.
 *
 * @param protocol 6 (TCP) or 17 (UDP)
 * @param net the remote network (source for inbound, destination for outbound), if any
 */
public record FailsafePort(int protocol, Optional<Cidr> net, int port) {

    public static final int TCP = 6;
    public static final int UDP = 17;

    /** Felix's default inbound list: tcp 22, udp 68, tcp 179, 2379, 2380, 5473, 6443, 6666, 6667. */
    public static final List<FailsafePort> DEFAULT_INBOUND =
            parseList("tcp:22,udp:68,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667");
    /** Felix's default outbound list: udp 53, udp 67, tcp 179, 2379, 2380, 5473, 6443, 6666, 6667. */
    public static final List<FailsafePort> DEFAULT_OUTBOUND =
            parseList("udp:53,udp:67,tcp:179,tcp:2379,tcp:2380,tcp:5473,tcp:6443,tcp:6666,tcp:6667");

    public FailsafePort {
        if (protocol != TCP && protocol != UDP) {
            throw new IllegalArgumentException("failsafe protocol must be tcp or udp, not " + protocol);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("failsafe port " + port + " is not 0-65535");
        }
    }

    /**
     * Parses Felix's port-list syntax: comma-separated {@code port}, {@code proto:port},
     * {@code proto:net:port} or {@code proto:[ipv6-net]:port}; protocol {@code tcp} (default) or
     * {@code udp}, any case; {@code none} or an empty string is the empty list.
     *
     * @throws IllegalArgumentException quoting the bad entry
     */
    public static List<FailsafePort> parseList(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<FailsafePort> out = new ArrayList<>();
        for (String entry : t.split(",")) {
            out.add(parse(entry.trim()));
        }
        return List.copyOf(out);
    }

    /** Parses one entry (see {@link #parseList}). */
    public static FailsafePort parse(String entry) {
        String protoText = "tcp";
        String netText = null;
        String portText = entry;
        int firstColon = entry.indexOf(':');
        if (firstColon >= 0) {
            protoText = entry.substring(0, firstColon);
            String rest = entry.substring(firstColon + 1);
            int lastColon = rest.lastIndexOf(':');
            if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                    throw bad(entry, "expected proto:[net]:port");
                }
                netText = rest.substring(1, close);
                portText = rest.substring(close + 2);
            } else if (lastColon >= 0) {
                netText = rest.substring(0, lastColon);
                portText = rest.substring(lastColon + 1);
            } else {
                portText = rest;
            }
        }
        int protocol = switch (protoText.toLowerCase(Locale.ROOT)) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            default -> throw bad(entry, "protocol must be tcp or udp");
        };
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw bad(entry, "port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw bad(entry, "port is not 0-65535");
        }
        Cidr net = null;
        if (netText != null) {
            try {
                net = Cidr.parse(netText);
            } catch (IllegalArgumentException e) {
                throw bad(entry, e.getMessage());
            }
        }
        return new FailsafePort(protocol, Optional.ofNullable(net), port);
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException("failsafe port \"" + entry + "\": " + why);
    }

    /** The entry applies to packets of this family (no net, or a net of the family). */
    public boolean appliesTo(IpFamily family) {
        return net.isEmpty() || net.get().family() == family;
    }

    /** Felix's syntax: {@code tcp:22}, {@code udp:10.0.0.0/8:53}, {@code tcp:[fd00::/8]:22}. */
    @Override
    public String toString() {
        String p = protocol == TCP ? "tcp" : "udp";
        if (net.isEmpty()) {
            return p + ":" + port;
        }
        Cidr n = net.get();
        return n.family() == IpFamily.V6 ? p + ":[" + n + "]:" + port : p + ":" + n + ":" + port;
    }
}
