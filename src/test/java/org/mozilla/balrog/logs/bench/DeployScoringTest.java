package org.mozilla.balrog.logs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.bench.DeployScoring.Judged;
import org.mozilla.balrog.logs.bench.DeployScoring.LoneRestart;
import org.mozilla.balrog.logs.bench.DeployScoring.Outcome;
import org.mozilla.balrog.logs.bench.DeployScoring.SeedScore;
import org.mozilla.balrog.logs.bench.DeployScoring.Truth;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;

class DeployScoringTest {
  static Instant at(String hms) {
    return Instant.parse("2026-11-02T" + hms + "Z");
  }

  /** A web deploy whose rollout runs from hms + 20.4 s to hms + 5 min. */
  static Truth truth(
      String id, String app, String hms, String change, double rate, boolean migration) {
    Instant t = at(hms);
    return new Truth(
        id,
        app,
        t,
        t.plusMillis(20_400),
        t.plusSeconds(300),
        migration,
        change,
        rate,
        change.equals("regression") ? 2.0 : 1.0,
        change.equals("regression") ? "regression" : "ok",
        change.equals("regression") && rate > 0 ? "TypeError" : null,
        change.equals("regression") && rate > 0 ? "TypeError" : null);
  }

  static Judged judged(
      String app,
      Instant start,
      Instant finish,
      String verdict,
      boolean migration,
      String... signatures) {
    return new Judged(
        "detected-" + app + "-" + start,
        app,
        start,
        finish,
        verdict,
        "because",
        List.of(signatures),
        "detected",
        migration,
        4,
        Map.of("lb_5xx_rate", "ok"));
  }

  @Test
  void matchesByAppAndRolloutWindowOneToOne() {
    Truth reg = truth("w1", "web", "10:00:00", "regression", 0.01, false);
    Truth clean = truth("w2", "web", "14:00:00", "clean", 0, false);
    Truth admin = truth("a1", "admin", "10:01:00", "clean", 0, true);
    // the syslog has second resolution: 10:00:20 is the first restart's second (10:00:20.4)
    Judged j1 =
        judged(
            "web",
            at("10:00:20"),
            at("10:04:50"),
            "regression",
            false,
            "TypeError: '<' not supported");
    // 5 minutes after the rollout: still matched (slack), but not in the window
    Judged j2 = judged("web", at("14:10:00"), at("14:12:00"), "ok", false);
    Judged j3 = judged("admin", at("10:01:21"), at("10:02:00"), "ok", true);
    // a web burst at the time of the admin deploy matches nothing of its own app
    Judged j4 = judged("web", at("18:00:00"), at("18:00:10"), "warn", false);
    LoneRestart lone = new LoneRestart("web", "ip-10-0-4-22", at("17:55:00"), at("17:55:07"));
    SeedScore s =
        DeployScoring.score(List.of(clean, reg, admin), List.of(lone), List.of(j4, j2, j1, j3));

    assertThat(s.outcomes()).extracting(o -> o.truth().id()).containsExactly("w1", "a1", "w2");
    Outcome o1 = s.outcomes().get(0);
    assertThat(o1.judged()).isSameAs(j1);
    assertThat(o1.startInWindow()).isTrue();
    assertThat(o1.finishInWindow()).isTrue();
    assertThat(o1.flagged()).isTrue();
    assertThat(o1.correct()).isTrue();
    assertThat(o1.signatureListed()).isTrue();
    assertThat(o1.migrationRight()).isTrue();
    Outcome oa = s.outcomes().get(1);
    assertThat(oa.judged()).isSameAs(j3);
    assertThat(oa.migrationRight()).isTrue();
    assertThat(oa.signatureListed()).isNull();
    Outcome o2 = s.outcomes().get(2);
    assertThat(o2.judged()).isSameAs(j2);
    assertThat(o2.startInWindow()).isFalse();
    assertThat(o2.correct()).isTrue();
    assertThat(s.spurious())
        .singleElement()
        .satisfies(
            sp -> {
              assertThat(sp.judged()).isSameAs(j4);
              assertThat(sp.cause()).isEqualTo("lone_restart");
            });
    assertThat(s.loneRestarts()).isEqualTo(1);
  }

