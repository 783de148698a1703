package io.selvedge.nft;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The only ways free-form text reaches an nft script: identifiers (checked, never altered) and
 * comments (sanitised). Stateless and thread-safe.
 *
 * <p>Identifiers: nft 1.0.6 reads object names as bare words ({@code "name"} in quotes is a syntax
 * error for chains, sets and tables), so a name must be a word nft's scanner returns as a string:
 * a letter or {@code _} first, then letters, digits, {@code _ - . /}; at most 256 characters
 * (NFT_NAME_MAXLEN); and not one of nft's keywords ({@code counter}, {@code drop}, {@code ip},
 * ... see {@link NftKeywords}), which the scanner would return as tokens and the parser reject.
 *
 * <p>Comments: nft comments are double-quoted strings that cannot contain {@code "} and are at
 * most 128 bytes. {@link #comment} replaces {@code "}, {@code \}, control characters, and
 * line/paragraph separators by {@code _} (as Calico does for shell-unsafe characters) and cuts
 * the result to 128 UTF-8 bytes without splitting a character. Everything else (including
 * {@code ; # { } $ `}) is harmless inside the quotes and kept.
 */
public final class ScriptText {

    /** NFT_NAME_MAXLEN in nftables. */
    public static final int MAX_NAME_LENGTH = 256;
    /** nft rejects longer comments ("comment too long, 128 characters maximum allowed"; bytes). */
    public static final int MAX_COMMENT_BYTES = 128;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");

    private ScriptText() {
    }

    /** True if {@code name} may be written into a script as a table, chain, set or map name. */
    public static boolean isIdentifier(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_NAME_LENGTH
                && IDENTIFIER.matcher(name).matches() && !NftKeywords.contains(name);
    }

    /**
     * Returns {@code name} if it is a valid identifier.
     *
     * @param what what the name names, for the message ("chain name")
     * @throws IllegalArgumentException quoting the name and saying what is allowed
     */
    public static String identifier(String what, String name) {
        if (name == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (!isIdentifier(name)) {
            String why = NftKeywords.contains(name) ? "it is an nft keyword"
                    : name.length() > MAX_NAME_LENGTH ? "it is longer than " + MAX_NAME_LENGTH + " characters"
                    : "use a letter or _ first, then letters, digits, _ - . /";
            throw new IllegalArgumentException(what + " " + quoteForMessage(name) + " is not allowed (" + why + ")");
        }
        return name;
    }

    /** The sanitised form of a comment: safe between double quotes in a script, at most 128 bytes. */
    public static String comment(String raw) {
        StringBuilder sb = new StringBuilder(Math.min(raw.length(), MAX_COMMENT_BYTES));
        int bytes = 0;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            int out = safeInComment(cp) ? cp : '_';
            int len = utf8Length(out);
            if (bytes + len > MAX_COMMENT_BYTES) {
                break;
            }
            sb.appendCodePoint(out);
            bytes += len;
        }
        return sb.toString();
    }

    /** {@code "text"}; {@code text} must already be safe (a sanitised comment or a checked value). */
    static String quoted(String safeText) {
        return '"' + safeText + '"';
    }

    private static boolean safeInComment(int cp) {
        if (cp == '"' || cp == '\\' || Character.isISOControl(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.SURROGATE && type != Character.UNASSIGNED
                && type != Character.FORMAT;
    }

    private static int utf8Length(int cp) {
        return new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Makes a rejected input printable in an error message without letting it span lines. */
    static String quoteForMessage(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().limit(80).forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        if (s.codePointCount(0, s.length()) > 80) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
