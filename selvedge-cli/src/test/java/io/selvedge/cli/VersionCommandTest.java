package io.selvedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionCommandTest {
  @Test
  void printsVersionAndExitsZero() {
    CliRun r = CliRun.of("version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).matches("selvedge \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(java .+\\)\\R");
  }

  @Test
  void unknownCommandIsAUsageErrorWithoutStackTrace() {
    CliRun r = CliRun.of("frobnicate");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("frobnicate").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void noCommandShowsUsageAndExitsTwo() {
    CliRun r = CliRun.of();
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("Usage: selvedge");
  }
}
