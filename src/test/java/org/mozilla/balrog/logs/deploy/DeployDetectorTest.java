package org.mozilla.balrog.logs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mozilla.balrog.logs.deploy.RestartMarker.Kind.NEW_CONTAINER;
import static org.mozilla.balrog.logs.deploy.RestartMarker.Kind.READY;
import static org.mozilla.balrog.logs.deploy.RestartMarker.Kind.START;
import static org.mozilla.balrog.logs.deploy.RestartMarker.Kind.STOP;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.BalrogApp;

class DeployDetectorTest {
  static final String[] WEB = {"ip-10-0-4-21", "ip-10-0-4-22", "ip-10-0-4-23", "ip-10-0-4-24"};
  static final Instant T = Instant.parse("2026-11-02T10:00:00Z");
  final DeployDetector detector = new DeployDetector();

  /**
   * The uWSGI markers of a rolling restart of {@code hosts}, one host every {@code every}, starting
   * at {@code t}.
   */
  static List<RestartMarker> rolling(BalrogApp app, Instant t, Duration every, String... hosts) {
    List<RestartMarker> out = new ArrayList<>();
    for (int h = 0; h < hosts.length; h++) {
      Instant down = t.plus(every.multipliedBy(h));
      out.add(new RestartMarker(down, app, hosts[h], "old" + h, STOP));
      out.add(
          new RestartMarker(
              down.plusSeconds(3), app, hosts[h], "new" + h + t.getEpochSecond(), START));
      out.add(
          new RestartMarker(
              down.plusSeconds(3), app, hosts[h], "new" + h + t.getEpochSecond(), NEW_CONTAINER));
      out.add(
          new RestartMarker(
              down.plusSeconds(6), app, hosts[h], "new" + h + t.getEpochSecond(), READY));
    }
    return out;
  }

  static MigrationMarker migration(Instant t) {
    return new MigrationMarker(
        t,
        "ip-10-0-6-11",
        "d79165e4e115",
        "INFO:alembic.runtime.migration:Running upgrade 0001 -> 0002, add release_assets table");
  }

  @Test
  void rollingBurstIsADeployFromFirstRestartToLastReady() {
    List<DetectedDeploy> d =
        detector.detect(
            BalrogApp.WEB, rolling(BalrogApp.WEB, T, Duration.ofSeconds(60), WEB), 4, List.of());
    assertThat(d).hasSize(1);
    DetectedDeploy x = d.get(0);
    assertThat(x.app()).isEqualTo(BalrogApp.WEB);
    assertThat(x.startedAt()).isEqualTo(T);
    assertThat(x.finishedAt()).isEqualTo(T.plusSeconds(186));
    assertThat(x.hosts()).containsExactly(WEB);
    assertThat(x.hostsTotal()).isEqualTo(4);
    assertThat(x.schemaMigration()).isFalse();
    assertThat(x.evidence())
        .startsWith("4 of 4 hosts restarted 2026-11-02T10:00:00Z..2026-11-02T10:03:06Z:")
        .contains("4 goodbye", "4 uWSGI start", "4 ready", "4 new container")
        .doesNotContain("migration");
  }

  @Test
  void loneHostRestartIsNotADeploy() {
    List<RestartMarker> one = rolling(BalrogApp.WEB, T, Duration.ofSeconds(60), WEB[2]);
    assertThat(detector.detect(BalrogApp.WEB, one, 4, List.of())).isEmpty();
    // not even for an app with two hosts: a deploy needs at least two
    assertThat(detector.detect(BalrogApp.WEB, one, 1, List.of())).isEmpty();
    assertThat(detector.detect(BalrogApp.WEB, one, 2, List.of())).isEmpty();
  }

  @Test
  void aBurstNeedsHalfOfTheHostsSeen() {
    List<RestartMarker> two = rolling(BalrogApp.WEB, T, Duration.ofSeconds(60), WEB[0], WEB[1]);
    assertThat(detector.detect(BalrogApp.WEB, two, 4, List.of())).hasSize(1);
    assertThat(detector.detect(BalrogApp.WEB, two, 5, List.of())).isEmpty();
    assertThat(DeployDetector.minHosts(0)).isEqualTo(2);
    assertThat(DeployDetector.minHosts(2)).isEqualTo(2);
    assertThat(DeployDetector.minHosts(4)).isEqualTo(2);
    assertThat(DeployDetector.minHosts(5)).isEqualTo(3);
    assertThat(DeployDetector.minHosts(10)).isEqualTo(5);
  }