  @Test
  void nearestPairsWinAndFarDetectionsAreSpurious() {
    Truth a = truth("w1", "web", "10:00:00", "clean", 0, false);
    Truth b = truth("w2", "web", "10:12:00", "clean", 0, false);
    // 10:06 is 1 min after a's rollout and 6.3 min before b's: it is a's
    Judged near = judged("web", at("10:06:00"), null, "ok", false);
    Judged inB = judged("web", at("10:12:30"), at("10:16:00"), "ok", false);
    Judged far = judged("web", at("11:00:00"), null, "ok", false);
    Judged beforeSecond = judged("web", at("10:00:19"), null, "ok", false);
    SeedScore s = DeployScoring.score(List.of(a, b), List.of(), List.of(far, inB, near));
    assertThat(s.outcomes().get(0).judged()).isSameAs(near);
    assertThat(s.outcomes().get(1).judged()).isSameAs(inB);
    assertThat(s.outcomes().get(0).finishInWindow()).isFalse();
    assertThat(s.spurious())
        .singleElement()
        .satisfies(sp -> assertThat(sp.cause()).isEqualTo("other"));
    // one second before the first restart's second is outside the window
    assertThat(new Outcome(a, beforeSecond).startInWindow()).isFalse();
  }

  @Test
  void verdictsMissedDeploysSignaturesAndMigrations() {
    Truth reg = truth("w1", "web", "10:00:00", "regression", 0.01, true);
    Outcome missed = new Outcome(reg, null);
    assertThat(missed.verdict()).isEqualTo("missed");
    assertThat(missed.flagged()).isFalse();
    assertThat(missed.correct()).isFalse();
    assertThat(missed.migrationRight()).isNull();
    assertThat(missed.signatureListed()).isNull();
    Outcome okButRegressed =
        new Outcome(reg, judged("web", at("10:00:21"), null, "ok", false, "KeyError: 'x'"));
    assertThat(DeployScoring.otherSignatures(okButRegressed)).containsExactly("KeyError: 'x'");
    Outcome listed =
        new Outcome(
            reg,
            judged(
                "web",
                at("10:00:21"),
                null,
                "regression",
                false,
                "TypeError @ a.py:f",
                "OSError @ werkzeug/wsgi.py:__next__"));
    assertThat(listed.signatureListed()).isTrue();
    assertThat(DeployScoring.otherSignatures(listed))
        .containsExactly("OSError @ werkzeug/wsgi.py:__next__");
    assertThat(DeployScoring.otherSignatures(missed)).isEmpty();
    assertThat(okButRegressed.correct()).isFalse();
    assertThat(okButRegressed.signatureListed()).isFalse();
    assertThat(okButRegressed.migrationRight()).isFalse();
    Truth clean = truth("w2", "web", "12:00:00", "clean", 0, false);
    Outcome warned = new Outcome(clean, judged("web", at("12:00:21"), null, "warn", true));
    assertThat(warned.flagged()).isFalse();
    assertThat(warned.correct()).isFalse();
    assertThat(warned.migrationRight()).isFalse();
    assertThat(new Outcome(clean, judged("web", at("12:00:21"), null, "ok", false)).correct())
        .isTrue();
  }

