package io.selvedge.nft;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads nft's stderr: finds {@code /dev/stdin:LINE:COL-COL: Error: MESSAGE} lines, maps each to
 * the rendered script line, and classifies the failure (as knftables does: ENOENT → not found,
 * EEXIST → already exists). Stateless.
 */
final class NftErrorParser {

    /** How much of a script line an error message quotes. */
    static final int LINE_EXCERPT = 400;

    private static final Pattern LOCATED = Pattern.compile(
            "^(?:/dev/stdin|-|<cmdline>):(\\d+):(\\d+)-(\\d+): Error: (.*)$", Pattern.MULTILINE);

    private NftErrorParser() {
    }

    static NftException.Kind classify(String message) {
        if (message.contains("No such file or directory") || message.contains("element does not exist")) {
            return NftException.Kind.NOT_FOUND;
        }
        if (message.contains("File exists")) {
            return NftException.Kind.ALREADY_EXISTS;
        }
        return NftException.Kind.OTHER;
    }

    static NftException toException(String stderr, Optional<Transaction> tx) {
        List<NftException.ScriptError> errors = new ArrayList<>();
        Matcher m = LOCATED.matcher(stderr);
        while (m.find() && errors.size() < 20) {
            int line = Integer.parseInt(m.group(1));
            int from = Integer.parseInt(m.group(2));
            int to = Integer.parseInt(m.group(3));
            Optional<String> text = tx.map(t -> excerpt(t.line(line, to + LINE_EXCERPT), from)).filter(l -> !l.isEmpty());
            errors.add(new NftException.ScriptError(line, from, to, m.group(4), text));
        }
        String first;
        if (!errors.isEmpty()) {
            first = errors.get(0).message();
        } else {
            first = stderr.lines().filter(l -> l.contains("Error")).findFirst()
                    .orElse(stderr.lines().findFirst().orElse("nft failed without a message"));
        }
        NftException.Kind kind = classify(first);
        StringBuilder msg = new StringBuilder("nft: ").append(first);
        if (!errors.isEmpty()) {
            NftException.ScriptError e = errors.get(0);
            msg.append(" (script line ").append(e.line()).append(':').append(e.firstColumn()).append(')');
            e.scriptLine().ifPresent(l -> msg.append(": ").append(l));
        }
        return new NftException(kind, msg.toString(), stderr, errors);
    }

    /** The line around column {@code from}, at most {@link #LINE_EXCERPT} characters. */
    private static String excerpt(String line, int from) {
        if (line.length() <= LINE_EXCERPT) {
            return line.strip();
        }
        int start = Math.max(0, Math.min(from - 1 - LINE_EXCERPT / 4, line.length() - LINE_EXCERPT));
        String cut = line.substring(start, Math.min(line.length(), start + LINE_EXCERPT));
        return (start > 0 ? "..." : "") + cut + (start + LINE_EXCERPT < line.length() ? "..." : "");
    }
}
