package io.selvedge.cli.netset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Recognises gzip-compressed lists (a {@code .gz} file, a server sending the file compressed). */
public final class Gunzip {
  private Gunzip() {}

  /** Wraps {@code in} in a gzip decoder when it starts with the gzip magic bytes. */
  public static InputStream ifNeeded(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    b.mark(2);
    int first = b.read();
    int second = b.read();
    b.reset();
    if (first == 0x1f && second == 0x8b) {
      return new GZIPInputStream(b, 1 << 16);
    }
    return b;
  }
}