  @Test
  void summaryCountsRecallPerBandFalsePositivesAndDetection() {
    Truth r1 = truth("r1", "web", "02:00:00", "regression", 0.004, false);
    Truth r2 = truth("r2", "web", "04:00:00", "regression", 0.03, false);
    Truth r3 = truth("r3", "web", "06:00:00", "regression", 0.012, false);
    Truth m1 = truth("m1", "web", "08:00:00", "minor", 0.00003, false);
    Truth b1 = truth("b1", "web", "10:00:00", "rollback", 0, false);
    Truth a1 = truth("a1", "admin", "12:00:00", "clean", 0, true);
    SeedScore s1 =
        DeployScoring.score(
            List.of(r1, r2, m1),
            List.of(),
            List.of(
                judged("web", at("02:00:20"), at("02:05:00"), "ok", false),
                judged("web", at("04:00:20"), at("04:05:00"), "regression", false, "TypeError"),
                judged("web", at("08:00:20"), at("08:05:00"), "regression", false)));
    SeedScore s2 =
        DeployScoring.score(
            List.of(r3, b1, a1),
            List.of(new LoneRestart("agent", "h", at("20:00:00"), at("20:00:05"))),
            List.of(
                judged("web", at("10:00:20"), at("10:05:00"), "ok", false),
                judged("admin", at("12:00:20"), at("12:05:00"), "ok", false),
                judged("web", at("20:00:00"), null, "insufficient_data", false)));
    Map<String, Object> m = DeployScoring.summary(List.of(s1, s2));
    assertThat(m.get("regressions")).isEqualTo(3);
    assertThat(m.get("regressions_flagged")).isEqualTo(1L);
    assertThat((Double) m.get("recall")).isEqualTo(1 / 3.0);
    assertThat(m.get("non_regressions")).isEqualTo(3);
    assertThat(m.get("false_positives")).isEqualTo(1L);
    assertThat((Double) m.get("false_positive_rate")).isEqualTo(1 / 3.0);
    assertThat(m.get("non_regressions_ok")).isEqualTo(2L);
    assertThat(m.get("recall_by_error_rate").toString())
        .isEqualTo(
            "[{band=<0.5%, deploys=1, flagged=0, recall=0.0}, {band=0.5-1%, deploys=0, flagged=0,"
                + " recall=null}, {band=1-2%, deploys=1, flagged=0, recall=0.0}, {band=>=2%,"
                + " deploys=1, flagged=1, recall=1.0}]");
    assertThat(m.get("by_change").toString())
        .contains("regression={deploys=3, verdicts={missed=1, ok=1, regression=1}}")
        .contains("minor={deploys=1, verdicts={regression=1}}");
    @SuppressWarnings("unchecked")
    Map<String, Object> det = (Map<String, Object>) m.get("detection");
    assertThat(det)
        .containsEntry("deploys", 6)
        .containsEntry("found", 5)
        .containsEntry("start_in_rollout_window", 5L)
        .containsEntry("spurious", 1)
        .containsEntry("spurious_at_lone_restarts", 0L)
        .containsEntry("lone_restarts", 1)
        .containsEntry("migration_right", 4L)
        .containsEntry("migration_missed", 1L)
        .containsEntry("migration_false", 0L);
    assertThat(m.get("new_signatures").toString())
        .isEqualTo(
            "{found_regressions_with_new_signature=2, listed=1,"
                + " deploys_with_other_signatures=0, other_signatures=0}");
    String text = DeployScoring.describe(m);
    assertThat(text)
        .contains("recall: 1 of 3 regressions judged regression (33.3%)")
        .contains("error rate 0.5-1%  0 of 0 (n/a)")
        .contains(
            "false-positive rate: 1 of 3 clean/minor/rollback deploys judged regression (33.3%); 2"
                + " judged ok")
        .contains("5 of 6 deploys found");
    assertThat(DeployScoring.table(s1))
        .contains("r1")
        .contains("0.40%x2.00")
        .contains("!!")
        .contains("listed");
    assertThat(DeployScoring.table(s2))
        .contains("NO")
        .contains("spurious web deploy at 2026-11-02T20:00:00Z (other)");
  }

  @Test
  void bands() {
    assertThat(DeployScoring.errorBand(0.003)).isEqualTo("<0.5%");
    assertThat(DeployScoring.errorBand(0.005)).isEqualTo("0.5-1%");
    assertThat(DeployScoring.errorBand(0.0199)).isEqualTo("1-2%");
    assertThat(DeployScoring.errorBand(0.05)).isEqualTo(">=2%");
    assertThat(DeployScoring.latencyBand(1.2)).isEqualTo("<x1.5");
    assertThat(DeployScoring.latencyBand(2.0)).isEqualTo("x1.5-2.2");
    assertThat(DeployScoring.latencyBand(3.0)).isEqualTo(">=x2.2");
  }

