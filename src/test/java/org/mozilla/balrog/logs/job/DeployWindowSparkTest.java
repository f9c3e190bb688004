package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.deploy.ImpactSettings;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.LocalSpark;
import org.mozilla.balrog.logs.window.Call;
import org.mozilla.balrog.logs.window.Reason;
import org.mozilla.balrog.logs.window.WindowVerdict;

/**
 * {@code deploy-window} on the summary tables {@code daily} wrote for a generated Monday with a
 * regression deploy of web at 10:00Z (nothing rolls it back): right after it the window is no-go
 * with an open regression; at a quiet time before it health and freshness pass. Both engines read
 * the same inputs; the command runs on DuckDB (no Spark) with its exit codes.
 */
class DeployWindowSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  @TempDir static Path out;
  @TempDir static Path work;
  static final LocalDate DAY = LocalDate.of(2026, 11, 2); // a Monday
  static final Instant AFTER = Instant.parse("2026-11-02T11:30:00Z"); // 12:30 in Berlin
  static final Instant QUIET = Instant.parse("2026-11-02T08:30:00Z"); // 09:30 in Berlin

  @BeforeAll
  static void generateAndRunDaily() throws IOException {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs,
                DAY,
                1,
                400,
                5L,
                false,
                true,
                List.of(DeploySpec.parse("v2@2026-11-02T10:00Z:regression")),
                1.0),
            msg -> {});
    DailyJob.run(
        SPARK.session(),
        JobConfig.defaults().withInput(logs.toString()).withOutput(out.toString()),
        new DailyJob.Options(
            DAY, DAY, Sketches.DEFAULT_LG_K, 1, 0.01, List.of(), ImpactSettings.from(Map.of())),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  /** 400 generated clients make about 40 update requests an hour. */
  static JobConfig cfg() {
    return new JobConfig(
        null, null, out.toString(), false, Map.of(), Map.of("window.health.min-requests", "20"));
  }

  static DeployWindowJob.Request request(String at) {
    return DeployWindowJob.request(cfg(), at, "30m", "table");
  }

  static Reason reason(WindowVerdict v, String rule) {
    return v.reasons().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
  }

  @Test
  void rightAfterTheRegressionDeployItIsNoGoWithTheOpenRegression() {
    assertThat(DeployWindowJob.embeddable(cfg())).isTrue();
    WindowVerdict v = DeployWindowJob.runEmbedded(cfg(), request(AFTER.toString())).verdict();
    assertThat(v.call()).as(v.text()).isEqualTo(Call.NO_GO);
    Reason open = reason(v, "open-regression");
    assertThat(open.call()).isEqualTo(Call.NO_GO);
    assertThat(open.explanation())
        .contains("detected-web-20261102T1000Z", "web", "2026-11-02T10:00Z", "no later deploy");
    assertThat(open.evidence()).extracting(e -> e.table()).contains("deploy_impact");
    assertThat(open.evidence().get(0).rows()).isEqualTo(1);
    assertThat(reason(v, "freshness").call()).isEqualTo(Call.GO);
    assertThat(reason(v, "calendar").call()).isEqualTo(Call.GO);
    // the regression's new exception appeared after 10:00
    Reason errors = reason(v, "new-errors");
    assertThat(errors.call()).as(errors.explanation()).isEqualTo(Call.CAUTION);
    assertThat(errors.explanation()).contains("web: ");
  }

  @Test
  void atAQuietTimeHealthAndFreshnessPass() {
    WindowVerdict v = DeployWindowJob.runEmbedded(cfg(), request(QUIET.toString())).verdict();
    for (String rule : List.of("freshness", "health.5xx", "health.latency", "open-regression")) {
      assertThat(reason(v, rule).call()).as(v.text()).isEqualTo(Call.GO);
    }
    assertThat(reason(v, "health.5xx").explanation())
        .contains("no earlier day to compare with", "requests)");
    assertThat(reason(v, "freshness").explanation()).contains("0s before the push");
    assertThat(reason(v, "open-regression").explanation()).contains("no regression verdict");
    // the agents enact scheduled changes every day: release activity is never silent here
    assertThat(reason(v, "release-activity").explanation()).contains("enacted");
  }

  @Test
  void sparkReadsTheSameInputsAsDuckDb() {
    for (Instant at : List.of(AFTER, QUIET)) {
      WindowVerdict duck = DeployWindowJob.runEmbedded(cfg(), request(at.toString())).verdict();
      DeployWindowJob.Result spark =
          DeployWindowJob.run(SPARK.session(), cfg(), request(at.toString()));
      assertThat(spark.engine()).isEqualTo("spark");
      assertThat(spark.verdict()).isEqualTo(duck);
    }
  }

  @Test
  void theDefaultTimeIsTheNewestDataAndADayLaterTheEvidenceIsTooOld() {
    WindowVerdict v = DeployWindowJob.runEmbedded(cfg(), request(null)).verdict();
    assertThat(v.at()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
    assertThat(reason(v, "freshness").call()).isEqualTo(Call.GO);
    WindowVerdict late =
        DeployWindowJob.runEmbedded(cfg(), request("2026-11-04T09:00:00Z")).verdict();
    assertThat(late.call()).isEqualTo(Call.NO_GO);
    assertThat(reason(late, "freshness").call()).isEqualTo(Call.NO_GO);
    assertThat(reason(late, "freshness").explanation())
        .contains("33h before the push", "evidence too old to judge");
  }

  @Test
  void theCommandPrintsTheVerdictAndExitsEightForNoGoAndWritesItsSummary() throws IOException {
    Path summary = work.resolve("window.json");
    CliRun run =
        CliRun.of(
            List.of(
                "deploy-window",
                "--output",
                out.toString(),
                "--at",
                "2026-11-02T12:30", // local Berlin time = 11:30Z
                "--summary-json",
                summary.toString()));
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(8);
    assertThat(run.out())
        .startsWith("deploy-window: no-go for a 30m push at 2026-11-02T11:30Z")
        .contains(
            "open-regression", "evidence: deploy_impact 2026-10-30T11:30Z..2026-11-02T11:30Z");
    JsonNode s = new ObjectMapper().readTree(summary.toFile());
    assertThat(s.path("command").asText()).isEqualTo("deploy-window");
    assertThat(s.path("exit_code").asInt()).isEqualTo(8);
    assertThat(s.path("verdict").asText()).isEqualTo("no-go");
    assertThat(s.path("exit_reason").asText()).startsWith("no-go: ").contains("open-regression");
    assertThat(s.path("engine").asText()).isEqualTo("duckdb");
  }

  @Test
  void jsonFormatAndCautionExitSeven() throws IOException {
    // a quiet Monday morning: the agents' enacted changes say caution
    CliRun run =
        CliRun.of(
            List.of(
                "deploy-window",
                "--output",
                out.toString(),
                "--at",
                QUIET.toString(),
                "--set",
                "window.health.min-requests=20",
                "--format",
                "json"));
    JsonNode j = new ObjectMapper().readTree(run.out());
    assertThat(j.path("verdict").asText()).as(run.describe()).isIn("caution", "go");
    assertThat(run.exitCode()).isEqualTo(j.path("verdict").asText().equals("go") ? 0 : 7);
    assertThat(j.path("reasons")).hasSize(WindowVerdict.RULES.size());
    assertThat(j.path("reasons").get(0).path("evidence").isArray()).isTrue();
    // the same morning on a Saturday-long holiday is no-go
    CliRun holiday =
        CliRun.of(
            List.of(
                "deploy-window",
                "--output",
                out.toString(),
                "--at",
                QUIET.toString(),
                "--set",
                "window.holidays=2026-11-02"));
    assertThat(holiday.exitCode()).as(holiday.describe()).isEqualTo(8);
    assertThat(holiday.out()).contains("2026-11-02 is a holiday");
  }

  @Test
  void noSummaryDataIsExitFourAndABadSettingExitTwo() {
    CliRun none = CliRun.of(List.of("deploy-window", "--output", work.toString()));
    assertThat(none.exitCode()).as(none.describe()).isEqualTo(4);
    assertThat(none.err()).contains("no summary tables");
    CliRun bad =
        CliRun.of(
            List.of(
                "deploy-window", "--output", out.toString(), "--set", "window.hours=17:00-09:00"));
    assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(2);
    CliRun badAt =
        CliRun.of(List.of("deploy-window", "--output", out.toString(), "--at", "tomorrow"));
    assertThat(badAt.exitCode()).as(badAt.describe()).isEqualTo(2);
    assertThat(badAt.err()).contains("--at: bad time 'tomorrow'");
  }
}
