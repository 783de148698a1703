package io.selvedge.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.model.GlobalThreatFeedSpec.CsvFormat;
import io.selvedge.model.GlobalThreatFeedSpec.Format;
import io.selvedge.model.GlobalThreatFeedSpec.JsonFormat;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedFormatTest {
  private static String lines(Format f, String body) throws Exception {
    try (Reader r = FeedFormat.lines(f, new StringReader(body))) {
      StringBuilder b = new StringBuilder();
      char[] buf = new char[256];
      for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
        b.append(buf, 0, n);
      }
      return b.toString();
    }
  }

  private static Format csv(Integer num, String name, boolean header, String delim, int size, boolean noSizeCheck) {
    return new Format(null, null, new CsvFormat(num, name, header, delim, "#", size, noSizeCheck));
  }

  @Test
  void csvKeepsLineNumbersAndPassesBadRecordsOnWhole() throws Exception {
    String body = "# comment\nip,score\n\"192.0.2.1\",5\n198.51.100.0/24,\"a \"\"quoted\"\" note, with comma\"\n203.0.113.1\n";
    assertThat(lines(csv(null, "ip", true, null, 0, false), body)).isEqualTo(
        "\n\n192.0.2.1\n198.51.100.0/24\n203.0.113.1\n");
    assertThat(lines(csv(0, null, false, null, 0, false), "192.0.2.1,x\n203.0.113.1\n")).as("the first record sets the size")
        .isEqualTo("192.0.2.1\n203.0.113.1\n");
    assertThat(lines(csv(0, null, false, null, 0, false), "192.0.2.1,x\n203.0.113.1,y,z\n"))
        .isEqualTo("192.0.2.1\n203.0.113.1,y,z\n");
    assertThat(lines(csv(1, null, false, ";", 0, true), "a;192.0.2.1\nb;203.0.113.1;extra\nc\n"))
        .isEqualTo("192.0.2.1\n203.0.113.1\nc\n");
    assertThat(lines(csv(0, null, false, null, 0, false), "\"192.0.2.1,x\n203.0.113.1,y\n"))
        .as("an unclosed quote makes the record invalid").isEqualTo("\"192.0.2.1,x\n203.0.113.1\n");
    assertThat(io.selvedge.cli.netset.CsvFields.split("a,\"b,c\",\"d\"\"e\"", ',')).isEqualTo(List.of("a", "b,c", "d\"e"));
    assertThatThrownBy(() -> lines(csv(null, "addr", true, null, 0, false), "ip,score\n1.2.3.4,1\n"))
        .isInstanceOf(PullFailure.class).hasMessageContaining("no column \"addr\"");
  }

  @Test
  void jsonSelectsValuesAndRefusesWhatIsNotJson() throws Exception {
    Format f = new Format(null, new JsonFormat("$.feeds[*].entries[*]"), null);
    assertThat(lines(f, "{\"feeds\": [{\"entries\": [\"192.0.2.1\", 7]}, {\"entries\": [{\"x\": 1}]}]}"))
        .isEqualTo("192.0.2.1\n7\n{\"x\":1}\n");
    assertThat(lines(new Format(null, new JsonFormat("$['a'][1]"), null), "{\"a\": [\"x\", \"2001:db8::1\"]}"))
        .isEqualTo("2001:db8::1\n");
    assertThatThrownBy(() -> lines(f, "{\"feeds\": [\"192.0.2.1\"")).isInstanceOf(PullFailure.class)
        .hasMessageContaining("the body is not JSON");
    assertThatThrownBy(() -> lines(f, "")).isInstanceOf(PullFailure.class).hasMessageContaining("empty");
  }

  @Test
  void newlineDelimitedIsPassedThrough() throws IOException, PullFailure {
    Reader in = new StringReader("x");
    assertThat(FeedFormat.lines(null, in)).isSameAs(in);
  }
}