  @Test
  void readsDeployImpactJsonLines() {
    List<String> lines =
        List.of(
            "some progress line",
            "{\"deploy_id\":\"detected-web-2026-11-02T10:00:20Z\",\"app\":\"web\",\"deploy_started_at\":\"2026-11-02T10:00:20Z\",\"deploy_finished_at\":\"2026-11-02"
                + " 10:04:50\","
                + "\"metric\":\"update_5xx_rate:aus5\",\"verdict\":\"regression\",\"reason\":\"x\",\"new_signatures\":[]}",
            "{\"deploy_id\":\"detected-web-2026-11-02T10:00:20Z\",\"app\":\"web\",\"deploy_started_at\":\"2026-11-02T10:00:20Z\",\"deploy_finished_at\":\"2026-11-02"
                + " 10:04:50\",\"metric\":\"overall\",\"verdict\":\"regression\",\"reason\":\"update"
                + " 5xx x3\",\"new_signatures\":[\"TypeError at"
                + " rulematching.py:88\"],\"deploy_source\":\"detected\","
                + "\"schema_migration\":false,\"hosts\":4}",
            "{\"deploy_id\":\"detected-admin-x\",\"app\":\"admin\",\"deploy_started_at\":\"2026-11-02"
                + " 08:00:00.123\","
                + "\"deploy_finished_at\":null,\"metric\":\"overall\",\"verdict\":\"ok\",\"reason\":\"-\","
                + "\"new_signatures\":null,\"deploy_source\":\"detected\",\"schema_migration\":true,\"hosts\":2}");
    List<Judged> j = Judged.fromJsonLines(lines);
    assertThat(j).hasSize(2);
    Judged admin = j.get(0);
    assertThat(admin.app()).isEqualTo("admin");
    assertThat(admin.startedAt()).isEqualTo(Instant.parse("2026-11-02T08:00:00.123Z"));
    assertThat(admin.finishedAt()).isNull();
    assertThat(admin.schemaMigration()).isTrue();
    assertThat(admin.newSignatures()).isEmpty();
    assertThat(admin.metricVerdicts()).isEmpty();
    Judged web = j.get(1);
    assertThat(web.startedAt()).isEqualTo(at("10:00:20"));
    assertThat(web.finishedAt()).isEqualTo(at("10:04:50"));
    assertThat(web.verdict()).isEqualTo("regression");
    assertThat(web.newSignatures()).containsExactly("TypeError at rulematching.py:88");
    assertThat(web.hosts()).isEqualTo(4);
    assertThat(web.source()).isEqualTo("detected");
    assertThat(web.metricVerdicts())
        .containsExactly(Map.entry("update_5xx_rate:aus5", "regression"));

    assertThatThrownBy(() -> Judged.fromJsonLines(List.of(lines.get(1))))
        .hasMessageContaining("no 'overall' row for deploy detected-web-2026-11-02T10:00:20Z");
    assertThatThrownBy(() -> Judged.fromJsonLines(List.of("{not json")))
        .hasMessageContaining("not JSON: {not json");
    assertThatThrownBy(
            () -> DeployScoring.time(new com.fasterxml.jackson.databind.node.TextNode("yesterday")))
        .hasMessageContaining("unreadable timestamp in deploy-impact output: 'yesterday'");
  }

  @Test
  void readsTheGeneratorsManifest(@TempDir Path dir) throws java.io.IOException {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                dir,
                LocalDate.parse("2026-11-02"),
                1,
                100,
                3L,
                false,
                true,
                List.of(
                    DeploySpec.parse("w1@2026-11-02T04:00Z:minor"),
                    DeploySpec.parse("w2@2026-11-02T08:00Z:regression=0.02x1.5"),
                    DeploySpec.parse("w3@2026-11-02T12:00Z:rollback"),
                    DeploySpec.parse("admin-1@2026-11-02T16:00Z:migration")),
                1.0),
            null);
    JsonNode manifest =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("manifest.json").toFile());
    List<Truth> t = Truth.fromManifest(manifest);
    assertThat(t).extracting(Truth::id).containsExactly("w1", "w2", "w3", "admin-1");
    assertThat(t)
        .extracting(Truth::change)
        .containsExactly("minor", "regression", "rollback", "clean");
    Truth reg = t.get(1);
    assertThat(reg.errorRate()).isEqualTo(0.02);
    assertThat(reg.latencyFactor()).isEqualTo(1.5);
    assertThat(reg.expectedVerdict()).isEqualTo("regression");
    assertThat(reg.newExceptionType()).isNotBlank();
    assertThat(reg.firstRestart()).isAfter(at("08:00:00"));
    assertThat(reg.lastRestart()).isAfter(reg.firstRestart()).isBefore(at("08:10:00"));
    assertThat(t.get(3).migration()).isTrue();
    assertThat(t.get(3).app()).isEqualTo("admin");
    assertThat(LoneRestart.fromManifest(manifest))
        .hasSize(3)
        .extracting(LoneRestart::app)
        .containsExactlyInAnyOrder("web", "admin", "agent");
  }
}
