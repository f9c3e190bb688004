package org.mozilla.balrog.logs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionRampRuleTest {
  static final String AT = "2026-11-05T12:30:00Z";
  static final Instant END = Instant.parse("2026-11-05T12:00:00Z");

  static Reason judge(Inputs in) {
    return new VersionRampRule().judge(in.build(), WindowSettings.defaults());
  }

  /**
   * Hourly requests of Firefox release for {@code hours} hours ending {@code endBefore} before the
   * push's last complete hour: {@code shares} as version, share pairs of 1000 requests an hour.
   */
  static void hours(Inputs in, Duration endBefore, int hours, Object... shares) {
    for (int h = 1; h <= hours; h++) {
      Instant hour = END.minus(endBefore).minus(Duration.ofHours(h));
      for (int i = 0; i < shares.length; i += 2) {
        long n = Math.round(1000 * (Double) shares[i + 1]);
        if (n > 0) {
          in.versions.add(new VersionCount(hour, "Firefox", "release", (String) shares[i], n));
        }
      }
    }
  }

  /** Seven baseline days on 145.0.2 (70 %) and 144.0.2, then the last 8 hours as given. */
  static Inputs quietWeekThen(Object... lastHours) {
    Inputs in = new Inputs(AT);
    hours(in, Duration.ofHours(8), 7 * 24 - 8, "145.0.2", 0.7, "144.0.2", 0.3);
    hours(in, Duration.ZERO, 8, lastHours);
    return in;
  }

  @Test
  void steadySharesAreGo() {
    Reason r = judge(quietWeekThen("145.0.2", 0.7, "144.0.2", 0.3));
    assertThat(r.rule()).isEqualTo("version-ramp");
    assertThat(r.call()).isEqualTo(Call.GO);
    assertThat(r.explanation())
        .isEqualTo(
            "no version of Firefox/release is new or grew by 5.00% or more"
                + " (2026-11-05T04:00Z..2026-11-05T06:00Z vs"
                + " 2026-11-05T10:00Z..2026-11-05T12:00Z)");
    assertThat(r.evidence())
        .extracting(Evidence::toString)
        .containsExactly(
            "release_activity 2026-11-05T10:00Z..2026-11-05T12:00Z (4 rows; update_version)",
            "release_activity 2026-11-05T04:00Z..2026-11-05T06:00Z (4 rows; update_version)",
            "release_activity 2026-10-28T12:00Z..2026-11-04T12:00Z (288 rows; update_version, the"
                + " baseline days)");
  }

  /** A new major version absent from the baseline days: a planned release rolling out. */
  @Test
  void aNewMajorVersionIsCaution() {
    Inputs in = new Inputs(AT);
    hours(in, Duration.ofHours(8), 7 * 24 - 8, "145.0.2", 1.0);
    hours(in, Duration.ofHours(6), 2, "145.0.2", 0.99, "146.0", 0.01);
    hours(in, Duration.ofHours(2), 4, "145.0.2", 0.96, "146.0", 0.04);
    hours(in, Duration.ZERO, 2, "145.0.2", 0.93, "146.0", 0.07);
    Reason r = judge(in);
    assertThat(r.call()).isEqualTo(Call.CAUTION);
    assertThat(r.explanation())
        .startsWith("a new version rolling out: Firefox/release 146.0 1.00% -> 7.00%")
        .endsWith(": a release is rolling out");
  }

  /** A new dot release of the major already out: a chemspill. */
  @Test
  void aNewDotReleaseMidCycleIsNoGo() {
    Reason r = judge(quietWeekThen("145.0.2", 0.5, "144.0.2", 0.2, "145.0.3", 0.3));
    assertThat(r.call()).isEqualTo(Call.NO_GO);
    assertThat(r.explanation())
        .startsWith(
            "a new dot release mid-cycle (looks like a chemspill): Firefox/release 145.0.3"
                + " 30.00% -> 30.00%");
  }

  /**
   * A version already out whose share grows: caution once the growth is both the setting's and
   * three standard errors; the same growth on a thin channel is noise.
   */
  @Test
  void aGrowingShareIsARampWhenItIsMoreThanNoise() {
    Inputs in = new Inputs(AT);
    hours(in, Duration.ofHours(8), 7 * 24 - 8, "145.0.2", 0.9, "146.0", 0.1);
    hours(in, Duration.ofHours(6), 2, "145.0.2", 0.85, "146.0", 0.15);
    hours(in, Duration.ofHours(2), 4, "145.0.2", 0.8, "146.0", 0.2);
    hours(in, Duration.ZERO, 2, "145.0.2", 0.78, "146.0", 0.22);
    Reason r = judge(in);
    assertThat(r.call()).isEqualTo(Call.CAUTION);
    assertThat(r.explanation())
        .startsWith("share grew by 5.00% or more in 6h: Firefox/release 146.0 15.00% -> 22.00%");
    assertThat(
            new VersionRampRule()
                .judge(in.build(), WindowSettings.from(Map.of("window.ramp.growth", "0.08")))
                .call())
        .isEqualTo(Call.GO);
    // 7 points on 2 x 30 requests an hour is within sampling noise
    Inputs thin = new Inputs(AT);
    for (VersionCount v : in.versions) {
      thin.versions.add(
          new VersionCount(
              v.hour(), v.product(), v.channel(), v.version(), Math.round(v.requests() * 0.03)));
    }
    Reason noise =
        new VersionRampRule()
            .judge(thin.build(), WindowSettings.from(Map.of("window.ramp.min-requests", "10")));
    assertThat(noise.call()).isEqualTo(Call.GO);
  }

  /**
   * Nightly and beta get new versions every day: not watched by default. Too few requests cannot be
   * judged; no data at all is caution.
   */
  @Test
  void unwatchedChannelsThinTrafficAndNoData() {
    Inputs in = quietWeekThen("145.0.2", 0.7, "144.0.2", 0.3);
    for (int h = 1; h <= 48; h++) {
      in.versions.add(
          new VersionCount(
              END.minus(Duration.ofHours(8 + h)), "Firefox", "nightly", "147.0a1", 900));
    }
    in.versions.add(new VersionCount(END.minusSeconds(3600), "Firefox", "nightly", "148.0a1", 900));
    assertThat(judge(in).call()).isEqualTo(Call.GO);
    assertThat(
            new VersionRampRule()
                .judge(in.build(), WindowSettings.from(Map.of("window.ramp.channels", "nightly")))
                .call())
        .isEqualTo(Call.CAUTION);
    Reason none = judge(new Inputs(AT));
    assertThat(none.call()).isEqualTo(Call.CAUTION);
    assertThat(none.explanation())
        .isEqualTo(
            "no update_version rows of Firefox, Thunderbird on esr, release with enough requests"
                + " in 2026-11-05T10:00Z..2026-11-05T12:00Z: cannot tell whether a version is"
                + " being rolled out");
    Reason thin =
        new VersionRampRule()
            .judge(
                quietWeekThen("145.0.2", 0.7, "144.0.2", 0.3).build(),
                WindowSettings.from(Map.of("window.ramp.min-requests", "5000")));
    assertThat(thin.call()).isEqualTo(Call.CAUTION);
    assertThat(thin.explanation())
        .contains("too few requests to judge Firefox/release (2000 requests)");
  }

  @Test
  void majorVersions() {
    assertThat(VersionRampRule.major("145.0.3")).isEqualTo(145);
    assertThat(VersionRampRule.major("140.5.0esr")).isEqualTo(140);
    assertThat(VersionRampRule.major("unknown")).isEqualTo(-1);
  }
}
