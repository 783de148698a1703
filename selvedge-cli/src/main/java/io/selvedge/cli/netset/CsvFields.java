package io.selvedge.cli.netset;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line as RFC 4180 quotes it (no line breaks inside fields). Stateless. */
public final class CsvFields {
  private CsvFields() {}

  /**
   * The fields of {@code line}: double quotes group, {@code ""} inside them is a quote.
   *
   * @throws IllegalArgumentException if a quoted field is not closed
   */
  public static List<String> split(String line, char delimiter) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == delimiter) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quoted field is not closed");
    }
    out.add(cur.toString());
    return out;
  }
}
