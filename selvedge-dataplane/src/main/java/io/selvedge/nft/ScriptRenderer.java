package io.selvedge.nft;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes operations as {@code nft -f} commands, one per line; element lists are one statement
 * over several lines, {@value #ELEMENTS_PER_LINE} elements per line, so that nft's error
 * positions point at a short line. Streams: memory is one line at a time. Stateless.
 */
final class ScriptRenderer {

    static final int ELEMENTS_PER_LINE = 16;

    private ScriptRenderer() {
    }

    static void render(List<Operation> ops, Writer out) throws IOException {
        StringBuilder line = new StringBuilder(1024);
        for (Operation op : ops) {
            render(op, out, line);
        }
    }

    private static void render(Operation op, Writer out, StringBuilder sb) throws IOException {
        sb.setLength(0);
        String verb = op.verb().keyword();
        NftObject o = op.object();
        if (o instanceof Table t) {
            sb.append(verb).append(" table ").append(t.spec());
        } else if (o instanceof Chain c) {
            sb.append(verb).append(" chain ").append(c.table().spec()).append(' ').append(c.name());
            if (isDefinition(op.verb()) && (c.base().isPresent() || c.comment().isPresent())) {
                sb.append(" {");
                c.base().ifPresent(b -> sb.append(' ').append(b.declaration()));
                c.comment().ifPresent(cm -> sb.append(" comment ").append(ScriptText.quoted(cm)).append(" ;"));
                sb.append(" }");
            }
        } else if (o instanceof Rule r) {
            sb.append(verb).append(" rule ").append(r.table().spec()).append(' ').append(r.chain());
            r.handle().ifPresent(h -> sb.append(" handle ").append(h));
            if (op.verb() != Verb.DELETE) {
                sb.append(' ').append(r.body().render());
                r.comment().ifPresent(cm -> sb.append(" comment ").append(ScriptText.quoted(cm)));
            }
        } else if (o instanceof NftSet s) {
            sb.append(verb).append(" set ").append(s.table().spec()).append(' ').append(s.name());
            if (isDefinition(op.verb())) {
                sb.append(" { type ").append(typeOf(s.key())).append(" ;");
                s.size().ifPresent(n -> sb.append(" size ").append(n).append(" ;"));
                appendFlagsAndComment(sb, s.flags(), s.comment().orElse(null));
                sb.append(" }");
            }
        } else if (o instanceof NftMap m) {
            sb.append(verb).append(" map ").append(m.table().spec()).append(' ').append(m.name());
            if (isDefinition(op.verb())) {
                sb.append(" { type ").append(typeOf(m.key())).append(" : ").append(m.value().nftName()).append(" ;");
                appendFlagsAndComment(sb, m.flags(), m.comment().orElse(null));
                sb.append(" }");
            }
        } else if (o instanceof Elements e) {
            if (e.elements().isEmpty()) {
                return;   // nft has no empty element statement; nothing to do
            }
            sb.append(verb).append(" element ").append(e.table().spec()).append(' ').append(e.set()).append(" {\n");
            List<Element> els = e.elements();
            for (int i = 0; i < els.size(); i++) {
                if (i % ELEMENTS_PER_LINE == 0) {
                    sb.append(' ');
                }
                sb.append(' ');
                els.get(i).appendTo(sb);
                if (i + 1 < els.size()) {
                    sb.append(',');
                }
                if (i % ELEMENTS_PER_LINE == ELEMENTS_PER_LINE - 1 || i + 1 == els.size()) {
                    sb.append('\n');
                    out.append(sb);
                    sb.setLength(0);
                }
            }
            sb.append('}');
        }
        sb.append('\n');
        out.append(sb);
    }

    private static boolean isDefinition(Verb v) {
        return v == Verb.ADD || v == Verb.CREATE;
    }

    static String typeOf(List<DataType> key) {
        return key.stream().map(DataType::nftName).collect(Collectors.joining(" . "));
    }

    private static void appendFlagsAndComment(StringBuilder sb, Set<SetFlag> flags, String comment) {
        if (!flags.isEmpty()) {
            sb.append(" flags ").append(flags.stream().sorted().map(SetFlag::keyword).collect(Collectors.joining(","))).append(" ;");
        }
        if (comment != null) {
            sb.append(" comment ").append(ScriptText.quoted(comment)).append(" ;");
        }
    }
}
