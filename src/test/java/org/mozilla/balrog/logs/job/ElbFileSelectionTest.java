package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.impact.ImpactWindows;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputFile;

class ElbFileSelectionTest {
  static InputFile file(String end) {
    return new InputFile(
        "file:/logs/elb/aus5/AWSLogs/361527076523/elasticloadbalancing/us-west-2/2026/11/02/"
            + "361527076523_elasticloadbalancing_us-west-2_aus5-prod_"
            + end
            + "_10.0.1.12_ab12cd34.log",
        LogSource.AUS5,
        LogFormat.ELB,
        LocalDate.of(2026, 11, 2),
        100);
  }

  static final ImpactWindows W =
      ImpactWindows.of(
          Instant.parse("2026-11-02T10:00:20Z"),
          Instant.parse("2026-11-02T10:03:44Z"),
          Duration.ofMinutes(60),
          Duration.ofMinutes(60));

  @Test
  void fiveMinuteFilesOverlappingAWindowAreKept() {
    List<InputFile> files =
        List.of(
            file("20261102T0855Z"),
            file("20261102T0900Z"),
            file("20261102T0905Z"),
            file("20261102T1000Z"),
            file("20261102T1005Z"),
            file("20261102T1100Z"),
            file("20261102T1105Z"),
            file("20261102T1110Z"),
            file("20261102T1200Z"));
    assertThat(ElbFileSelection.interval(files)).isEqualTo(Duration.ofMinutes(5));
    // 08:55 ends before the window (09:00:20) even with a minute of slack; 09:00 holds 08:55-09:00,
    // whose slack
    // reaches 09:01 -> kept; 10:05 is in the after window; 11:05 covers 11:00-11:05 where the after
    // window ends at
    // 11:03:44; 11:10 starts at 11:05 (11:04 with slack) -> dropped
    assertThat(ElbFileSelection.select(files, List.of(W)))
        .extracting(
            f -> f.path().substring(f.path().indexOf("prod_") + 5, f.path().indexOf("prod_") + 19))
        .containsExactly(
            "20261102T0900Z",
            "20261102T0905Z",
            "20261102T1000Z",
            "20261102T1005Z",
            "20261102T1100Z",
            "20261102T1105Z");
  }

  @Test
  void hourlyFilesCoverTheHourBeforeTheirEnd() {
    List<InputFile> files =
        List.of(
            file("20261102T0800Z"),
            file("20261102T0900Z"),
            file("20261102T1000Z"),
            file("20261102T1100Z"),
            file("20261102T1200Z"),
            file("20261102T1300Z"));
    assertThat(ElbFileSelection.interval(files)).isEqualTo(Duration.ofMinutes(60));
    assertThat(ElbFileSelection.select(files, List.of(W)))
        .hasSize(4); // 09:00 (slack), 10:00, 11:00, 12:00
  }

  @Test
  void filesWithoutAnAwsNameAreAlwaysRead() {
    InputFile odd =
        new InputFile(
            "file:/logs/elb/aus5/x/2026/11/02/export.log",
            LogSource.AUS5,
            LogFormat.ELB,
            LocalDate.of(2026, 11, 2),
            10);
    assertThat(ElbFileSelection.select(List.of(odd, file("20261102T0300Z")), List.of(W)))
        .containsExactly(odd);
  }

  @Test
  void noWindowsNoFiles() {
    assertThat(ElbFileSelection.select(List.of(file("20261102T1000Z")), List.of())).isEmpty();
  }
}