  @Test
  void hostsFartherApartThanTheGapAreSeparateRestarts() {
    List<RestartMarker> slow = rolling(BalrogApp.WEB, T, Duration.ofMinutes(16), WEB);
    assertThat(detector.detect(BalrogApp.WEB, slow, 4, List.of())).isEmpty();
    assertThat(new DeployDetector(Duration.ofMinutes(20)).detect(BalrogApp.WEB, slow, 4, List.of()))
        .hasSize(1);
    List<RestartMarker> fifteen =
        rolling(BalrogApp.WEB, T, Duration.ofMinutes(15).minusSeconds(6), WEB);
    assertThat(detector.detect(BalrogApp.WEB, fifteen, 4, List.of())).hasSize(1);
  }

  @Test
  void twoDeploysTheSameDay() {
    List<RestartMarker> m = new ArrayList<>(rolling(BalrogApp.WEB, T, Duration.ofSeconds(60), WEB));
    m.addAll(rolling(BalrogApp.WEB, T.plus(Duration.ofHours(4)), Duration.ofSeconds(45), WEB));
    // a lone restart in between changes nothing
    m.addAll(rolling(BalrogApp.WEB, T.plus(Duration.ofHours(2)), Duration.ofSeconds(45), WEB[1]));
    List<DetectedDeploy> d = detector.detect(BalrogApp.WEB, m, 4, List.of());
    assertThat(d)
        .extracting(DetectedDeploy::startedAt)
        .containsExactly(T, T.plus(Duration.ofHours(4)));
  }

  @Test
  void quickRollbackRightAfterADeployIsADeployOfItsOwn() {
    // the rollback restarts every host again 5 minutes after the deploy finished: within the gap,
    // but hosts that
    // were already back restarting again start a new burst
    List<RestartMarker> m = new ArrayList<>(rolling(BalrogApp.WEB, T, Duration.ofSeconds(60), WEB));
    Instant back = T.plus(Duration.ofMinutes(8));
    m.addAll(rolling(BalrogApp.WEB, back, Duration.ofSeconds(60), WEB));
    List<DetectedDeploy> d = detector.detect(BalrogApp.WEB, m, 4, List.of());
    assertThat(d).extracting(DetectedDeploy::startedAt).containsExactly(T, back);
    assertThat(d).allSatisfy(x -> assertThat(x.hosts()).hasSize(4));
  }

