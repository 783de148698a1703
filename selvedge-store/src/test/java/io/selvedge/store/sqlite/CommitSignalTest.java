package io.selvedge.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitSignalTest {
  private static final long LONG_NANOS = TimeUnit.SECONDS.toNanos(60);

  @TempDir
  Path dir;

  @Test
  void aWriteInTheDirectoryEndsTheWait() throws Exception {
    try (CommitSignal signal = CommitSignal.open(dir.resolve("x.db"))) {
      assertThat(signal.available()).isTrue();
      CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> signal.await(LONG_NANOS));
      Thread.sleep(100);
      Files.writeString(dir.resolve("x.db-wal"), "frame");
      assertThat(woke.get(30, TimeUnit.SECONDS)).as("woken by the write, not by the 60 s timeout").isTrue();
    }
  }

  @Test
  void nothingWrittenMeansTheTimeoutEndsTheWait() {
    try (CommitSignal signal = CommitSignal.open(dir.resolve("x.db"))) {
      assertThat(signal.await(TimeUnit.MILLISECONDS.toNanos(50))).isFalse();
    }
  }

  @Test
  void closingEndsAWaitAtOnce() throws Exception {
    CommitSignal signal = CommitSignal.open(dir.resolve("x.db"));
    CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> signal.await(LONG_NANOS));
    Thread.sleep(100);
    signal.close();
    assertThat(woke.get(30, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void aDirectoryThatCannotBeWatchedGivesAnUnavailableSignal() {
    try (CommitSignal signal = CommitSignal.open(dir.resolve("missing").resolve("x.db"))) {
      assertThat(signal.available()).isFalse();
      assertThat(signal.await(TimeUnit.MILLISECONDS.toNanos(1))).isFalse();
    }
  }
}
