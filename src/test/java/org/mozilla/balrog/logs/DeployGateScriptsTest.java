package org.mozilla.balrog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mozilla.balrog.logs.testing.Scripts;
import org.mozilla.balrog.logs.testing.Scripts.Result;

/**
 * {@code jobs/deploy-gate}: {@code gate.sh} hands every deploy form {@code deploy-impact} accepts
 * to it unchanged (and lets its message explain a bad one), and {@code gate-ci.sh} retries on exit
 * 4 a bounded number of times and rolls back on exit 5 only. A fake {@code balrog-logs} answers
 * with the exit codes listed in a file, one per call; one test runs the real command line.
 */
class DeployGateScriptsTest {
  static final Path GATE = JobsScriptsTest.PROJECT.resolve("jobs/deploy-gate/gate.sh");
  static final Path GATE_CI = JobsScriptsTest.PROJECT.resolve("jobs/deploy-gate/gate-ci.sh");
  static final Path WINDOW = JobsScriptsTest.PROJECT.resolve("jobs/deploy-gate/window.sh");

  @TempDir Path tmp;

  private Result run(Map<String, String> env, String... cmd)
      throws IOException, InterruptedException {
    return Scripts.run(tmp, env, cmd);
  }

  /**
   * Environment with a fake balrog-logs that appends its arguments (one per line, then "--") to
   * calls.txt and exits with the next code of {@code codes} (0 once they are used up).
   */
  private Map<String, String> fake(int... codes) throws IOException {
    Path codesFile = tmp.resolve("codes.txt");
    StringBuilder sb = new StringBuilder();
    for (int c : codes) {
      sb.append(c).append('\n');
    }
    Files.writeString(codesFile, sb.toString());
    Path fake = tmp.resolve("fake-balrog-logs.sh");
    Files.writeString(
        fake,
        String.join(
            "\n",
            "#!/usr/bin/env bash",
            "printf '%s\\n' \"$@\" -- >> '" + tmp.resolve("calls.txt") + "'",
            "code=$(head -n 1 '" + codesFile + "')",
            "sed -i 1d '" + codesFile + "'",
            "exit ${code:-0}",
            ""));
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = new HashMap<>();
    env.put("BALROG_CMD", fake.toString());
    env.put("GATE_RETRY_DELAY", "0s");
    return env;
  }

