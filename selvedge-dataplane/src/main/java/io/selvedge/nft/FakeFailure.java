package io.selvedge.nft;

/** An operation FakeNft refused; becomes an {@link NftException} for the whole transaction. */
final class FakeFailure extends RuntimeException {

    final NftException.Kind kind;

    FakeFailure(NftException.Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static FakeFailure notFound(String what) {
        return new FakeFailure(NftException.Kind.NOT_FOUND, "No such file or directory: " + what);
    }

    static FakeFailure exists(String what) {
        return new FakeFailure(NftException.Kind.ALREADY_EXISTS, "File exists: " + what);
    }

    static FakeFailure busy(String what) {
        return new FakeFailure(NftException.Kind.OTHER, "Device or resource busy: " + what);
    }

    static FakeFailure other(String message) {
        return new FakeFailure(NftException.Kind.OTHER, message);
    }
}
