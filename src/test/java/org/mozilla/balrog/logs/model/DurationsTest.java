package org.mozilla.balrog.logs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @Test
  void unitsAndCombinations() {
    assertThat(Durations.parse("--before", "45m")).isEqualTo(Duration.ofMinutes(45));
    assertThat(Durations.parse("--before", "45min")).isEqualTo(Duration.ofMinutes(45));
    assertThat(Durations.parse("--after", "2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("--after", "90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("--after", "1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("--after", " 1D ")).isEqualTo(Duration.ofDays(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "45", "m", "1.5h", "-5m", "PT45M", "5 m", "10y"})
  void badTextNamesTheOption(String text) {
    assertThatThrownBy(() -> Durations.parse("--before", text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--before: bad duration");
  }

  @Test
  void zeroIsRefused() {
    assertThatThrownBy(() -> Durations.parse("--after", "0m"))
        .hasMessageContaining("must be positive");
  }

  @Test
  void formatIsShortAndParsesBack() {
    for (String s : new String[] {"45m", "2h", "1h30m", "1m30s", "1d", "1h0m5s"}) {
      Duration d = Durations.parse("x", s);
      assertThat(Durations.parse("x", Durations.format(d))).isEqualTo(d);
    }
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofMinutes(60))).isEqualTo("1h");
  }
}
