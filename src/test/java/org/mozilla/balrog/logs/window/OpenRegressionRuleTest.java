package org.mozilla.balrog.logs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenRegressionRuleTest {
  static final String AT = "2026-11-02T12:00:00Z";

  static Inputs regressed() {
    Inputs in = new Inputs(AT);
    in.judged.add(
        new JudgedDeploy(
            "v2", "web", Instant.parse("2026-11-02T10:00:00Z"), "regression", "5xx rate x4"));
    in.judged.add(new JudgedDeploy("v1", "web", Instant.parse("2026-11-01T10:00:00Z"), "ok", "ok"));
    in.deploys.add(new DeployStart("v1", "web", Instant.parse("2026-11-01T10:00:00Z")));
    in.deploys.add(new DeployStart("v2", "web", Instant.parse("2026-11-02T10:00:00Z")));
    return in;
  }

  static Reason judge(Inputs in) {
    return new OpenRegressionRule().judge(in.build(), WindowSettings.defaults());
  }

  @Test
  void aRegressionWithoutALaterDeployIsNoGo() {
    Reason r = judge(regressed());
    assertThat(r.rule()).isEqualTo("open-regression");
    assertThat(r.call()).isEqualTo(Call.NO_GO);
    assertThat(r.explanation())
        .isEqualTo(
            "open regression v2 (web, started 2026-11-02T10:00Z): 5xx rate x4; no later deploy of"
                + " the app (rollback or fix) before the push");
    assertThat(r.evidence())
        .extracting(Evidence::toString)
        .containsExactly(
            "deploy_impact 2026-10-30T12:00Z..2026-11-02T12:00Z (2 rows)",
            "deploys 2026-10-30T12:00Z..2026-11-02T12:00Z (2 rows)");
  }

  @Test
  void aLaterDeployOfTheSameAppClosesIt() {
    Inputs in = regressed();
    in.deploys.add(new DeployStart("v3", "web", Instant.parse("2026-11-02T11:00:00Z")));
    Reason r = judge(in);
    assertThat(r.call()).isEqualTo(Call.GO);
    assertThat(r.explanation())
        .isEqualTo(
            "every regression in the last 3d was followed by a deploy: v2 (web,"
                + " 2026-11-02T10:00Z) followed by v3 at 2026-11-02T11:00Z");
    // a judged one counts as well
    Inputs judgedLater = regressed();
    judgedLater.judged.add(
        new JudgedDeploy("v3", "web", Instant.parse("2026-11-02T11:00:00Z"), "ok", "ok"));
    assertThat(judge(judgedLater).call()).isEqualTo(Call.GO);
  }

  @Test
  void anotherAppsDeployOrOneAfterThePushDoesNot() {
    Inputs in = regressed();
    in.deploys.add(new DeployStart("a1", "admin", Instant.parse("2026-11-02T11:00:00Z")));
    in.deploys.add(new DeployStart("v3", "web", Instant.parse("2026-11-02T13:00:00Z")));
    assertThat(judge(in).call()).isEqualTo(Call.NO_GO);
  }

  @Test
  void aRegressionOlderThanTheWindowOrNotYetStartedIsNotOpen() {
    Inputs old = new Inputs(AT);
    old.judged.add(
        new JudgedDeploy("v0", "web", Instant.parse("2026-10-30T11:59:00Z"), "regression", "old"));
    Reason r = judge(old);
    assertThat(r.call()).isEqualTo(Call.GO);
    assertThat(r.explanation())
        .isEqualTo("no regression verdict in the last 3d (0 judged deploys)");
    assertThat(
            new OpenRegressionRule()
                .judge(old.build(), WindowSettings.from(Map.of("window.regression.days", "4")))
                .call())
        .isEqualTo(Call.NO_GO);
    Inputs future = new Inputs(AT);
    future.judged.add(
        new JudgedDeploy("v9", "web", Instant.parse("2026-11-02T12:00:00Z"), "regression", "x"));
    assertThat(judge(future).call()).isEqualTo(Call.GO);
  }

  @Test
  void warnAndOkVerdictsAreNotRegressions() {
    Inputs in = new Inputs(AT);
    in.judged.add(
        new JudgedDeploy("v2", "web", Instant.parse("2026-11-02T10:00:00Z"), "warn", "w"));
    in.judged.add(
        new JudgedDeploy(
            "v3", "admin", Instant.parse("2026-11-02T10:30:00Z"), "insufficient_data", "n"));
    Reason r = judge(in);
    assertThat(r.call()).isEqualTo(Call.GO);
    assertThat(r.explanation()).contains("(2 judged deploys)");
  }
}
