package io.selvedge.nft;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link Nft} that hands every call to another one; a subclass overrides what it does
 * differently (a fake that also renders each script, a fake that refuses on demand).
 */
public class ForwardingNft implements Nft {

    private final Nft delegate;

    public ForwardingNft(Nft delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void run(Transaction tx) {
        delegate.run(tx);
    }

    @Override
    public long addElements(NftSet set, AddressSource addresses) {
        return delegate.addElements(set, addresses);
    }

    @Override
    public List<String> listChains(Table table) {
        return delegate.listChains(table);
    }

    @Override
    public Map<String, Optional<String>> chainComments(Table table) {
        return delegate.chainComments(table);
    }

    @Override
    public List<String> listSets(Table table) {
        return delegate.listSets(table);
    }

    @Override
    public List<RuleInfo> listRules(Table table, String chain) {
        return delegate.listRules(table, chain);
    }

    @Override
    public boolean hasTable(Table table) {
        return delegate.hasTable(table);
    }
}
