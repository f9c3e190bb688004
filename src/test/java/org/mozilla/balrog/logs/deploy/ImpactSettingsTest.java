package org.mozilla.balrog.logs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.impact.ImpactRule;

class ImpactSettingsTest {
  @Test
  void defaultsWithoutSettings() {
    ImpactSettings s = ImpactSettings.from(Map.of());
    assertThat(s.restartGap()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.before()).isEqualTo(Duration.ofHours(1));
    assertThat(s.after()).isEqualTo(Duration.ofHours(1));
    for (ImpactRule.Kind k : ImpactRule.Kind.values()) {
      assertThat(s.rules().get(k)).isEqualTo(ImpactRule.defaults(k));
    }
  }

  @Test
  void keysSetDurationsAndThresholds() {
    ImpactSettings s =
        ImpactSettings.from(
            Map.of(
                "deploy.restart-gap",
                "20m",
                "deploy.before",
                "2h",
                "deploy.after",
                "45m",
                "impact.rate.min-ratio",
                "2",
                "impact.event-rate.min-absolute",
                "1.5",
                "impact.latency.alpha",
                "0.1",
                "impact.rate.min-exposure",
                "1000"));
    assertThat(s.restartGap()).isEqualTo(Duration.ofMinutes(20));
    assertThat(s.before()).isEqualTo(Duration.ofHours(2));
    assertThat(s.after()).isEqualTo(Duration.ofMinutes(45));
    assertThat(s.rules().get(ImpactRule.Kind.RATE).minRatio()).isEqualTo(2);
    assertThat(s.rules().get(ImpactRule.Kind.RATE).minExposure()).isEqualTo(1000);
    assertThat(s.rules().get(ImpactRule.Kind.EVENT_RATE).minAbsolute()).isEqualTo(1.5);
    // an alpha above the default warn level raises the warn level with it
    assertThat(s.rules().get(ImpactRule.Kind.LATENCY).alpha()).isEqualTo(0.1);
    assertThat(s.rules().get(ImpactRule.Kind.LATENCY).warnAlpha()).isEqualTo(0.1);
    assertThat(ImpactSettings.KEYS)
        .contains(
            "impact.event-rate.min-ratio", "impact.latency.min-exposure", "deploy.restart-gap")
        .hasSize(15);
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> ImpactSettings.from(Map.of("impact.rate.min-ratio", "lots")))
        .hasMessage("impact.rate.min-ratio must be a number: 'lots'");
    assertThatThrownBy(() -> ImpactSettings.from(Map.of("impact.rate.min-ratio", "0.5")))
        .hasMessageStartingWith("impact.rate.min-ratio=0.5: minRatio must be");
    assertThatThrownBy(() -> ImpactSettings.from(Map.of("deploy.restart-gap", "soon")))
        .hasMessageStartingWith("deploy.restart-gap: bad duration");
  }
}
