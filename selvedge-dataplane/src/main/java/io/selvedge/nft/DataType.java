package io.selvedge.nft;

/** The nft data types Selvedge uses as set keys and map values. */
public enum DataType {
    IPV4_ADDR("ipv4_addr"),
    IPV6_ADDR("ipv6_addr"),
    IFNAME("ifname"),
    INET_SERVICE("inet_service"),
    INET_PROTO("inet_proto"),
    MARK("mark"),
    VERDICT("verdict");

    private final String nftName;

    DataType(String nftName) {
        this.nftName = nftName;
    }

    /** The name nft uses in {@code type ...} declarations. */
    public String nftName() {
        return nftName;
    }
}
