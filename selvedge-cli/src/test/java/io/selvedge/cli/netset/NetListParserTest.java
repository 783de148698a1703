package io.selvedge.cli.netset;

import static org.assertj.core.api.Assertions.assertThat;

import io.selvedge.net.Cidr;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Line formats accepted and rejected, and whole lists with line numbers. */
class NetListParserTest {

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "192.0.2.7                          | 192.0.2.7/32",
      "192.0.2.0/24                       | 192.0.2.0/24",
      "192.0.2.1/24                       | 192.0.2.1/24",
      "'  192.0.2.0/24  '                 | 192.0.2.0/24",
      "'\t192.0.2.0/24\t'                 | 192.0.2.0/24",
      "'192.0.2.0/24\r'                   | 192.0.2.0/24",
      "192.0.2.0/24 # inline comment      | 192.0.2.0/24",
      "192.0.2.0/24#no space              | 192.0.2.0/24",
      "'1.10.16.0/20 ; SBL256894'         | 1.10.16.0/20",
      "'1.10.16.0/20;SBL256894'           | 1.10.16.0/20",
      "2001:db8::1                        | 2001:db8::1/128",
      "2001:DB8::/32                      | 2001:db8::/32",
      "'2a06:e480::/29 ; SBL301771'       | 2a06:e480::/29",
      "::ffff:192.0.2.1                   | ::ffff:192.0.2.1/128",
      "0.0.0.0/0                          | 0.0.0.0/0",
      "'{\"cidr\":\"1.10.16.0/20\",\"sblid\":\"SBL256894\",\"rir\":\"apnic\"}' | 1.10.16.0/20",
      "'  {\"cidr\": \"2a06:e480::/29\"}'   | 2a06:e480::/29",
  })
  void acceptsNets(String line, String want) {
    NetListParser.Line parsed = NetListParser.parseLine(line);
    assertThat(parsed).isInstanceOf(NetListParser.Net.class);
    assertThat(((NetListParser.Net) parsed).cidr()).isEqualTo(Cidr.parse(want));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t", "\r", "# FireHOL header", "; Spamhaus DROP List 2024/01/01", "   # indented comment",
      ";", "#", "{\"type\":\"metadata\",\"timestamp\":1700000000,\"size\":1000,\"records\":1000}"})
  void ignoresBlankAndComments(String line) {
    assertThat(NetListParser.parseLine(line)).isInstanceOf(NetListParser.Ignored.class);
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "10.0.0.256                         | is not an IP address, CIDR or range",
      "10.0.0.0/33                        | is not an IP address, CIDR or range",
      "010.0.0.1                          | is not an IP address, CIDR or range",
      "example.com                        | is not an IP address, CIDR or range",
      "fe80::1%eth0                       | is not an IP address, CIDR or range",
      "2001:db8::/129                     | is not an IP address, CIDR or range",
      "10.0.0.1 10.0.0.2                  | has more than one entry on the line",
      "'1.2.3.0/24 SBL123'                | has more than one entry on the line",
      "10.0.0.9-10.0.0.1                  | ends before it starts",
      "10.0.0.1-2001:db8::1               | mixes IPv4 and IPv6",
      "10.0.0.1-                          | is not an IP address, CIDR or FIRST-LAST range",
      "'{\"cidr\": 5}'                    | has no \"cidr\" text field",
      "'{\"cidr\": \"10.0.0.0/99\"}'      | has a \"cidr\" that is not a CIDR",
      "'{broken'                          | is not valid JSON",
  })
  void rejectsWithReason(String line, String reason) {
    NetListParser.Line parsed = NetListParser.parseLine(line);
    assertThat(parsed).isInstanceOf(NetListParser.Invalid.class);
    assertThat(((NetListParser.Invalid) parsed).reason()).contains(reason);
  }

  @Test
  void rangesAreInclusive() {
    assertThat(NetListParser.parseLine("192.0.2.10-192.0.2.20")).isInstanceOf(NetListParser.Range.class);
    assertThat(NetListParser.parseLine("192.0.2.10 - 192.0.2.20")).isInstanceOf(NetListParser.Range.class);
    assertThat(NetListParser.parseLine("2001:db8::1-2001:db8::ff # v6 range")).isInstanceOf(NetListParser.Range.class);
  }

  @Test
  void wholeListCountsLinesAndNamesBadOnes() throws Exception {
    String text = "\uFEFF# FireHOL-style header\r\n"
        + "#\r\n"
        + "10.0.0.0/8\r\n"
        + "\r\n"
        + "10.1.2.3/16 ; covered by 10.0.0.0/8\r\n"
        + "not-an-ip\r\n"
        + "192.0.2.1\r\n"
        + "192.0.2.1\r\n"
        + "2001:db8::/32\n"
        + "300.1.1.1\n"
        + "2001:db8:1::5";
    CidrAggregator agg = new CidrAggregator();
    NetListParser p = new NetListParser(agg, 10);
    NetListParser.Stats s = p.parse("list.txt", new StringReader(text));
    assertThat(s.lines()).isEqualTo(11);
    assertThat(s.entries()).isEqualTo(6);
    assertThat(s.invalid()).isEqualTo(2);
    assertThat(s.hostBitsCleared()).isEqualTo(1);
    assertThat(s.v4()).isEqualTo(4);
    assertThat(s.v6()).isEqualTo(2);
    assertThat(p.problems()).extracting(NetListParser.Problem::line).containsExactly(6L, 10L);
    assertThat(p.problems().get(0).format()).startsWith("list.txt:6: \"not-an-ip\" is not an IP address, CIDR or FIRST-LAST range");
    assertThat(p.problems().get(1).format()).startsWith("list.txt:10: \"300.1.1.1\" is not an IP address, CIDR or range");
    CidrAggregator.Result r = agg.aggregate();
    assertThat(r.all()).extracting(Cidr::toString).containsExactly("10.0.0.0/8", "192.0.2.1/32", "2001:db8::/32");
    assertThat(r.duplicates()).isEqualTo(1);
  }

  @Test
  void keepsOnlyTheFirstProblemsButCountsAll() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      b.append("bad").append(i).append('\n');
    }
    NetListParser p = new NetListParser(new CidrAggregator(), 5);
    p.parse("a", new StringReader(b.toString()));
    p.parse("b", new StringReader("x\n10.0.0.0/8\n"));
    assertThat(p.problems()).hasSize(5);
    assertThat(p.invalidLines()).isEqualTo(101);
  }

  @Test
  void controlCharactersInBadLinesArePrintedEscaped() throws Exception {
    NetListParser p = new NetListParser(new CidrAggregator(), 5);
    p.parse("evil\n.txt", new StringReader("10.0.0.1\u001b[2J\n"));
    List<NetListParser.Problem> problems = p.problems();
    assertThat(problems.get(0).format()).doesNotContain("\u001b").doesNotContain("\n").contains("\\u001b");
  }
}
