package io.selvedge.nft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The match-and-statement part of a rule ({@code ip saddr @s4 counter drop}) as a list of tokens,
 * each checked on construction so that a body can never end its statement, start a comment or
 * open an unclosed string: a body is always exactly one rule.
 *
 * <p>A token is one of: a bare word of {@code [A-Za-z0-9_]} (or {@code ::}, which starts IPv6
 * addresses such as {@code ::1}) followed by {@code [A-Za-z0-9_.:/,-]} (keywords, numbers,
 * addresses, ranges, {@code established,related}); an operator
 * {@code == != < > <= >= & | ^ . : { }}; a set reference {@code @name} with a checked name;
 * or a double-quoted string without {@code "}, {@code \}, {@code $} (nft expands variables in log
 * prefixes) or control characters (interface names, log prefixes). Braces must balance. Newlines, {@code ;}, {@code #}, {@code $} and backticks
 * cannot occur outside quotes. The body also records which chains it jumps to and which sets and
 * maps it reads, for {@link FakeNft}'s reference checks.
 *
 * <p>Build one with {@link #builder()} (typed pieces) or {@link #of(String)} (pre-validated
 * tokens separated by spaces). Immutable.
 */
public record RuleBody(List<String> tokens) {

    // a leading "::" is an IPv6 address (::1, ::ffff:192.0.2.1/128); ":" alone stays an operator
    private static final Pattern BARE = Pattern.compile("(?:[A-Za-z0-9_]|::)[A-Za-z0-9_.:/,-]*");
    private static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=", "&", "|", "^", ".", ":", "{", "}", ",");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"$\\\\\\p{Cntrl}\\u2028\\u2029]*\"");

    public RuleBody {
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one token");
        }
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if ((t.equals("jump") || t.equals("goto")) && i + 1 < tokens.size()) {
                ScriptText.identifier("chain name", tokens.get(i + 1));
            }
            if (!isSafeToken(t)) {
                throw new IllegalArgumentException("rule token " + ScriptText.quoteForMessage(t) + " is not allowed");
            }
            if (t.equals("{")) {
                depth++;
            } else if (t.equals("}") && --depth < 0) {
                throw new IllegalArgumentException("rule has an unmatched }");
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("rule has an unclosed {");
        }
    }

    /** Splits {@code text} on spaces; every token must pass the token check (no quoted strings). */
    public static RuleBody of(String text) {
        return builder().tokens(text).build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The body as written in a script. */
    public String render() {
        return String.join(" ", tokens);
    }

    /** Chains named after {@code jump} or {@code goto}. */
    public Set<String> chainReferences() {
        Set<String> refs = new LinkedHashSet<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).equals("jump") || tokens.get(i).equals("goto")) {
                refs.add(tokens.get(i + 1));
            }
        }
        return Collections.unmodifiableSet(refs);
    }

    /** Sets and maps referenced as {@code @name}. */
    public Set<String> setReferences() {
        Set<String> refs = new LinkedHashSet<>();
        for (String t : tokens) {
            if (t.startsWith("@")) {
                refs.add(t.substring(1));
            }
        }
        return Collections.unmodifiableSet(refs);
    }

    private static boolean isSafeToken(String t) {
        if (t.startsWith("@")) {
            return ScriptText.isIdentifier(t.substring(1));
        }
        if (t.startsWith("\"")) {
            return QUOTED.matcher(t).matches() && t.length() >= 2;
        }
        return OPERATORS.contains(t) || BARE.matcher(t).matches();
    }

    /** Assembles a body from typed pieces. Not thread-safe. */
    public static final class Builder {
        private final List<String> tokens = new ArrayList<>();

        private Builder() {
        }

        /** Pre-validated tokens separated by spaces ({@code "ip saddr"}, {@code "ct state established,related"}). */
        public Builder tokens(String text) {
            String trimmed = text.replaceAll("^ +| +$", "");
            for (String t : trimmed.split(" +")) {
                if (t.startsWith("\"") || t.startsWith("@")) {
                    throw new IllegalArgumentException("use ifname(), quoted() or set() for " + ScriptText.quoteForMessage(t));
                }
                if (!isSafeToken(t)) {
                    throw new IllegalArgumentException("rule token " + ScriptText.quoteForMessage(t) + " is not allowed");
                }
                tokens.add(t);
            }
            return this;
        }

        /** A typed value (address, port, interface name, number). */
        public Builder value(Value v) {
            tokens.addAll(split(v.render()));
            return this;
        }

        /** {@code @name}: a named set or map. */
        public Builder set(String name) {
            tokens.add("@" + ScriptText.identifier("set name", name));
            return this;
        }

        /** An anonymous set {@code { a, b, c }} of typed values. */
        public Builder anonymousSet(List<? extends Value> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an anonymous set needs at least one value");
            }
            tokens.add("{");
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    tokens.add(",");
                }
                value(values.get(i));
            }
            tokens.add("}");
            return this;
        }

        /**
         * A quoted string (e.g. a log prefix), sanitised like a comment and with {@code $} replaced
         * too: nft expands {@code $variables} inside log prefixes. Callers cut log prefixes to 127 bytes.
         */
        public Builder quoted(String text) {
            tokens.add(ScriptText.quoted(ScriptText.comment(text).replace('$', '_')));
            return this;
        }

        /** {@code counter}. */
        public Builder counter() {
            tokens.add("counter");
            return this;
        }

        /** A verdict statement. */
        public Builder verdict(Verdict v) {
            return value(v);
        }

        /** The body. */
        public RuleBody build() {
            return new RuleBody(tokens);
        }

        private static List<String> split(String rendered) {
            // values render to space-separated tokens; a quoted interface name has no spaces
            return List.of(rendered.split(" "));
        }
    }
}
