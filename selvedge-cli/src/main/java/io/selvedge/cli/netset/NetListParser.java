package io.selvedge.cli.netset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.model.UserText;
import io.selvedge.net.Cidr;
import io.selvedge.net.IpAddress;
import io.selvedge.net.IpFamily;
import io.selvedge.net.IpFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads IP lists as people publish them, one entry per line, into a {@link CidrAggregator}:
 * <ul>
 *   <li>an IPv4 or IPv6 address ({@code 192.0.2.7}, {@code 2001:db8::1}), a CIDR
 *       ({@code 192.0.2.0/24}; host bits are cleared and counted), or an inclusive range
 *       ({@code 192.0.2.10-192.0.2.20}, spaces around the dash allowed);
 *   <li>comments from {@code #} or {@code ;} to the end of the line, whole-line or inline, so
 *       FireHOL {@code .netset}/{@code .ipset} files and Spamhaus DROP/EDROP text
 *       ({@code 1.10.16.0/20 ; SBL256894}) read as they are;
 *   <li>Spamhaus' JSON-lines edition ({@code {"cidr":"1.10.16.0/20","sblid":"SBL256894",...}});
 *       its metadata line is ignored;
 *   <li>blank lines, a UTF-8 byte-order mark, CRLF or CR line ends, and surrounding whitespace.
 * </ul>
 * Anything else on a line (a second token, a malformed address) makes the line invalid: it is
 * counted and kept as a {@link Problem} with its file and line number (the first
 * {@code maxProblems}; later ones are only counted), and parsing goes on. Whether invalid lines
 * are fatal is the caller's choice ({@code --strict}). Never touches DNS.
 *
 * <p>Cost: one pass, one {@code Cidr} parse per entry; a million lines take well under a
 * second. Not thread-safe.
 */
public final class NetListParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One invalid line: where, what it said (as read) and why it was rejected. */
  public record Problem(String source, long line, String text, String reason) {
    /** {@code list.txt:17: "10.0.0.256" is not ... (why)}, safe to print. */
    public String format() {
      return UserText.escapeControls(source) + ":" + line + ": " + UserText.quoted(text) + " " + reason;
    }
  }

  /** Counts for one source. */
  public record Stats(String source, long lines, long entries, long invalid, long hostBitsCleared, long v4, long v6) {}

  /** What one line holds. */
  sealed interface Line {}

  /** A blank or comment-only line, or a JSON metadata line. */
  record Ignored() implements Line {}

  /** A prefix or single address (as a /32 or /128). */
  record Net(Cidr cidr) implements Line {}

  /** An inclusive address range. */
  record Range(IpAddress first, IpAddress last) implements Line {}

  /** A line that is none of the above. */
  record Invalid(String reason) implements Line {}

  private static final Ignored IGNORED = new Ignored();

  private final CidrAggregator into;
  private final int maxProblems;
  private final List<Problem> problems = new ArrayList<>();
  private long invalidTotal;

  /**
   * @param into where entries go
   * @param maxProblems how many invalid lines to keep with their text (all are counted)
   */
  public NetListParser(CidrAggregator into, int maxProblems) {
    this.into = into;
    this.maxProblems = maxProblems;
  }

  /** Reads every line of {@code in}; {@code source} names it in problems. Does not close {@code in}. */
  public Stats parse(String source, Reader in) throws IOException {
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    long lines = 0;
    long entries = 0;
    long invalid = 0;
    long masked = 0;
    long v4 = 0;
    long v6 = 0;
    String text;
    while ((text = r.readLine()) != null) {
      lines++;
      if (lines == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
        text = text.substring(1);
      }
      Line parsed = parseLine(text);
      if (parsed instanceof Net n) {
        entries++;
        if (n.cidr().hasHostBits()) {
          masked++;
        }
        if (n.cidr().family() == IpFamily.V4) {
          v4++;
        } else {
          v6++;
        }
        into.add(n.cidr());
      } else if (parsed instanceof Range g) {
        entries++;
        if (g.first().family() == IpFamily.V4) {
          v4++;
        } else {
          v6++;
        }
        into.addRange(g.first(), g.last());
      } else if (parsed instanceof Invalid bad) {
        invalid++;
        invalidTotal++;
        if (problems.size() < maxProblems) {
          problems.add(new Problem(source, lines, text.strip(), bad.reason()));
        }
      }
    }
    return new Stats(source, lines, entries, invalid, masked, v4, v6);
  }

  /** The first {@code maxProblems} invalid lines over every source parsed. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** How many invalid lines there were over every source parsed. */
  public long invalidLines() {
    return invalidTotal;
  }

  /** Classifies one line (without its line end). */
  static Line parseLine(String line) {
    int start = 0;
    int end = line.length();
    while (start < end && isSpace(line.charAt(start))) {
      start++;
    }
    if (start < end && line.charAt(start) == '{') {
      return jsonLine(line.substring(start));
    }
    for (int i = start; i < end; i++) {
      char c = line.charAt(i);
      if (c == '#' || c == ';') {
        end = i;
        break;
      }
    }
    while (end > start && isSpace(line.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      return IGNORED;
    }
    String entry = line.substring(start, end);
    int dash = entry.indexOf('-');
    if (dash >= 0) {
      return range(entry, dash);
    }
    for (int i = 0; i < entry.length(); i++) {
      if (isSpace(entry.charAt(i))) {
        return new Invalid("has more than one entry on the line (one address, CIDR or range per line; comments start with # or ;)");
      }
    }
    try {
      return new Net(Cidr.parse(entry));
    } catch (IpFormatException e) {
      return new Invalid("is not an IP address, CIDR or range: " + e.reason());
    }
  }

  private static Line range(String entry, int dash) {
    String a = entry.substring(0, dash).strip();
    String b = entry.substring(dash + 1).strip();
    IpAddress first;
    IpAddress last;
    try {
      first = IpAddress.parse(a);
      last = IpAddress.parse(b);
    } catch (IpFormatException e) {
      return new Invalid("is not an IP address, CIDR or FIRST-LAST range: " + UserText.quoted(e.input()) + " " + e.reason());
    }
    if (first.family() != last.family()) {
      return new Invalid("is not a valid range: it mixes IPv4 and IPv6");
    }
    if (first.compareTo(last) > 0) {
      return new Invalid("is not a valid range: it ends before it starts");
    }
    return new Range(first, last);
  }

  /** Spamhaus DROP JSON lines: {@code {"cidr":"...",...}} or the {@code {"type":"metadata",...}} trailer. */
  private static Line jsonLine(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      return new Invalid("is not valid JSON (a line starting with { is read as Spamhaus DROP JSON)");
    }
    JsonNode cidr = node == null ? null : node.get("cidr");
    if (cidr == null || !cidr.isTextual()) {
      if (node != null && node.has("type")) {
        return IGNORED; // Spamhaus' metadata record
      }
      return new Invalid("has no \"cidr\" text field (a line starting with { is read as Spamhaus DROP JSON)");
    }
    try {
      return new Net(Cidr.parse(cidr.asText()));
    } catch (IpFormatException e) {
      return new Invalid("has a \"cidr\" that is not a CIDR: " + e.getMessage());
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b';
  }
}
