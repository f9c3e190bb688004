package org.mozilla.balrog.logs.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.deploy.Deploy;
import org.mozilla.balrog.logs.model.BalrogApp;

class ImpactWindowsTest {
  static final Instant START = Instant.parse("2026-11-02T10:00:20Z");
  static final Instant END = Instant.parse("2026-11-02T10:03:44Z");

  @Test
  void beforeEndsAtTheStartAfterStartsAtTheRolloutEnd() {
    ImpactWindows w = ImpactWindows.of(START, END, Duration.ofMinutes(45), Duration.ofHours(2));
    assertThat(w.beforeStart()).isEqualTo(Instant.parse("2026-11-02T09:15:20Z"));
    assertThat(w.beforeEnd()).isEqualTo(START);
    assertThat(w.afterStart()).isEqualTo(END);
    assertThat(w.afterEnd()).isEqualTo(Instant.parse("2026-11-02T12:03:44Z"));
    assertThat(w.before()).isEqualTo(Duration.ofMinutes(45));
    assertThat(w.after()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void windowsAreHalfOpenAndTheRolloutIsInNeither() {
    ImpactWindows w =
        ImpactWindows.of(START, END, ImpactWindows.DEFAULT_BEFORE, ImpactWindows.DEFAULT_AFTER);
    assertThat(w.inBefore(START.minus(Duration.ofMinutes(60)))).isTrue();
    assertThat(w.inBefore(START.minusNanos(1000))).isTrue();
    assertThat(w.inBefore(START)).isFalse();
    assertThat(w.inAfter(START.plusSeconds(100))).isFalse();
    assertThat(w.inAfter(END)).isTrue();
    assertThat(w.inAfter(END.plus(Duration.ofMinutes(60)))).isFalse();
  }

  @Test
  void overlapsEitherWindow() {
    ImpactWindows w = ImpactWindows.of(START, END, Duration.ofMinutes(60), Duration.ofMinutes(60));
    // an ELB file 09:55..10:00 overlaps the before window
    assertThat(
            w.overlaps(
                Instant.parse("2026-11-02T09:55:00Z"), Instant.parse("2026-11-02T10:00:00Z")))
        .isTrue();
    // 10:01..10:02 lies inside the rollout only
    assertThat(
            w.overlaps(
                Instant.parse("2026-11-02T10:01:00Z"), Instant.parse("2026-11-02T10:02:00Z")))
        .isFalse();
    assertThat(
            w.overlaps(
                Instant.parse("2026-11-02T08:55:00Z"), Instant.parse("2026-11-02T09:00:00Z")))
        .isFalse();
    assertThat(
            w.overlaps(
                Instant.parse("2026-11-02T11:00:00Z"), Instant.parse("2026-11-02T11:05:00Z")))
        .isTrue();
    assertThat(
            w.overlaps(
                Instant.parse("2026-11-02T11:04:00Z"), Instant.parse("2026-11-02T11:05:00Z")))
        .isFalse();
  }

  @Test
  void aDeclaredDeployWithoutRolloutUsesTheAssumedEnd() {
    Deploy d =
        new Deploy(
            "v1", BalrogApp.WEB, START, null, 0, 4, false, Deploy.Source.DECLARED, "declared");
    assertThat(ImpactWindows.of(d, Duration.ofMinutes(60), Duration.ofMinutes(60)).afterStart())
        .isEqualTo(START.plus(Deploy.ASSUMED_ROLLOUT));
  }

  @Test
  void lengthsMustBePositive() {
    assertThatThrownBy(() -> ImpactWindows.of(START, END, Duration.ZERO, Duration.ofMinutes(1)))
        .hasMessageContaining("--before must be positive");
    assertThatThrownBy(
            () -> ImpactWindows.of(START, END, Duration.ofMinutes(1), Duration.ofMinutes(-1)))
        .hasMessageContaining("--after must be positive");
    assertThatThrownBy(
            () -> ImpactWindows.of(END, START, Duration.ofMinutes(1), Duration.ofMinutes(1)))
        .hasMessageContaining("in order");
  }
}
