package io.selvedge.nft;

import java.util.List;

/** The {@code nft} binary could not be started (missing, not executable), or is too old. Kind OTHER. */
public final class NftNotFoundException extends NftException {

    public NftNotFoundException(String message) {
        super(Kind.OTHER, message, "", List.of());
    }
}
