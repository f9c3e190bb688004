package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.SparkSessions;
import org.mozilla.balrog.logs.report.ReportTables;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.CliRun;

/**
 * {@code report} end to end through the CLI, each run starting and stopping its own local Spark:
 * the written file and the two printed lines, and exit 4 when the daily job has not run for the
 * date.
 */
class ReportCommandSparkTest {
  @TempDir static Path tmp;
  static Path summary;

  @BeforeAll
  static void auditOnly() throws IOException {
    summary = tmp.resolve("summary");
    JobConfig cfg =
        new JobConfig(
            "local[2]", null, null, false, Map.of("spark.sql.shuffle.partitions", "2"), Map.of());
    try (SparkSession spark = SparkSessions.create(cfg, "ReportCommandSparkTest setup")) {
      new ReportTables(spark, summary.toString())
          .write(
              SummaryTables.INGEST_AUDIT,
              LocalDate.parse("2026-11-02"),
              ReportTables.audit("aus5", 1234, 4, Instant.parse("2026-11-03T01:00:00Z")));
    }
  }

  @Test
  void writesTheLatestAuditedDayAndPrintsWhereAndWhat() throws IOException {
    Path out = tmp.resolve("reports/day.html");
    CliRun r =
        CliRun.of(List.of("report", "--output", summary.toString(), "--out", out.toString()));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out())
        .isEqualTo(
            out.toAbsolutePath()
                + System.lineSeparator()
                + "2026-11-02: 0 update requests, no 5xx; 0 deploys (0 regressions); 0 new error"
                + " signatures; 4 of 1,234 lines rejected"
                + System.lineSeparator());
    String html = Files.readString(out);
    assertThat(html)
        .contains(
            "<title>Balrog logs report 2026-11-02</title>", "has no partition for 2026-11-02");
  }

  @Test
  void aDateTheDailyJobDidNotRunIsExitFour() {
    Path out = tmp.resolve("missing.html");
    CliRun r =
        CliRun.of(
            List.of(
                "report",
                "--output",
                summary.toString(),
                "--date",
                "2026-11-09",
                "--out",
                out.toString()));
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCode.NO_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "balrog-logs report: no ingest_audit partition for 2026-11-09 under "
                + summary
                + ": nothing ran that day (run 'balrog-logs daily --date 2026-11-09' first)"
                + System.lineSeparator());
    assertThat(out).doesNotExist();
  }

  @Test
  void anOutputRootWithoutAuditIsExitFour() {
    CliRun r =
        CliRun.of(
            List.of(
                "report",
                "--output",
                tmp.resolve("nothing").toString(),
                "--out",
                tmp.resolve("x.html").toString()));
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCode.NO_INPUT);
    assertThat(r.err())
        .contains("no ingest_audit partition under ")
        .contains("run 'balrog-logs daily' first");
  }
}