  @Test
  void agentRestartsAreReadyLinesAndNewContainers() {
    String[] agents = {"ip-10-0-7-31", "ip-10-0-7-32"};
    List<RestartMarker> m =
        List.of(
            new RestartMarker(T, BalrogApp.AGENT, agents[0], "a1", READY),
            new RestartMarker(T, BalrogApp.AGENT, agents[0], "a1", NEW_CONTAINER),
            new RestartMarker(T.plusSeconds(70), BalrogApp.AGENT, agents[1], "b1", READY),
            new RestartMarker(T.plusSeconds(70), BalrogApp.AGENT, agents[1], "b1", NEW_CONTAINER));
    List<DetectedDeploy> d = detector.detect(BalrogApp.AGENT, m, 2, List.of());
    assertThat(d)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.startedAt()).isEqualTo(T);
              assertThat(x.finishedAt()).isEqualTo(T.plusSeconds(70));
            });
    // markers of another app are not this app's
    assertThat(detector.detect(BalrogApp.WEB, m, 4, List.of())).isEmpty();
  }

  @Test
  void withoutReadyLinesTheRolloutEndsAtTheLastMarker() {
    List<RestartMarker> m =
        List.of(
            new RestartMarker(T, BalrogApp.ADMIN, "a", "x1", NEW_CONTAINER),
            new RestartMarker(T.plusSeconds(50), BalrogApp.ADMIN, "b", "y1", NEW_CONTAINER));
    assertThat(detector.detect(BalrogApp.ADMIN, m, 2, List.of()))
        .singleElement()
        .satisfies(x -> assertThat(x.finishedAt()).isEqualTo(T.plusSeconds(50)));
  }

  @Test
  void migrationFlagOnlyWhenAMigrationRanNearTheRollout() {
    List<RestartMarker> m = new ArrayList<>(rolling(BalrogApp.WEB, T, Duration.ofSeconds(60), WEB));
    Instant second = T.plus(Duration.ofHours(4));
    m.addAll(rolling(BalrogApp.WEB, second, Duration.ofSeconds(60), WEB));
    List<MigrationMarker> migrations = List.of(migration(second.minusSeconds(40)));
    List<DetectedDeploy> d = detector.detect(BalrogApp.WEB, m, 4, migrations);
    assertThat(d).extracting(DetectedDeploy::schemaMigration).containsExactly(false, true);
    assertThat(d.get(1).evidence())
        .contains(
            "migration: 1 line, last 'INFO:alembic.runtime.migration:Running upgrade 0001 -> 0002");

    // the edges: 30 minutes before the start counts, 31 does not; during the rollout counts, after
    // it does not
    Instant finish = d.get(0).finishedAt();
    assertThat(flags(m, T.minus(Duration.ofMinutes(30)))).containsExactly(true, false);
    assertThat(flags(m, T.minus(Duration.ofMinutes(31)))).containsExactly(false, false);
    assertThat(flags(m, finish)).containsExactly(true, false);
    assertThat(flags(m, finish.plusSeconds(1))).containsExactly(false, false);
  }

  private List<Boolean> flags(List<RestartMarker> m, Instant migrationAt) {
    return detector.detect(BalrogApp.WEB, m, 4, List.of(migration(migrationAt))).stream()
        .map(DetectedDeploy::schemaMigration)
        .toList();
  }

  @Test
  void detectAllSortsAcrossApps() {
    List<RestartMarker> m =
        new ArrayList<>(rolling(BalrogApp.WEB, T.plusSeconds(600), Duration.ofSeconds(60), WEB));
    m.addAll(rolling(BalrogApp.ADMIN, T, Duration.ofSeconds(60), "ip-10-0-6-11", "ip-10-0-6-12"));
    List<DetectedDeploy> d =
        detector.detectAll(m, Map.of(BalrogApp.WEB, 4, BalrogApp.ADMIN, 2), List.of());
    assertThat(d).extracting(DetectedDeploy::app).containsExactly(BalrogApp.ADMIN, BalrogApp.WEB);
  }

  @Test
  void gapMustBePositive() {
    assertThatThrownBy(() -> new DeployDetector(Duration.ZERO)).hasMessageContaining("positive");
  }

  /**
   * Whatever the order of the markers, the result is the same, and a deploy's times lie within its
   * markers.
   */
  @Property(tries = 200)
  void orderDoesNotMatterAndTimesAreWithinTheBurst(
      @ForAll @IntRange(min = 1, max = 4) int hosts,
      @ForAll @IntRange(min = 10, max = 1200) int everySeconds,
      @ForAll long shuffleSeed) {
    String[] h = java.util.Arrays.copyOf(WEB, hosts);
    List<RestartMarker> m =
        new ArrayList<>(rolling(BalrogApp.WEB, T, Duration.ofSeconds(everySeconds), h));
    List<DetectedDeploy> sorted = detector.detect(BalrogApp.WEB, m, 4, List.of());
    java.util.Collections.shuffle(m, new java.util.Random(shuffleSeed));
    assertThat(detector.detect(BalrogApp.WEB, m, 4, List.of())).isEqualTo(sorted);
    // a host's last marker (ready, +6 s) to the next host's first (goodbye, +every): a gap of every
    // - 6 s
    boolean deploy = hosts >= 2 && everySeconds - 6 <= 15 * 60;
    assertThat(sorted).hasSize(deploy ? 1 : 0);
    for (DetectedDeploy d : sorted) {
      assertThat(d.startedAt()).isEqualTo(T);
      assertThat(d.finishedAt()).isEqualTo(T.plusSeconds((long) everySeconds * (hosts - 1) + 6));
    }
  }
}
