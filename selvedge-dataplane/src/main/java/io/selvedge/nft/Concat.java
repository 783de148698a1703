package io.selvedge.nft;

import java.util.List;

/** A concatenated key ({@code 10.0.0.1 . 6 . 80}) for sets with a multi-field type. */
public record Concat(List<Value> parts) implements Value {

    public Concat {
        parts = List.copyOf(parts);
        if (parts.size() < 2) {
            throw new IllegalArgumentException("a concatenation needs at least two parts");
        }
        for (Value v : parts) {
            if (v instanceof Concat || v instanceof Verdict) {
                throw new IllegalArgumentException("a concatenation part cannot be " + v);
            }
        }
    }

    @Override
    public void appendTo(StringBuilder sb) {
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sb.append(" . ");
            }
            parts.get(i).appendTo(sb);
        }
    }

    @Override
    public boolean fits(DataType type) {
        return false;   // a concatenation fits a key type as a whole; see fits(List)
    }

    /** True if the parts fit the fields of {@code key}, one by one. */
    public boolean fits(List<DataType> key) {
        if (key.size() != parts.size()) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).fits(key.get(i))) {
                return false;
            }
        }
        return true;
    }
}
