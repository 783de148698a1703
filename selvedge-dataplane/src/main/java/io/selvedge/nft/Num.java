package io.selvedge.nft;

/**
 * An unsigned 32-bit number for {@code mark} values and {@code inet_proto} (0..255) fields.
 * Rendered in decimal.
 */
public record Num(long value) implements Value {

    public Num {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("number " + value + " is out of range (0..4294967295)");
        }
    }

    @Override
    public void appendTo(StringBuilder sb) {
        sb.append(value);
    }

    @Override
    public boolean fits(DataType type) {
        return type == DataType.MARK || (type == DataType.INET_PROTO && value <= 255);
    }
}
