package io.selvedge.nft;

import java.util.Optional;

/** One set element ({@code key}) or map element ({@code key : data}). Immutable. */
public record Element(Value key, Optional<Value> data) {

    public Element {
        if (key instanceof Verdict) {
            throw new IllegalArgumentException("a verdict cannot be a key");
        }
        if (data.isPresent() && data.get() instanceof Concat) {
            throw new IllegalArgumentException("a map value cannot be a concatenation");
        }
    }

    /** A set element. */
    public static Element of(Value key) {
        return new Element(key, Optional.empty());
    }

    /** A map element {@code key : data}. */
    public static Element mapping(Value key, Value data) {
        return new Element(key, Optional.of(data));
    }

    void appendTo(StringBuilder sb) {
        key.appendTo(sb);
        data.ifPresent(d -> {
            sb.append(" : ");
            d.appendTo(sb);
        });
    }
}