  /** The argument lists of the fake's calls. */
  private List<List<String>> calls() throws IOException {
    Path f = tmp.resolve("calls.txt");
    if (!Files.exists(f)) {
      return List.of();
    }
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : Files.readAllLines(f)) {
      if (line.equals("--")) {
        out.add(current);
        current = new ArrayList<>();
      } else {
        current.add(line);
      }
    }
    return out;
  }

  @Test
  void gatePassesTheDeployAndWindowsToDeployImpactAndReturnsItsExitCode() throws Exception {
    Map<String, String> env = fake(5);
    env.put("BALROG_AFTER", "90m");
    env.put("BALROG_INPUT", "/logs");
    env.put("BALROG_OUTPUT", "/summary");
    env.put("BALROG_SUMMARY_JSON", tmp.resolve("g.json").toString());
    Result regression = run(env, "bash", GATE.toString(), "v3.122@2026-11-02T14:00Z", "--verbose");
    assertThat(regression.code()).isEqualTo(5);
    assertThat(regression.err()).contains("v3.122 REGRESSED");
    assertThat(calls())
        .containsExactly(
            List.of(
                "deploy-impact",
                "--deploy",
                "v3.122@2026-11-02T14:00Z",
                "--before",
                "60m",
                "--after",
                "90m",
                "--input",
                "/logs",
                "--output",
                "/summary",
                "--summary-json",
                tmp.resolve("g.json").toString(),
                "--fail-on-regression",
                "--verbose"));

    Result noLogs = run(fake(4), "bash", GATE.toString(), "admin-v9@2026-11-02T23:30:00+01:00");
    assertThat(noLogs.code()).isEqualTo(4);
    assertThat(noLogs.err()).contains("no logs for the after-window of admin-v9 yet");
    assertThat(run(Map.of(), "bash", GATE.toString()).code()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v3.122@2026-11-02T14:00Z",
        "v3.122@2026-11-02T14:00Z:app=admin",
        "v3.122@2026-11-02T14:00:00Z:migration",
        "v3.122@2026-11-02T14:00Z:app=agent:migration",
        "v1@2026-11-02T15:00+01:00:MIGRATION:APP=Agent",
        "admin-ui@2026-11-02T14:00:00.250Z:app=web",
        "Agent_2@2026-11-02t14:00z",
        "  web-1@2026-11-02T15:00+01:00 "
      })
  void gateHandsEveryDeclaredDeployFormToDeployImpactUnchanged(String spec) throws Exception {
    Map<String, String> env = fake(0);
    Result r = run(env, "bash", GATE.toString(), spec, "--wait");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> args = calls().get(0);
    assertThat(args.subList(0, 3)).containsExactly("deploy-impact", "--deploy", spec);
    String id = spec.strip().substring(0, spec.strip().indexOf('@'));
    assertThat(args).contains("deploy-gate-" + id + ".json");
    assertThat(r.out()).contains(id + " passed");
    // --wait read the time without the flags: 14:00Z + 30m rollout + 60m after + 10m delivery
    assertThat(r.out()).contains("the after-window can be complete since 2026-11-02T15:40:00Z");
  }

  @Test
  void aBadDeployIsExplainedByDeployImpactItself() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put(
        "BALROG_CMD",
        "'"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' org.mozilla.balrog.logs.cli.Main");
    env.put("BALROG_INPUT", tmp.toString());
    env.put("BALROG_OUTPUT", tmp.resolve("summary").toString());
    Result flag = run(env, "bash", GATE.toString(), "v1@2026-11-02T14:00Z:fast");
    assertThat(flag.code()).isEqualTo(2);
    assertThat(flag.err())
        .contains("balrog-logs deploy-impact: unknown deploy flag 'fast'")
        .contains("no verdict for v1");
    Result noAt = run(env, "bash", GATE.toString(), "v1-2026-11-02");
    assertThat(noAt.code()).isEqualTo(2);
    assertThat(noAt.err()).contains("has no '@'");
    Result badTime = run(env, "bash", GATE.toString(), "v1@2026-13-40T00:00Z");
    assertThat(badTime.code()).isEqualTo(2);
    assertThat(badTime.err()).contains("bad deploy time '2026-13-40T00:00Z'");
    assertThat(tmp.resolve("summary")).doesNotExist();
  }

  @Test
  void waitNeedsATimeItCanRead() throws Exception {
    Result r = run(fake(0), "bash", GATE.toString(), "v1@soon:migration", "--wait");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--wait cannot read the time of 'v1@soon:migration'");
    assertThat(calls()).isEmpty();
  }

  @Test
  void ciRetriesWhileTheLogsAreLateThenPasses() throws Exception {
    Path outputs = tmp.resolve("github-output.txt");
    Map<String, String> env = fake(4, 4, 0);
    env.put("GITHUB_OUTPUT", outputs.toString());
    env.put("GATE_ROLLBACK", "touch '" + tmp.resolve("rolled-back") + "'");
    Result r = run(env, "bash", GATE_CI.toString(), "v3.122@2026-11-02T14:00Z:app=admin");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(calls()).hasSize(3).allMatch(c -> c.contains("v3.122@2026-11-02T14:00Z:app=admin"));
    assertThat(r.err()).contains("retry 1 of 6", "retry 2 of 6");
    assertThat(Files.readAllLines(outputs)).containsExactly("exit_code=0", "verdict=passed");
    assertThat(tmp.resolve("rolled-back")).doesNotExist();
  }

  @Test
  void ciGivesUpAfterTheRetriesWithoutRollingBack() throws Exception {
    Map<String, String> env = fake(4, 4, 4, 4, 0);
    env.put("GATE_RETRIES", "2");
    env.put("GATE_ROLLBACK", "touch '" + tmp.resolve("rolled-back") + "'");
    Result r = run(env, "bash", GATE_CI.toString(), "v3.122@2026-11-02T14:00Z");
    assertThat(r.code()).isEqualTo(4);
    assertThat(calls()).hasSize(3);
    assertThat(r.err()).contains("after 2 retries: no verdict, not rolling back");
    assertThat(tmp.resolve("rolled-back")).doesNotExist();
  }

  @Test
  void ciRollsBackOnARegressionOnlyAndKeepsExitFive() throws Exception {
    Path outputs = tmp.resolve("github-output.txt");
    Map<String, String> env = fake(4, 5);
    env.put("GITHUB_OUTPUT", outputs.toString());
    env.put("GATE_ROLLBACK", "touch '" + tmp.resolve("rolled-back") + "'");
    Result r = run(env, "bash", GATE_CI.toString(), "v3.122@2026-11-02T14:00Z:migration");
    assertThat(r.code()).isEqualTo(5);
    assertThat(calls()).hasSize(2);
    assertThat(tmp.resolve("rolled-back")).exists();
    assertThat(Files.readAllLines(outputs)).containsExactly("exit_code=5", "verdict=regression");

    Map<String, String> failing = fake(5);
    failing.put("GATE_ROLLBACK", "false");
    Result failedRollback = run(failing, "bash", GATE_CI.toString(), "v1@2026-11-02T14:00Z");
    assertThat(failedRollback.code()).isEqualTo(5);
    assertThat(failedRollback.err()).contains("ROLLBACK FAILED (exit 1)");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void ciNeitherRetriesNorRollsBackOnAFailureOrUsageError(int code) throws Exception {
    Map<String, String> env = fake(code, 0);
    env.put("GATE_ROLLBACK", "touch '" + tmp.resolve("rolled-back") + "'");
    Result r = run(env, "bash", GATE_CI.toString(), "v1@2026-11-02T14:00Z");
    assertThat(r.code()).isEqualTo(code);
    assertThat(calls()).hasSize(1);
    assertThat(tmp.resolve("rolled-back")).doesNotExist();
  }

  @Test
  void ciRejectsBadRetrySettings() throws Exception {
    Map<String, String> env = fake(0);
    env.put("GATE_RETRIES", "many");
    assertThat(run(env, "bash", GATE_CI.toString(), "v1@2026-11-02T14:00Z").code()).isEqualTo(2);
    env.put("GATE_RETRIES", "1");
    env.put("GATE_RETRY_DELAY", "soon");
    Result r = run(env, "bash", GATE_CI.toString(), "v1@2026-11-02T14:00Z");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad duration 'soon'");
    assertThat(calls()).isEmpty();
    assertThat(run(Map.of(), "bash", GATE_CI.toString()).code()).isEqualTo(2);
  }

  /** The window check passes its time and settings to deploy-window and exits with its answer. */
  @Test
  void windowAsksDeployWindowAndExitsWithItsAnswer() throws Exception {
    Map<String, String> env = fake(0);
    env.put("BALROG_OUTPUT", "/summary");
    env.put("BALROG_SUMMARY_JSON", tmp.resolve("w.json").toString());
    Path outputs = tmp.resolve("github-output");
    env.put("GITHUB_OUTPUT", outputs.toString());
    Result go =
        run(
            env,
            "bash",
            WINDOW.toString(),
            "2026-11-02T14:00Z",
            "--set",
            "window.time-zone=America/Toronto");
    assertThat(go.code()).isZero();
    assertThat(go.out()).contains("window.sh: go");
    assertThat(calls())
        .containsExactly(
            List.of(
                "deploy-window",
                "--output",
                "/summary",
                "--at",
                "2026-11-02T14:00Z",
                "--duration",
                "30m",
                "--summary-json",
                tmp.resolve("w.json").toString(),
                "--set",
                "window.time-zone=America/Toronto"));
    assertThat(Files.readString(outputs)).contains("window_exit_code=0", "window_verdict=go");
  }

  /** Caution stops the pipeline unless a person allowed it; no-go always does. */
  @Test
  void windowStopsOnCautionUnlessAllowedAndOnNoGo() throws Exception {
    Result caution = run(fake(7), "bash", WINDOW.toString());
    assertThat(caution.code()).isEqualTo(7);
    assertThat(caution.err()).contains("do not push before release management confirms");
    assertThat(calls().get(0)).containsSequence("--at", "now");
    Map<String, String> allowed = fake(7);
    allowed.put("WINDOW_ALLOW_CAUTION", "1");
    allowed.put("BALROG_PUSH_DURATION", "45m");
    Result allowedCaution = run(allowed, "bash", WINDOW.toString());
    assertThat(allowedCaution.code()).isZero();
    assertThat(allowedCaution.out()).contains("allowed by WINDOW_ALLOW_CAUTION=1");
    assertThat(calls().get(calls().size() - 1)).containsSequence("--duration", "45m");
    Map<String, String> noGo = fake(8);
    noGo.put("WINDOW_ALLOW_CAUTION", "1");
    Result no = run(noGo, "bash", WINDOW.toString());
    assertThat(no.code()).isEqualTo(8);
    assertThat(no.err()).contains("no-go: do not push now");
    assertThat(run(fake(4), "bash", WINDOW.toString()).err()).contains("run daily first");
    assertThat(run(Map.of(), "bash", WINDOW.toString(), "--help").code()).isZero();
  }
}
