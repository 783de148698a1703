package io.selvedge.lab;

import io.selvedge.engine.explain.Flow;
import io.selvedge.lab.LabPlan.Place;

/**
 * One probe: the first packet of a new flow from {@code from} to {@code to} (TCP SYN to 8080,
 * UDP datagram to 8081 or ICMP echo request) carrying {@code token}, and the same flow as
 * {@code explain} sees it on the lab node.
 */
record ProbeFlow(Place from, Place to, String proto, String src, String dst, int srcPort, String token) {

    static final int TCP_PORT = 8080;
    static final int UDP_PORT = 8081;

    int dstPort() {
        return switch (proto) {
            case "tcp" -> TCP_PORT;
            case "udp" -> UDP_PORT;
            default -> 0;
        };
    }

    /** The flow for the evaluator, with the interfaces it arrives on and leaves by on the lab host. */
    Flow flow() {
        Flow f = switch (proto) {
            case "tcp" -> Flow.tcp(src, srcPort, dst, TCP_PORT);
            case "udp" -> Flow.udp(src, srcPort, dst, UDP_PORT);
            default -> Flow.icmp(src, dst, src.contains(":") ? 128 : 8, 0);
        };
        return f.via(from.iface() == null ? Flow.LOCAL : from.iface(), to.iface() == null ? Flow.LOCAL : to.iface());
    }

    /** The {@code selvedge explain} command that shows the prediction for this flow. */
    String explainCommand() {
        String s = src.contains(":") ? "[" + src + "]" : src;
        String d = dst.contains(":") ? "[" + dst + "]" : dst;
        boolean ports = !proto.equals("icmp");
        return "selvedge explain --node " + LabPlan.NODE + " --src " + (ports ? s + ":" + srcPort : src) + " --dst "
                + (ports ? d + ":" + dstPort() : dst) + " --proto " + proto + " --in-interface " + iface(from) + " --out-interface "
                + iface(to);
    }

    private static String iface(LabPlan.Place p) {
        return p.iface() == null ? "local" : p.iface();
    }

    /** {@code proto src[:port] -> dst[:port]}. */
    String describe() {
        String s = src.contains(":") ? "[" + src + "]" : src;
        String d = dst.contains(":") ? "[" + dst + "]" : dst;
        return proto.equals("icmp") ? "icmp " + src + " -> " + dst : proto + " " + s + ":" + srcPort + " -> " + d + ":" + dstPort();
    }
}
