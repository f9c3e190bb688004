package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.testing.ParquetAvroReader;

/**
 * {@code daily} through the CLI: exit codes for the reject threshold, missing input and missing
 * options.
 */
class DailyCommandSparkTest {
  @TempDir static Path logs;
  @TempDir Path out;

  @BeforeAll
  static void generate() {
    // a small day: the generator's malformed lines are several % of the small sources
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs, LocalDate.of(2026, 11, 1), 1, 200, 3L, false, false, List.of(), 1.0),
            null);
  }

  private final StringWriter stdout = new StringWriter();
  private final StringWriter stderr = new StringWriter();

  private int run(String... args) {
    return Main.createCommandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true))
        .execute(args);
  }

  @Test
  void overTheRejectThresholdWritesThenExitsThree() throws Exception {
    Path summary = out.resolve("run/summary.json");
    int rc =
        run(
            "daily",
            "--date",
            "2026-11-02",
            "--lookback-days",
            "1",
            "--input",
            logs.toString(),
            "--output",
            out.toString(),
            "--summary-json",
            summary.toString());
    assertThat(rc).as(stderr.toString()).isEqualTo(ExitCode.DATA_QUALITY);
    assertThat(stdout.toString()).contains("over --max-reject-ratio");
    JsonNode json = new ObjectMapper().readTree(summary.toFile());
    assertThat(json.path("exit_code").asInt()).isEqualTo(3);
    assertThat(json.path("exit_reason").asText()).contains("rejected-line ratio over threshold");
    assertThat(json.path("from").asText()).isEqualTo("2026-11-01");
    assertThat(json.path("days")).hasSize(2);
    JsonNode first = json.path("days").get(0);
    assertThat(first.path("log_date").asText()).isEqualTo("2026-11-01");
    assertThat(first.path("sources")).hasSize(9);
    for (JsonNode src : first.path("sources")) {
      assertThat(src.path("parsed").asLong() + src.path("rejected").asLong())
          .isEqualTo(src.path("lines").asLong());
    }
    assertThat(first.path("rows_written").path("ingest_audit").asLong()).isEqualTo(9);
    assertThat(out.resolve("update_population/log_date=2026-11-02")).isDirectory();
    assertThat(ParquetAvroReader.read(out.resolve("ingest_audit/log_date=2026-11-01"))).hasSize(9);
    assertThat(ParquetAvroReader.read(out.resolve("update_population/log_date=2026-11-01")))
        .isNotEmpty();

    stdout.getBuffer().setLength(0);
    rc =
        run(
            "daily",
            "--date",
            "2026-11-01",
            "--input",
            logs.toString(),
            "--output",
            out.toString(),
            "--max-reject-ratio",
            "1",
            "--set",
            "population.min-clients=5");
    assertThat(rc).as(stderr.toString()).isZero();
    assertThat(stdout.toString()).doesNotContain("over --max-reject-ratio");
  }

  @Test
  void missingInputRootIsExitFourAndMissingOptionsExitTwo() throws Exception {
    Path summary = out.resolve("summary.json");
    assertThat(
            run(
                "daily",
                "--date",
                "2026-11-01",
                "--input",
                logs.resolve("nope").toString(),
                "--output",
                out.toString(),
                "--summary-json",
                summary.toString()))
        .isEqualTo(ExitCode.NO_INPUT);
    assertThat(stderr.toString()).contains("input root does not exist");
    JsonNode json = new ObjectMapper().readTree(summary.toFile());
    assertThat(json.path("exit_code").asInt()).isEqualTo(4);
    assertThat(json.path("exit_reason").asText()).contains("input root does not exist");
    assertThat(
            run(
                "daily",
                "--date",
                "2026-11-01",
                "--lookback-days",
                "-1",
                "--input",
                logs.toString(),
                "--output",
                out.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("daily", "--date", "2026-11-01", "--input", logs.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("daily", "--input", logs.toString(), "--output", out.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("daily", "--date", "2026-11-01", "--from", "2026-11-01", "--to", "2026-11-02"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run(
                "daily",
                "--from",
                "2026-11-02",
                "--to",
                "2026-11-01",
                "--input",
                logs.toString(),
                "--output",
                out.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run(
                "daily",
                "--date",
                "2026-11-01",
                "--input",
                logs.toString(),
                "--output",
                out.toString(),
                "--set",
                "population.lg-k=30"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(stderr.toString()).doesNotContain("\tat ");
  }

  /** The control of {@link SettingsBeforeSparkTest}: valid settings reach Spark, and its error. */
  @Test
  void validSettingsReachSparkUnderAMasterItCannotStart() {
    int rc =
        run(
            "--master",
            SettingsBeforeSparkTest.NO_MASTER,
            "daily",
            "--date",
            "2026-11-01",
            "--input",
            logs.toString(),
            "--output",
            out.toString(),
            "--set",
            "population.lg-k=12",
            "--set",
            "lock.stale-after=5m",
            "--deploy",
            "v1@2026-11-01T14:00Z");
    assertThat(rc).as(stderr.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(stderr.toString()).contains("Master URL");
  }
}
