package io.selvedge.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class from the test class path, with its output collected line by
 * line (so a test can wait for "ready" or "writing"). Always {@link #close} it: that kills the
 * process if it is still running.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (all) {
            all.add(line);
          }
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process died; its output ends here
      }
    }, "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code main} with {@code args}; stderr is merged into stdout. */
  public static ChildJvm start(Class<?> main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
  }

  /** Waits for an output line equal to {@code expected}; fails with the output so far if it does not come. */
  public void awaitLine(String expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("child did not print \"" + expected + "\" within " + timeout + "; output: " + output());
      }
      if (line.equals(expected)) {
        return;
      }
    }
  }

  /** Lines printed so far. */
  public List<String> lines() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  /** Waits for exit (and all its output); returns the exit code (fails if it does not exit in time). */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child did not exit within " + timeout + "; output: " + output());
    }
    reader.join(timeout.toMillis());
    return process.exitValue();
  }

  /** Writes one line to the child's stdin. */
  public void send(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /** SIGKILL, and wait until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public String output() {
    synchronized (all) {
      return String.join("\n", all);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
