package io.selvedge.nft;

import java.util.Optional;

/**
 * What a listing says about one rule: its handle, its comment (as stored), and the values of
 * its {@code counter} (zero when the rule has none).
 */
public record RuleInfo(long handle, Optional<String> comment, long packets, long bytes) {
}
