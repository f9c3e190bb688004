package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.deploy.ImpactSettings;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.ReleaseSpec;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.LocalSpark;
import org.mozilla.balrog.logs.window.Call;
import org.mozilla.balrog.logs.window.Reason;
import org.mozilla.balrog.logs.window.WindowVerdict;

/**
 * {@code deploy-window} on two generated days whose second has a chemspill at 10:00Z (its admin
 * writes in the hour before, then a dot release ramping to 60 % of Firefox release in 6 hours):
 * before the writes the release rules say go; once they show, release activity says caution; once
 * the new dot release shows in the update requests, no-go. The grid of a day's pushes agrees with
 * single runs, and {@code release_activity} holds the ramp the manifest promises.
 */
class DeployWindowReleaseSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  @TempDir static Path out;
  static final LocalDate DAY = LocalDate.of(2026, 11, 3); // a Tuesday
  static JsonNode chemspill;

  @BeforeAll
  static void generateAndRunDaily() throws IOException {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs,
                DAY.minusDays(1),
                2,
                1500,
                11L,
                false,
                true,
                List.of(),
                1.0,
                true,
                GeneratorConfig.RegressionLogs.STEADY,
                List.of(ReleaseSpec.parse("chemspill@2026-11-03T10:00Z"))),
            msg -> {});
    chemspill =
        new ObjectMapper().readTree(logs.resolve("manifest.json").toFile()).path("releases").get(0);
    DailyJob.run(
        SPARK.session(),
        JobConfig.defaults().withInput(logs.toString()).withOutput(out.toString()),
        new DailyJob.Options(
            DAY.minusDays(1),
            DAY,
            Sketches.DEFAULT_LG_K,
            1,
            0.01,
            List.of(),
            ImpactSettings.from(Map.of())),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  /** 1500 generated clients make about 70 Firefox release update requests an hour. */
  static JobConfig cfg() {
    return new JobConfig(
        null,
        null,
        out.toString(),
        false,
        Map.of(),
        Map.of("window.health.min-requests", "20", "window.ramp.min-requests", "50"));
  }

  static WindowVerdict at(String t) {
    return DeployWindowJob.runEmbedded(cfg(), DeployWindowJob.request(cfg(), t, "30m", "table"))
        .verdict();
  }

  static Reason reason(WindowVerdict v, String rule) {
    return v.reasons().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
  }

  @Test
  void theManifestRecordsTheChemspill() {
    assertThat(chemspill.path("kind").asText()).isEqualTo("chemspill");
    assertThat(Instant.parse(chemspill.path("writes_start").asText()))
        .isBetween(Instant.parse("2026-11-03T08:55:00Z"), Instant.parse("2026-11-03T10:00:00Z"));
  }

  @Test
  void beforeTheWritesTheReleaseRulesSayGo() {
    WindowVerdict v = at("2026-11-03T08:30:00Z");
    assertThat(reason(v, "release-activity").call()).as(v.text()).isEqualTo(Call.GO);
    Reason ramp = reason(v, "version-ramp");
    assertThat(ramp.call()).as(v.text()).isEqualTo(Call.GO);
    assertThat(ramp.explanation()).contains("no version of Firefox/release is new");
  }

  @Test
  void theWritesAreCautionAndTheNewDotReleaseIsNoGo() {
    WindowVerdict writes = at("2026-11-03T10:00:00Z");
    Reason activity = reason(writes, "release-activity");
    assertThat(activity.call()).as(writes.text()).isEqualTo(Call.CAUTION);
    assertThat(activity.explanation()).contains("rules", "a release may be under way");
    WindowVerdict ramp = at("2026-11-03T13:00:00Z");
    assertThat(ramp.call()).isEqualTo(Call.NO_GO);
    Reason r = reason(ramp, "version-ramp");
    assertThat(r.call()).as(ramp.text()).isEqualTo(Call.NO_GO);
    assertThat(r.explanation())
        .contains(
            "looks like a chemspill",
            "Firefox/release " + chemspill.path("version").asText() + " ");
  }

  /** The grid reads each table once and answers as single runs do. */
  @Test
  void theGridOfADayAgreesWithSingleRuns() {
    List<DeployWindowJob.Result> grid =
        DeployWindowJob.gridEmbedded(
            cfg(),
            DeployWindowJob.request(cfg(), "2026-11-03T06:00:00Z", "30m", "table"),
            Instant.parse("2026-11-03T16:00:00Z"),
            Duration.ofHours(2));
    assertThat(grid).hasSize(5);
    for (DeployWindowJob.Result r : grid) {
      assertThat(r.verdict()).isEqualTo(at(r.verdict().at().toString()));
    }
    String text = DeployWindowJob.gridText(grid, false);
    assertThat(text.lines().toList())
        .hasSize(6)
        .first()
        .asString()
        .startsWith("push               verdict  not go");
    assertThat(text).contains("2026-11-03T14:00Z  no-go", "version-ramp (no-go)");
    CliRun run =
        CliRun.of(
            List.of(
                "deploy-window",
                "--output",
                out.toString(),
                "--at",
                "2026-11-03T06:00Z",
                "--to",
                "2026-11-03T16:00Z",
                "--step",
                "2h",
                "--set",
                "window.ramp.min-requests=50",
                "--set",
                "window.health.min-requests=20",
                "--format",
                "json"));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out().lines().toList()).hasSize(5).allMatch(l -> l.startsWith("{\"at\":"));
    CliRun noAt =
        CliRun.of(
            List.of("deploy-window", "--output", out.toString(), "--to", "2026-11-03T16:00Z"));
    assertThat(noAt.exitCode()).isEqualTo(2);
    assertThat(noAt.err()).contains("--to needs --at");
  }

  /** The new version's share in release_activity follows the generated ramp. */
  @Test
  void releaseActivityHoldsTheRamp() {
    String version = chemspill.path("version").asText();
    List<List<Object>> rows =
        DuckDbQuery.select(
            out,
            "release_activity",
            List.of(DAY),
            "SELECT hour, share FROM release_activity WHERE signal = 'update_version' AND"
                + " product = 'Firefox' AND channel = 'release' AND version = '"
                + version
                + "' ORDER BY hour");
    assertThat(rows).isNotEmpty();
    for (List<Object> r : rows) {
      Instant hour = DeployWindowJob.instant(r.get(0));
      double share = ((Number) r.get(1)).doubleValue();
      assertThat(hour).isAfterOrEqualTo(Instant.parse("2026-11-03T10:00:00Z"));
      if (!hour.isBefore(Instant.parse("2026-11-03T17:00:00Z"))) {
        // after the 6-hour ramp: near the final share (0.6) of release-channel requests
        assertThat(share).as(hour.toString()).isBetween(0.45, 0.75);
      }
    }
  }
}
