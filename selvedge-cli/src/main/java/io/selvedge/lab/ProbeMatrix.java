package io.selvedge.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selvedge.engine.explain.Decision;
import io.selvedge.engine.explain.VerdictText;
import io.selvedge.lab.LabPlan.Place;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints {@code lab probe}'s results: a matrix (rows: source and protocol; columns: destination)
 * whose cells say what the real packet got, {@code allow} or {@code deny}, followed by {@code =}
 * when {@code explain} predicted the same and {@code !} when it did not; then every
 * disagreement with explain's reasoning. Colour (green allow, red deny, a highlighted {@code !})
 * only when asked, i.e. on a terminal. Or all of it as JSON.
 */
final class ProbeMatrix {

    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String ALERT = "\u001b[1;33;41m";
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";
    private static final List<String> PROTOCOLS = List.of("tcp", "udp", "icmp");

    private ProbeMatrix() {}

    static String text(LabPlan plan, List<ProbeResult> results, boolean colour) {
        Map<String, ProbeResult> byCell = new HashMap<>();
        for (ProbeResult r : results) {
            byCell.put(key(r.flow().from().name(), r.flow().to().name(), r.flow().proto()), r);
        }
        List<Place> sources = plan.sources();
        List<Place> destinations = plan.destinations();
        int rowWidth = Math.max("FROM".length(), sources.stream().mapToInt(p -> p.label().length()).max().orElse(0)) + 2;
        StringBuilder b = new StringBuilder();
        b.append("Each cell: what the first packet of a new flow got (allow = delivered, deny = dropped),\n")
                .append("then = when explain predicted the same, ! when it predicted the opposite.\n\n");
        b.append(pad("FROM", rowWidth)).append(pad("PROTO", 7));
        int[] widths = new int[destinations.size()];
        for (int i = 0; i < destinations.size(); i++) {
            widths[i] = Math.max(destinations.get(i).name().length(), "allow =".length()) + 2;
            b.append(pad(destinations.get(i).name(), widths[i]));
        }
        b.setLength(b.length() - trailingSpaces(b));
        b.append('\n');
        for (Place s : sources) {
            for (String proto : PROTOCOLS) {
                b.append(pad(proto.equals("tcp") ? s.label() : "", rowWidth)).append(pad(proto, 7));
                for (int i = 0; i < destinations.size(); i++) {
                    ProbeResult r = byCell.get(key(s.name(), destinations.get(i).name(), proto));
                    b.append(cell(r, widths[i], colour));
                }
                b.setLength(b.length() - trailingSpaces(b));
                b.append('\n');
            }
        }
        long allowed = results.stream().filter(ProbeResult::delivered).count();
        List<ProbeResult> wrong = results.stream().filter(r -> !r.agrees()).toList();
        b.append('\n').append(results.size()).append(" flows: ").append(allowed).append(" allowed, ")
                .append(results.size() - allowed).append(" denied; ");
        if (wrong.isEmpty()) {
            b.append("explain predicted every one.\n");
        } else {
            b.append(colour ? ALERT : "").append("explain disagrees on ").append(wrong.size()).append(wrong.size() == 1 ? " flow" : " flows")
                    .append(colour ? RESET : "").append(":\n");
            for (ProbeResult r : wrong) {
                b.append("! ").append(r.flow().from().name()).append(" -> ").append(r.flow().to().name()).append(", ")
                        .append(r.flow().describe()).append(": packets ").append(ProbeResult.word(r.delivered()))
                        .append(r.delivered() ? "" : " (" + r.failure() + ")").append(", explain ")
                        .append(ProbeResult.word(r.predicted().decision() == Decision.ALLOW)).append('\n')
                        .append("    ").append(r.flow().explainCommand()).append('\n');
            }
            ProbeResult first = wrong.get(0);
            b.append("\nexplain's reasoning for the first one:\n");
            for (String line : VerdictText.format(first.predicted()).split("\n")) {
                b.append("    ").append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static String cell(ProbeResult r, int width, boolean colour) {
        if (r == null) {
            return (colour ? DIM + "·" + RESET : "·") + " ".repeat(width - 1);
        }
        String verdict = ProbeResult.word(r.delivered());
        String mark = r.agrees() ? "=" : "!";
        String plain = pad(verdict, 6) + mark;
        if (!colour) {
            return pad(plain, width);
        }
        String painted = (r.delivered() ? GREEN : RED) + pad(verdict, 6) + RESET + (r.agrees() ? mark : ALERT + mark + RESET);
        return painted + " ".repeat(width - plain.length());
    }

    static String json(List<ProbeResult> results) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        ArrayNode flows = root.putArray("flows");
        for (ProbeResult r : results) {
            ProbeFlow f = r.flow();
            ObjectNode o = flows.addObject();
            o.put("from", f.from().name()).put("to", f.to().name()).put("protocol", f.proto()).put("src", f.src()).put("dst", f.dst());
            if (f.dstPort() > 0) {
                o.put("srcPort", f.srcPort()).put("dstPort", f.dstPort());
            }
            o.put("packets", ProbeResult.word(r.delivered()));
            if (!r.delivered()) {
                o.put("failure", r.failure());
            }
            o.put("explain", ProbeResult.word(r.predicted().decision() == Decision.ALLOW)).put("agree", r.agrees());
        }
        root.put("flowCount", results.size());
        root.put("disagreements", results.stream().filter(r -> !r.agrees()).count());
        try {
            return m.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String from, String to, String proto) {
        return from + "|" + to + "|" + proto;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static int trailingSpaces(StringBuilder b) {
        int n = 0;
        while (n < b.length() && b.charAt(b.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }
}
