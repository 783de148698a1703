package io.selvedge.nft;

/** A transport port ({@code inet_service}), 0..65535. */
public record Port(int number) implements Value {

    public Port {
        if (number < 0 || number > 65535) {
            throw new IllegalArgumentException("port " + number + " is out of range (0..65535)");
        }
    }

    @Override
    public void appendTo(StringBuilder sb) {
        sb.append(number);
    }

    @Override
    public boolean fits(DataType type) {
        return type == DataType.INET_SERVICE;
    }
}
