package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.job.DeployImpactJob;
import org.mozilla.balrog.logs.testing.CliRun;

/**
 * {@code deploy-impact} end to end through the CLI, each run with its own local Spark, on two
 * generated days: a regression deploy and a clean one that rolls it back on the second day, none on
 * the first.
 */
class DeployImpactCommandSparkTest {
  @TempDir static Path logs;
  @TempDir static Path work;
  static CliRun regression;
  static CliRun clean;
  static JsonNode summary;

  @BeforeAll
  static void generateAndRun() throws IOException {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs,
                java.time.LocalDate.of(2026, 11, 1),
                2,
                400,
                3L,
                false,
                true,
                List.of(
                    DeploySpec.parse("v2@2026-11-02T10:00Z:regression"),
                    DeploySpec.parse("v3@2026-11-02T13:00Z")),
                1.0),
            msg -> {});
    Path s = work.resolve("summary.json");
    regression =
        CliRun.of(
            List.of(
                "deploy-impact",
                "--input",
                logs.toString(),
                "--master",
                "local[2]",
                "--date",
                "2026-11-02",
                "--fail-on-regression",
                "--summary-json",
                s.toString()));
    summary = new ObjectMapper().readTree(s.toFile());
    clean =
        CliRun.of(
            List.of(
                "deploy-impact",
                "--input",
                logs.toString(),
                "--master",
                "local[2]",
                "--deploy",
                "v3@2026-11-02T13:00Z",
                "--fail-on-regression",
                "--format",
                "json"));
  }

  @Test
  void aRegressionExitsFiveNamingTheDeploy() {
    assertThat(regression.exitCode()).as(regression.describe()).isEqualTo(ExitCode.REGRESSION);
    List<String> errLines =
        regression.err().lines().filter(l -> l.startsWith("balrog-logs")).toList();
    assertThat(errLines)
        .containsExactly(
            "balrog-logs deploy-impact: regression in deploy detected-web-20261102T1000Z (exit 5)");
    assertThat(regression.out())
        .contains("Verdicts", "app_error_rate:web", "regression", "ok")
        .contains("New error signatures")
        .contains("REGRESSION: detected-web-20261102T1000Z")
        .contains("detected-web-20261102T1300Z");
  }

  @Test
  void inputCountsShowElbFilesOutsideTheWindowsWereNotRead() {
    assertThat(regression.out()).containsPattern("aus5 +\\d+ found +\\d+ read");
    JsonNode aus5 = null;
    for (JsonNode n : summary.path("inputs")) {
      if (n.path("source").asText().equals("aus5")) {
        aus5 = n;
      }
    }
    assertThat(aus5).isNotNull();
    // two 2-hour spans of a day of 5-minute files (two nodes each)
    assertThat(aus5.path("files_considered").asInt()).isGreaterThan(500);
    assertThat(aus5.path("files_read").asInt())
        .isBetween(50, aus5.path("files_considered").asInt() / 2);
    assertThat(aus5.path("lines").asLong()).isPositive();
  }

  @Test
  void theSummaryHasTheDeploysAndTheExitReason() {
    assertThat(summary.path("command").asText()).isEqualTo("deploy-impact");
    assertThat(summary.path("exit_code").asInt()).isEqualTo(5);
    assertThat(summary.path("exit_reason").asText())
        .isEqualTo("regression: detected-web-20261102T1000Z");
    assertThat(summary.path("regressions")).hasSize(1);
    JsonNode deploys = summary.path("deploys");
    assertThat(deploys).hasSize(2);
    assertThat(deploys.get(0).path("verdict").asText()).isEqualTo("regression");
    assertThat(deploys.get(0).path("new_signatures")).hasSize(1);
    assertThat(deploys.get(0).path("metrics").path("app_error_rate:web").asText())
        .isEqualTo("regression");
    assertThat(deploys.get(1).path("verdict").asText()).isEqualTo("ok");
    assertThat(deploys.get(1).path("after_start").asText())
        .isEqualTo(deploys.get(1).path("finished_at").asText());
  }

  @Test
  void aCleanDeclaredDeployExitsZeroWithJsonRows() throws IOException {
    assertThat(clean.exitCode()).as(clean.describe()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : clean.out().lines().toList()) {
      rows.add(new ObjectMapper().readTree(line));
    }
    // only the declared deploy is judged, though the day had another one
    assertThat(rows)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.path("deploy_id").asText()).isEqualTo("v3");
              assertThat(r.path("deploy_source").asText()).isEqualTo("declared+detected");
              assertThat(r.path("schema_migration").asBoolean()).isFalse();
              assertThat(r.path("hosts").asInt()).isEqualTo(4);
              List<String> names = new ArrayList<>();
              r.fieldNames().forEachRemaining(names::add);
              assertThat(names).isEqualTo(DeployImpactJob.COLUMNS);
            });
    assertThat(rows.get(rows.size() - 1).path("metric").asText()).isEqualTo("overall");
    assertThat(rows.get(rows.size() - 1).path("verdict").asText()).isEqualTo("ok");
    // progress and input counts go to stderr, so stdout is only the rows
    assertThat(clean.err()).contains("Input (files found");
  }

  @Test
  void aDayWithoutDeploysExitsZeroAndMissingInputExitsFour() {
    CliRun none =
        CliRun.of(
            List.of(
                "deploy-impact",
                "--input",
                logs.toString(),
                "--master",
                "local[2]",
                "--date",
                "2026-11-01",
                "--fail-on-regression"));
    assertThat(none.exitCode()).as(none.describe()).isZero();
    assertThat(none.out()).contains("No deploys found on 2026-11-01");
    CliRun missing =
        CliRun.of(
            List.of(
                "deploy-impact",
                "--input",
                logs.toString(),
                "--master",
                "local[2]",
                "--date",
                "2026-10-01"));
    assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(ExitCode.NO_INPUT);
    assertThat(missing.err()).contains("no log files for 2026-10-01");
    // a gate run before the after window's logs arrived must not pass
    CliRun early =
        CliRun.of(
            List.of(
                "deploy-impact",
                "--input",
                logs.toString(),
                "--master",
                "local[2]",
                "--deploy",
                "v9@2026-11-03T05:00Z",
                "--fail-on-regression"));
    assertThat(early.exitCode()).as(early.describe()).isEqualTo(ExitCode.NO_INPUT);
    assertThat(early.err()).contains("no log files (yet?) for the after window of deploy v9");
    assertThat(early.out()).contains("v9", "insufficient_data");
  }
}
