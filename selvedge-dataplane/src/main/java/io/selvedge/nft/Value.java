package io.selvedge.nft;

/**
 * A typed value written into a script: a set element key, a map value, or an operand in a rule.
 * Each implementation renders only characters that cannot end the statement it sits in. Immutable.
 */
public sealed interface Value permits IpPrefix, IfName, Port, Num, Verdict, Concat {

    /** Appends this value as nft writes it. */
    void appendTo(StringBuilder sb);

    /** True if this value can be stored under {@code type} (one field of a key or a map value). */
    boolean fits(DataType type);

    /** This value as nft writes it. */
    default String render() {
        StringBuilder sb = new StringBuilder(24);
        appendTo(sb);
        return sb.toString();
    }
}
