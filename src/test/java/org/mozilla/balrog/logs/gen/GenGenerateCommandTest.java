package org.mozilla.balrog.logs.gen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.cli.Main;

/**
 * The {@code generate} command's deploy and release options through the real CLI entry (no Spark).
 */
class GenGenerateCommandTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void helpDocumentsTheDeployChangesAndEffects() {
    assertThat(run("generate", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "ID@TIME[:CHANGE[=EFFECT]][:migration]",
            "regression",
            "minor",
            "rollback",
            "RATE[xFACTOR]",
            "regression=0.005x1.3",
            "--no-lone-restarts",
            "--regression-logs",
            "per-request");
  }

  @Test
  void badDeploySpecsAreUsageErrorsWithOneClearLine(@TempDir Path dir) {
    assertThat(
            run(
                "generate",
                "--out",
                dir.toString(),
                "--from",
                "2026-11-01",
                "--deploy",
                "v1@2026-11-01T12:00Z:regression=lots"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("bad effect 'lots'")
        .contains("regression=0.01x1.8")
        .doesNotContain("\tat ");
    assertThat(
            run(
                "generate",
                "--out",
                dir.toString(),
                "--from",
                "2026-11-01",
                "--deploy",
                "v1@2026-11-01T12:00Z:rollback"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("rolls back, but no earlier web deploy");
    assertThat(
            run(
                "generate",
                "--out",
                dir.toString(),
                "--from",
                "2026-11-01",
                "--regression-logs",
                "loud"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown --regression-logs 'loud'; expected steady or per-request");
  }

  @Test
  void noLoneRestartsLeavesOnlyTheDeploysRestarts(@TempDir Path dir) {
    assertThat(
            run(
                "generate",
                "--out",
                dir.toString(),
                "--from",
                "2026-11-01",
                "--clients",
                "100",
                "--clean",
                "--no-lone-restarts",
                "--regression-logs",
                "per-request",
                "--deploy",
                "v1@2026-11-01T12:00Z:minor=0.001x1.1"))
        .as(err.toString())
        .isZero();
    JsonNode m = GenTestFiles.manifest(dir);
    assertThat(m.get("config").get("lone_restarts").asBoolean()).isFalse();
    assertThat(m.get("config").get("regression_logs").asText()).isEqualTo("per_request");
    assertThat(m.get("config").get("deploys").get(0).asText())
        .isEqualTo("v1@2026-11-01T12:00:00Z:minor=0.001x1.1");
    assertThat(m.get("restarts"))
        .hasSize(4)
        .allMatch(r -> r.get("deploy").asBoolean() && r.get("deploy_id").asText().equals("v1"));
    assertThat(m.get("deploys").get(0).get("minor").asBoolean()).isTrue();
  }

  @Test
  void helpDocumentsTheReleaseKindsAndFields() {
    assertThat(run("generate", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--release=KIND@TIME[:VERSION][:RAMP_HOURS][:SHARE]",
            "ga",
            "chemspill",
            "chemspill@2026-11-05T09:30Z:145.0.3:6:0.6",
            "(25%)");
  }

  @Test
  void badReleaseSpecsAreUsageErrorsWithOneClearLine(@TempDir Path dir) {
    assertThat(
            run(
                "generate",
                "--out",
                dir.toString(),
                "--from",
                "2026-11-01",
                "--release",
                "beta@2026-11-01T12:00Z"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown release kind 'beta'")
        .contains("expected ga or chemspill")
        .doesNotContain("\tat ");
    assertThat(
            run(
                "generate",
                "--out",
                dir.toString(),
                "--from",
                "2026-11-01",
                "--release",
                "ga@2026-11-01T12:00Z:::2"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("share '2'").contains("must be above 0 and at most 1");
  }

  @Test
  void releasesReachTheManifest(@TempDir Path dir) {
    assertThat(
            run(
                "generate",
                "--out",
                dir.toString(),
                "--from",
                "2026-11-01",
                "--clients",
                "100",
                "--clean",
                "--release",
                "chemspill@2026-11-01T18:00Z::3",
                "--release",
                "ga@2026-11-01T09:00Z:147.0"))
        .as(err.toString())
        .isZero();
    JsonNode m = GenTestFiles.manifest(dir);
    assertThat(m.get("config").get("releases"))
        .extracting(JsonNode::asText)
        .containsExactly("ga@2026-11-01T09:00:00Z:147.0", "chemspill@2026-11-01T18:00:00Z::3");
    assertThat(m.get("releases"))
        .extracting(r -> r.get("version").asText())
        .containsExactly("147.0", "147.0.1");
    assertThat(m.get("releases").get(1).get("ramp_end").asText()).isEqualTo("2026-11-01T21:00:00Z");
  }
}
