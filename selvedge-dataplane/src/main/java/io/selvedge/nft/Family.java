package io.selvedge.nft;

/** nftables address families of a table. Selvedge uses {@link #INET}; the others exist for tests and reads. */
public enum Family {
    IP("ip"), IP6("ip6"), INET("inet"), ARP("arp"), BRIDGE("bridge"), NETDEV("netdev");

    private final String nftName;

    Family(String nftName) {
        this.nftName = nftName;
    }

    /** The keyword nft uses for this family. */
    public String nftName() {
        return nftName;
    }
}
