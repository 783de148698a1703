package io.selvedge.nft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NftErrorParserTest {

    static final Table T = new Table(Family.INET, "t");

    @Test
    void mapsErrorsToScriptLinesAndClassifies() {
        Transaction tx = new Transaction().add(T).add(Chain.regular(T, "c")).delete(Chain.regular(T, "nope"));
        // what nft 1.0.6 prints for a delete of a missing chain (line 3)
        String stderr = """
                /dev/stdin:3:21-24: Error: Could not process rule: No such file or directory
                delete chain inet t nope
                                    ^^^^
                """;
        NftException e = NftErrorParser.toException(stderr, Optional.of(tx));
        assertThat(e.kind()).isEqualTo(NftException.Kind.NOT_FOUND);
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0).line()).isEqualTo(3);
        assertThat(e.failingLine()).hasValue("delete chain inet t nope");
        assertThat(e.getMessage()).isEqualTo("nft: Could not process rule: No such file or directory (script line 3:21): delete chain inet t nope");
        assertThat(e.stderr()).isEqualTo(stderr);
    }

    @Test
    void classifiesTheMessagesNftPrints() {
        assertThat(NftErrorParser.classify("Could not process rule: File exists")).isEqualTo(NftException.Kind.ALREADY_EXISTS);
        assertThat(NftErrorParser.classify("element does not exist")).isEqualTo(NftException.Kind.NOT_FOUND);
        assertThat(NftErrorParser.classify("No such file or directory; did you mean table 't' in family inet?"))
                .isEqualTo(NftException.Kind.NOT_FOUND);
        assertThat(NftErrorParser.classify("interval overlaps with an existing one")).isEqualTo(NftException.Kind.OTHER);
        assertThat(NftErrorParser.classify("Could not process rule: Device or resource busy")).isEqualTo(NftException.Kind.OTHER);
        assertThat(NftErrorParser.classify("syntax error, unexpected newline")).isEqualTo(NftException.Kind.OTHER);
    }

    @Test
    void cutsLongLinesAroundTheError() {
        List<IpPrefix> many = java.util.stream.IntStream.range(0, 16).mapToObj(i -> (IpPrefix) Ipv4Prefix.host(i << 8)).toList();
        Transaction tx = new Transaction().add(Elements.of(NftSet.of(T, "s", DataType.IPV4_ADDR), many));
        NftException e = NftErrorParser.toException("/dev/stdin:2:3-9: Error: something\n", Optional.of(tx));
        assertThat(e.failingLine().orElseThrow()).startsWith("0.0.0.0, 0.0.1.0");
        NftException none = NftErrorParser.toException("Error: Could not process rule: No such file or directory\n", Optional.empty());
        assertThat(none.kind()).isEqualTo(NftException.Kind.NOT_FOUND);
        assertThat(none.errors()).isEmpty();
    }
}
