package org.mozilla.balrog.logs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.BalrogApp;

class DeployResolverTest {
  static final Instant T = Instant.parse("2026-11-02T10:00:20Z");
  static final Map<BalrogApp, Integer> HOSTS =
      Map.of(BalrogApp.WEB, 4, BalrogApp.ADMIN, 2, BalrogApp.AGENT, 2);

  static DetectedDeploy detected(BalrogApp app, Instant start, boolean migration) {
    return new DetectedDeploy(
        app,
        start,
        start.plusSeconds(200),
        List.of("a", "b", "c", "d"),
        4,
        migration,
        "4 of 4 hosts restarted");
  }

  @Test
  void declaredMatchingADetectedDeployTakesItsTimes() {
    DeclaredDeploy v = DeclaredDeploy.parse("v3.122@2026-11-02T10:00Z");
    List<Deploy> d =
        DeployResolver.resolve(
            List.of(v), List.of(detected(BalrogApp.WEB, T, true)), HOSTS, List.of());
    assertThat(d)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.id()).isEqualTo("v3.122");
              assertThat(x.source()).isEqualTo(Deploy.Source.DECLARED_AND_DETECTED);
              assertThat(x.source().code()).isEqualTo("declared+detected");
              assertThat(x.startedAt()).isEqualTo(T);
              assertThat(x.finishedAt()).isEqualTo(T.plusSeconds(200));
              assertThat(x.rolloutEnd()).isEqualTo(T.plusSeconds(200));
              assertThat(x.hosts()).isEqualTo(4);
              assertThat(x.schemaMigration()).isTrue();
              assertThat(x.evidence())
                  .startsWith("declared 2026-11-02T10:00:00Z; detected: 4 of 4 hosts restarted");
            });
  }

  @Test
  void matchingNeedsTheSameAppAndThirtyMinutes() {
    DetectedDeploy web = detected(BalrogApp.WEB, T, false);
    assertThat(
            DeployResolver.resolve(
                List.of(DeclaredDeploy.parse("admin-1@2026-11-02T10:00Z")),
                List.of(web),
                HOSTS,
                List.of()))
        .extracting(Deploy::source)
        .containsExactly(Deploy.Source.DECLARED, Deploy.Source.DETECTED);
    // 30 minutes apart still matches, 31 do not
    assertThat(
            DeployResolver.resolve(
                List.of(
                    new DeclaredDeploy("v1", T.plus(Duration.ofMinutes(30)), BalrogApp.WEB, false)),
                List.of(web),
                HOSTS,
                List.of()))
        .extracting(Deploy::source)
        .containsExactly(Deploy.Source.DECLARED_AND_DETECTED);
    assertThat(
            DeployResolver.resolve(
                List.of(
                    new DeclaredDeploy(
                        "v1", T.minus(Duration.ofMinutes(31)), BalrogApp.WEB, false)),
                List.of(web),
                HOSTS,
                List.of()))
        .extracting(Deploy::source)
        .containsExactly(Deploy.Source.DECLARED, Deploy.Source.DETECTED);
  }

  @Test
  void theClosestDetectedDeployWinsAndIsTakenOnce() {
    DetectedDeploy a = detected(BalrogApp.WEB, T, false);
    DetectedDeploy b = detected(BalrogApp.WEB, T.plus(Duration.ofMinutes(20)), false);
    List<Deploy> d =
        DeployResolver.resolve(
            List.of(
                new DeclaredDeploy("v2", T.plus(Duration.ofMinutes(18)), BalrogApp.WEB, false),
                new DeclaredDeploy("v1", T.plus(Duration.ofMinutes(15)), BalrogApp.WEB, false)),
            List.of(a, b),
            HOSTS,
            List.of());
    // v1 (earlier) takes b (5 min away, closer than a at 15 min); v2 then takes a
    assertThat(d)
        .extracting(Deploy::id, Deploy::startedAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("v2", a.startedAt()),
            org.assertj.core.groups.Tuple.tuple("v1", b.startedAt()));
  }

  @Test
  void unmatchedDeclaredKeepsItsTimeWithAnAssumedRolloutEnd() {
    Instant at = Instant.parse("2026-11-02T09:00:00Z");
    List<Deploy> d =
        DeployResolver.resolve(
            List.of(new DeclaredDeploy("v9", at, BalrogApp.WEB, false)),
            List.of(),
            HOSTS,
            List.of());
    assertThat(d)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.startedAt()).isEqualTo(at);
              assertThat(x.finishedAt()).isNull();
              assertThat(x.rolloutEnd()).isEqualTo(at.plus(Deploy.ASSUMED_ROLLOUT));
              assertThat(x.hosts()).isZero();
              assertThat(x.hostsTotal()).isEqualTo(4);
              assertThat(x.schemaMigration()).isFalse();
              assertThat(x.evidence())
                  .contains("no restart burst of web within 30 min", "assumed 10 min");
            });
  }

  @Test
  void unmatchedDeclaredGetsTheMigrationFlagFromItsDeclarationOrANearbyLine() {
    Instant at = Instant.parse("2026-11-02T09:00:00Z");
    MigrationMarker line =
        new MigrationMarker(at.minusSeconds(60), "h", "t", "Running upgrade 3 -> 4, x");
    assertThat(
            DeployResolver.resolve(
                List.of(new DeclaredDeploy("v9", at, BalrogApp.WEB, false)),
                List.of(),
                HOSTS,
                List.of(line)))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.schemaMigration()).isTrue();
              assertThat(x.evidence()).contains("migration: 1 line");
            });
    assertThat(
            DeployResolver.resolve(
                List.of(new DeclaredDeploy("v9", at, BalrogApp.WEB, true)),
                List.of(),
                HOSTS,
                List.of()))
        .singleElement()
        .satisfies(x -> assertThat(x.schemaMigration()).isTrue());
  }

  @Test
  void detectedDeploysGetTimeBasedIds() {
    Instant t = Instant.parse("2026-11-02T14:00:20.5Z");
    List<Deploy> d =
        DeployResolver.resolve(
            List.of(),
            List.of(
                detected(BalrogApp.WEB, t, false),
                detected(BalrogApp.WEB, t.plusSeconds(30), false),
                detected(BalrogApp.AGENT, t, false)),
            HOSTS,
            List.of());
    assertThat(d)
        .extracting(Deploy::id)
        .containsExactly(
            "detected-web-20261102T1400Z",
            "detected-agent-20261102T1400Z",
            "detected-web-20261102T1400Z-2");
    assertThat(d).allSatisfy(x -> assertThat(x.source()).isEqualTo(Deploy.Source.DETECTED));
  }

  @Test
  void duplicateDeclaredIdsAreRefused() {
    assertThatThrownBy(
            () ->
                DeployResolver.resolve(
                    List.of(
                        DeclaredDeploy.parse("v1@2026-11-02T10:00Z"),
                        DeclaredDeploy.parse("v1@2026-11-02T12:00Z")),
                    List.of(),
                    HOSTS,
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declared twice");
  }
}
