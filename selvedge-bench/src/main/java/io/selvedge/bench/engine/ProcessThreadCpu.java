package io.selvedge.bench.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of every thread of this JVM, JIT compiler and GC threads included (which
 * {@link java.lang.management.ThreadMXBean} does not list), read from Linux's
 * {@code /proc/self/task/<tid>/stat}: what competes with the main thread for the machine's
 * cores. Resolution: one clock tick (10 ms). Empty where there is no /proc.
 */
final class ProcessThreadCpu {
  private static final long MILLIS_PER_TICK = 10;

  /** A thread's name and CPU milliseconds (user + system) at one moment. */
  record Sample(String name, long millis) {}

  private ProcessThreadCpu() {}

  /** CPU milliseconds (user + system) of the whole process, ended threads included. */
  static long processMillis() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MILLIS_PER_TICK;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Every live thread by thread id. */
  static Map<String, Sample> now() {
    Map<String, Sample> out = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : tasks) {
        String stat;
        try {
          stat = Files.readString(t.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended meanwhile
        }
        // "tid (comm) state ppid ...": comm may hold spaces, so the fields start after the last ')'.
        int close = stat.lastIndexOf(')');
        String name = stat.substring(stat.indexOf('(') + 1, close);
        String[] f = stat.substring(close + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        out.put(t.getFileName().toString(), new Sample(name, ticks * MILLIS_PER_TICK));
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /**
   * CPU milliseconds used since {@code before} (a {@link #now} result) by the threads alive now,
   * summed by name without its number ("C2 CompilerThre", "GC Thread", "VM Thread"; the main
   * thread is "java"), busiest first. A thread that ended meanwhile is not counted.
   */
  static Map<String, Long> since(Map<String, Sample> before) {
    Map<String, Long> byName = new HashMap<>();
    now().forEach((tid, s) -> {
      Sample b = before.get(tid);
      long used = s.millis() - (b == null ? 0 : b.millis());
      if (used > 0) {
        byName.merge(s.name().replaceAll("[#0-9]+$", "").trim(), used, Long::sum);
      }
    });
    Map<String, Long> sorted = new LinkedHashMap<>();
    byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }
}
