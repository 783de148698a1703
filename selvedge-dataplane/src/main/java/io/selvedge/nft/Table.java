package io.selvedge.nft;

/** A table: family and name. Selvedge owns exactly one, {@code inet selvedge}. */
public record Table(Family family, String name) implements NftObject {

    public Table {
        ScriptText.identifier("table name", name);
    }

    @Override
    public Table table() {
        return this;
    }

    /** {@code family name}, as in scripts. */
    public String spec() {
        return family.nftName() + " " + name;
    }
}
