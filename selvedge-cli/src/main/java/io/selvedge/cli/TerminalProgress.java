package io.selvedge.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * A one-line progress display for long work (reading a 20 MB list, writing a big batch), drawn
 * on stderr with carriage returns only when stderr is a terminal; silent otherwise, so logs
 * and pipes stay clean. Redraws at most every 100 ms.
 */
final class TerminalProgress {
  private final PrintWriter err;
  private final boolean enabled;
  private long lastDraw;
  private boolean drawn;

  TerminalProgress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Enabled when this process has a terminal (stdin and stdout not redirected) and stderr is the real one. */
  static TerminalProgress forConsole(PrintWriter err) {
    return new TerminalProgress(err, System.console() != null && System.getenv("CI") == null);
  }

  static TerminalProgress off(PrintWriter err) {
    return new TerminalProgress(err, false);
  }

  void update(String what, long done, long total) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (drawn && done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    drawn = true;
    int pct = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    int bar = pct / 5;
    err.print("\r" + what + " [" + "#".repeat(bar) + " ".repeat(20 - bar) + "] " + pct + "%   ");
    err.flush();
  }

  /**
   * Shows a step whose progress cannot be measured (aggregating, one big write), e.g.
   * {@code writing 981520 nets...}; cleared by {@link #done()}. Keep it under 70 characters.
   */
  void step(String what) {
    if (!enabled) {
      return;
    }
    String line = what.length() > 68 ? what.substring(0, 68) : what;
    err.print("\r" + line + "..." + " ".repeat(Math.max(0, 69 - line.length())));
    err.flush();
    drawn = true;
    lastDraw = System.nanoTime();
  }

  /** Shows a step without a measurable fraction, e.g. "decoding big.yaml ...". */
  void phase(String what) {
    if (!enabled) {
      return;
    }
    err.print("\r" + what + " ..." + " ".repeat(Math.max(0, 40 - what.length())));
    err.flush();
    drawn = true;
  }

  /** Clears the line so the next message starts clean. */
  void done() {
    if (enabled && drawn) {
      err.print("\r" + " ".repeat(72) + "\r");
      err.flush();
      drawn = false;
    }
  }

  /** Wraps a stream of known size so reading it draws "reading NAME" progress. */
  InputStream reading(String name, InputStream in, long size) {
    if (!enabled || size <= 0) {
      return in;
    }
    return new FilterInputStream(in) {
      private long read;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          advance(1);
        } else {
          finished();
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          advance(n);
        } else if (n < 0) {
          finished();
        }
        return n;
      }

      /** All bytes read: what follows (parsing) takes longer than reading did. */
      private void finished() {
        phase("decoding " + name);
      }

      private void advance(int n) {
        read += n;
        update("reading " + name, read, size);
      }
    };
  }
}
