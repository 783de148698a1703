package io.selvedge.feeds;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.cli.netset.CsvFields;
import io.selvedge.codec.JsonPath;
import io.selvedge.model.GlobalThreatFeedSpec.CsvFormat;
import io.selvedge.model.GlobalThreatFeedSpec.Format;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;

/**
 * Turns a feed body into the one-entry-per-line text {@link io.selvedge.cli.netset.NetListParser}
 * reads, per the feed's {@code format}: newline-delimited text as it is; for {@code json}, the
 * strings the path selects, one per line (line N is the Nth value); for {@code csv}, the chosen
 * column, one output line per input line (so line numbers in problems are the file's), with
 * the header and comment lines left blank and records of the wrong size passed on whole so
 * they count as invalid. Stateless.
 */
final class FeedFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FeedFormat() {}

  /** The lines to parse. {@code text} is the decoded body; {@code format} may be null. */
  static Reader lines(Format format, Reader text) throws IOException, PullFailure {
    if (format == null || (format.json() == null && format.csv() == null)) {
      return text;
    }
    if (format.json() != null) {
      return json(format.json().path(), text);
    }
    return csv(format.csv(), text);
  }

  private static Reader json(String path, Reader text) throws IOException, PullFailure {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new PullFailure("the body is not JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw new PullFailure("the body is empty (expected a JSON document)");
    }
    StringBuilder out = new StringBuilder();
    JsonPath.compile(path).select(root, n -> {
      String v = n.isValueNode() ? n.asText() : n.toString();
      out.append(v.replace('\n', ' ').replace('\r', ' ')).append('\n');
    });
    return new StringReader(out.toString());
  }

  private static Reader csv(CsvFormat csv, Reader text) throws IOException, PullFailure {
    char delimiter = csv.columnDelimiter() == null ? ',' : csv.columnDelimiter().charAt(0);
    String comment = csv.commentDelimiter();
    int column = csv.fieldNum() == null ? -1 : csv.fieldNum();
    int size = csv.recordSize();
    boolean headerPending = csv.header();
    StringBuilder out = new StringBuilder();
    BufferedReader in = new BufferedReader(text);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank() || (comment != null && line.startsWith(comment))) {
        out.append('\n');
        continue;
      }
      List<String> fields;
      try {
        fields = CsvFields.split(line, delimiter);
      } catch (IllegalArgumentException e) {
        out.append(line).append('\n'); // an unclosed quote: the record is invalid as a whole
        continue;
      }
      if (headerPending) {
        headerPending = false;
        if (column < 0) {
          column = fields.indexOf(csv.fieldName());
          if (column < 0) {
            throw new PullFailure("the CSV header has no column \"" + csv.fieldName() + "\" (it has " + fields + ")");
          }
        }
        out.append('\n');
        continue;
      }
      if (size == 0 && !csv.disableRecordSizeValidation()) {
        size = fields.size(); // like Go's encoding/csv: the first record sets the size
      }
      boolean badSize = !csv.disableRecordSizeValidation() && fields.size() != size;
      out.append(badSize || column >= fields.size() ? line : fields.get(column).strip()).append('\n');
    }
    return new StringReader(out.toString());
  }
}
