package io.selvedge.nft;

import java.util.regex.Pattern;

/**
 * A network interface name, or a prefix wildcard ({@code "cali*"}), as a quoted nft string.
 *
 * <p>Accepted: 1 to 15 characters of {@code [A-Za-z0-9_.-]} (IFNAMSIZ - 1; Linux allows more
 * characters, Selvedge does not), or 0 to 14 such characters followed by {@code *}. A lone
 * {@code *} matches every interface. Note that nft 1.0.6 stores wildcard keys only in sets and
 * maps with {@code flags interval}.
 */
public record IfName(String name) implements Value {

    private static final Pattern EXACT = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern WILDCARD = Pattern.compile("[A-Za-z0-9_.-]{0,14}\\*");

    public IfName {
        if (name == null || !(EXACT.matcher(name).matches() || WILDCARD.matcher(name).matches())) {
            throw new IllegalArgumentException("interface name " + (name == null ? "null" : ScriptText.quoteForMessage(name))
                    + " is not allowed (1-15 characters of A-Z a-z 0-9 _ . -, or a prefix of up to 14 followed by *)");
        }
    }

    /** Parses an interface name or wildcard. */
    public static IfName of(String name) {
        return new IfName(name);
    }

    /** True for the {@code prefix*} form. */
    public boolean isWildcard() {
        return name.endsWith("*");
    }

    /** The part before {@code *} for a wildcard, else the name. */
    public String stem() {
        return isWildcard() ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public void appendTo(StringBuilder sb) {
        sb.append('"').append(name).append('"');
    }

    @Override
    public boolean fits(DataType type) {
        return type == DataType.IFNAME;
    }
}
