package io.selvedge.cli;

import io.selvedge.cli.netset.Gunzip;
import io.selvedge.cli.netset.HttpListDownloader;
import io.selvedge.model.UserText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@code --from} argument of {@code import netset}: a file, {@code -} for standard input,
 * or an {@code http(s)://} URL. URLs are downloaded whole into memory first
 * ({@link HttpListDownloader}), so a failed or cut-short download is an error before anything
 * is parsed or written. Gzip-compressed content (a {@code .gz} list, or a server that sends the
 * file compressed) is recognised by its magic bytes and unpacked. Progress is drawn while
 * reading files and downloading. Failures are {@link UserError}s saying that nothing was written.
 */
final class ListInput {
  private final String arg;

  ListInput(String arg) {
    this.arg = arg;
  }

  /** The name for messages: the path, the URL, or {@code <stdin>}. */
  String name() {
    return arg.equals("-") ? "<stdin>" : UserText.escapeControls(arg);
  }

  boolean isUrl() {
    return HttpListDownloader.isUrl(arg);
  }

  /** Opens the list as text; the caller closes the reader. Downloads URLs completely first. */
  Reader open(InputStream stdin, HttpListDownloader downloader, TerminalProgress progress) {
    InputStream raw;
    if (arg.equals("-")) {
      raw = stdin;
    } else if (isUrl()) {
      raw = new ByteArrayInputStream(download(downloader, progress));
    } else {
      raw = openFile(progress);
    }
    try {
      return new InputStreamReader(Gunzip.ifNeeded(raw), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError(ExitCode.INVALID, "cannot read " + name() + ": " + InputSources.reason(e) + "; nothing was written");
    }
  }

  private InputStream openFile(TerminalProgress progress) {
    Path p = Path.of(arg);
    if (Files.isDirectory(p)) {
      throw new UserError(ExitCode.INVALID, name() + " is a directory (want a file with one address or CIDR per line); nothing was written");
    }
    try {
      long size = Files.size(p);
      return progress.reading(p.getFileName().toString(), Files.newInputStream(p), size);
    } catch (IOException e) {
      throw new UserError(ExitCode.INVALID, "cannot read " + name() + ": " + InputSources.reason(e) + "; nothing was written");
    }
  }

  private byte[] download(HttpListDownloader downloader, TerminalProgress progress) {
    URI uri;
    try {
      uri = new URI(arg);
    } catch (URISyntaxException e) {
      throw new UserError(ExitCode.USAGE, "bad URL " + UserText.quoted(arg) + ": " + e.getReason());
    }
    try {
      long[] shownMiB = {-1};
      return downloader.download(uri, (bytes, total) -> {
        if (total > 0) {
          progress.update("downloading", bytes, total);
        } else if (bytes >> 20 != shownMiB[0]) {
          shownMiB[0] = bytes >> 20; // size not announced: say how much so far, once per MiB
          progress.step("downloading: " + shownMiB[0] + " MiB so far");
        }
      });
    } catch (HttpListDownloader.DownloadException e) {
      throw new UserError(ExitCode.INVALID, "cannot download " + name() + ": " + e.getMessage() + "; nothing was written");
    } finally {
      progress.done();
    }
  }
}
