package io.selvedge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Expands the {@code -f PATH|-} arguments of a command into the inputs to read: a file, every
 * {@code .yaml}/{@code .yml}/{@code .json} file under a directory (recursively, in name order,
 * so output is stable), or standard input for {@code -}.
 */
final class InputSources {
  private InputSources() {}

  /** One input: a display name for messages and a way to open it. */
  record Input(String name, Opener opener, long size) {
    InputStream open() throws IOException {
      return opener.open();
    }
  }

  @FunctionalInterface
  interface Opener {
    InputStream open() throws IOException;
  }

  static List<Input> expand(List<String> args, InputStream stdin) {
    List<Input> out = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("-")) {
        out.add(new Input("<stdin>", () -> stdin, -1));
        continue;
      }
      Path p = Path.of(arg);
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile).filter(InputSources::isResourceFile).sorted()
              .forEach(f -> out.add(fileInput(f)));
        } catch (IOException | java.io.UncheckedIOException e) {
          throw new UserError(ExitCode.INVALID, "cannot read directory " + arg + ": " + reason(e));
        }
      } else if (Files.isRegularFile(p)) {
        out.add(fileInput(p));
      } else {
        throw new UserError(ExitCode.INVALID, "no such file or directory: " + arg);
      }
    }
    return out;
  }

  private static Input fileInput(Path f) {
    long size;
    try {
      size = Files.size(f);
    } catch (IOException e) {
      size = -1;
    }
    return new Input(f.toString(), () -> Files.newInputStream(f), size);
  }

  private static boolean isResourceFile(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  static String reason(Exception e) {
    Throwable t = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
    if (t instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (t instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
