package org.mozilla.balrog.logs.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowSettingsTest {
  @Test
  void defaults() {
    WindowSettings s = WindowSettings.defaults();
    assertThat(s.releaseHours()).isEqualTo(Duration.ofHours(6));
    assertThat(s.healthHours()).isEqualTo(Duration.ofHours(1));
    assertThat(s.baselineDays()).isEqualTo(7);
    assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(s.workStart()).isEqualTo(LocalTime.of(9, 0));
    assertThat(s.workEnd()).isEqualTo(LocalTime.of(17, 0));
    assertThat(s.holidays()).isEmpty();
    assertThat(s.friday()).isEqualTo(Call.CAUTION);
    assertThat(s.maxStaleness()).isEqualTo(Duration.ofHours(26));
    // the 7 baseline days before the 6h of new errors
    assertThat(s.lookBack()).isEqualTo(Duration.ofDays(8));
    assertThat(
            WindowSettings.from(
                    Map.of("window.regression.days", "10", "window.health.baseline-days", "2"))
                .lookBack())
        .isEqualTo(Duration.ofDays(10));
    assertThat(WindowSettings.from(Map.of("window.health.hours", "12h")).lookBack())
        .isEqualTo(Duration.ofDays(8));
    assertThat(WindowSettings.from(Map.of("window.health.hours", "30h")).lookBack())
        .isEqualTo(Duration.ofHours(7 * 24 + 30));
  }

  @Test
  void rampSettings() {
    WindowSettings d = WindowSettings.defaults();
    assertThat(d.rampChannels()).containsExactlyInAnyOrder("release", "esr");
    assertThat(d.rampProducts()).containsExactlyInAnyOrder("Firefox", "Thunderbird");
    assertThat(d.rampGrowth()).isEqualTo(0.05);
    WindowSettings s =
        WindowSettings.from(
            Map.of(
                "window.ramp.hours", "4h",
                "window.ramp.span", "1h",
                "window.ramp.growth", "0.1",
                "window.ramp.new-share", "0.05",
                "window.ramp.min-requests", "50",
                "window.ramp.channels", " Release, beta ",
                "window.ramp.products", "Firefox"));
    assertThat(s.rampHours()).isEqualTo(Duration.ofHours(4));
    assertThat(s.rampSpan()).isEqualTo(Duration.ofHours(1));
    assertThat(s.rampNewShare()).isEqualTo(0.05);
    assertThat(s.rampMinRequests()).isEqualTo(50);
    assertThat(s.rampChannels()).containsExactlyInAnyOrder("release", "beta");
    assertThat(s.rampProducts()).containsExactly("Firefox");
    assertThat(d.rampNewHours()).isEqualTo(Duration.ofHours(24));
    assertThat(d.rateMinErrors()).isEqualTo(10);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WindowSettings.from(Map.of("window.ramp.channels", " , ")))
        .hasMessage(
            "window.ramp.channels and window.ramp.products must name at least one value each");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WindowSettings.from(Map.of("window.ramp.growth", "5")))
        .hasMessage("window.ramp: growth and new-share are fractions between 0 and 1");
  }

  @Test
  void everyKeyIsRead() {
    WindowSettings s =
        WindowSettings.from(
            Map.of(
                "window.holidays", "2026-12-24,2026-12-25",
                "window.hours", "08:30-18:00",
                "window.time-zone", "America/Toronto",
                "window.friday", "no-go",
                "window.max-staleness", "2d",
                "window.health.baseline-days", "14",
                "window.health.5xx-no-go", "4"));
    assertThat(s.holidays())
        .containsExactlyInAnyOrder(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25));
    assertThat(s.workStart()).isEqualTo(LocalTime.of(8, 30));
    assertThat(s.zone()).isEqualTo(ZoneId.of("America/Toronto"));
    assertThat(s.friday()).isEqualTo(Call.NO_GO);
    assertThat(s.maxStaleness()).isEqualTo(Duration.ofDays(2));
    assertThat(s.rateNoGo()).isEqualTo(4);
    assertThat(s.lookBack()).isEqualTo(Duration.ofDays(15));
    assertThat(WindowSettings.KEYS).hasSize(29).allMatch(k -> k.startsWith(WindowSettings.PREFIX));
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> WindowSettings.from(Map.of("window.hours", "17:00-09:00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window.hours: the start 17:00 must be before the end 09:00");
    assertThatThrownBy(() -> WindowSettings.from(Map.of("window.hours", "9-5")))
        .hasMessageStartingWith("window.hours must be HH:MM-HH:MM: bad time '9'");
    assertThatThrownBy(() -> WindowSettings.from(Map.of("window.time-zone", "Mars/Olympus")))
        .hasMessageStartingWith("window.time-zone: unknown time zone 'Mars/Olympus'");
    assertThatThrownBy(() -> WindowSettings.from(Map.of("window.holidays", "2026-12-24,xmas")))
        .hasMessageContaining("bad date 'xmas'");
    assertThatThrownBy(() -> WindowSettings.from(Map.of("window.friday", "maybe")))
        .hasMessage("window.friday must be go, caution or no-go: maybe");
    assertThatThrownBy(() -> WindowSettings.from(Map.of("window.release.hours", "six")))
        .hasMessageStartingWith("window.release.hours: bad duration 'six'");
    assertThatThrownBy(() -> WindowSettings.from(Map.of("window.health.5xx-max", "-1")))
        .hasMessage("window.health.5xx-max must be a number >= 0: -1");
    assertThatThrownBy(() -> WindowSettings.from(Map.of("window.health.min-requests", "x")))
        .hasMessage("window.health.min-requests must be a whole number: x");
    assertThatThrownBy(
            () ->
                WindowSettings.from(
                    Map.of("window.health.5xx-caution", "3", "window.health.5xx-no-go", "2")))
        .hasMessageContaining("no-go multiple is below its caution");
  }

  @Test
  void durations() {
    assertThat(Times.parseDuration("x", "1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Times.duration(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Times.duration(Duration.ofDays(3))).isEqualTo("3d");
    assertThat(Times.duration(Duration.ZERO)).isEqualTo("0s");
    assertThatThrownBy(() -> Times.parseDuration("--duration", "0m"))
        .hasMessage("--duration: duration must be positive: '0m'");
  }
}
