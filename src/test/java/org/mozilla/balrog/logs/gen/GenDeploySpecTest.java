package org.mozilla.balrog.logs.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenDeploySpecTest {

  @Test
  void parsesIdTimeAndFlags() {
    DeploySpec d = DeploySpec.parse("v3.122@2026-11-02T14:00:00Z:regression:migration");
    assertThat(d.id()).isEqualTo("v3.122");
    assertThat(d.time()).isEqualTo(Instant.parse("2026-11-02T14:00:00Z"));
    assertThat(d.regression()).isTrue();
    assertThat(d.migration()).isTrue();
    assertThat(d.app()).isEqualTo("web");
  }

  @Test
  void secondsAreOptionalAndFlagsToo() {
    DeploySpec d = DeploySpec.parse("web-42@2026-11-02T14:00Z");
    assertThat(d.time()).isEqualTo(Instant.parse("2026-11-02T14:00:00Z"));
    assertThat(d.regression()).isFalse();
    assertThat(d.migration()).isFalse();
    assertThat(DeploySpec.parse("x@2026-11-02T14:00Z:migration").migration()).isTrue();
    assertThat(DeploySpec.parse("x@2026-11-02T14:00Z:MIGRATION:Regression").regression()).isTrue();
  }

  @Test
  void offsetsAreConvertedToUtc() {
    assertThat(DeploySpec.parse("x@2026-11-02T15:00+01:00:regression").time())
        .isEqualTo(Instant.parse("2026-11-02T14:00:00Z"));
  }

  @Test
  void appFollowsTheIdPrefix() {
    assertThat(DeploySpec.parse("admin-7@2026-11-02T14:00Z").app()).isEqualTo("admin");
    assertThat(DeploySpec.parse("agent-7@2026-11-02T14:00Z").app()).isEqualTo("agent");
  }

  @Test
  void toStringRoundTrips() {
    DeploySpec d = DeploySpec.parse("v1@2026-11-02T14:00Z:migration:regression");
    assertThat(DeploySpec.parse(d.toString())).isEqualTo(d);
  }

  @Test
  void rejectsBadText() {
    assertThatThrownBy(() -> DeploySpec.parse("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> DeploySpec.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeploySpec.parse("v1 2026-11-02T14:00Z")).hasMessageContaining("no '@'");
    assertThatThrownBy(() -> DeploySpec.parse("@2026-11-02T14:00Z")).hasMessageContaining("empty ID");
    assertThatThrownBy(() -> DeploySpec.parse("v1@")).hasMessageContaining("no TIME");
    assertThatThrownBy(() -> DeploySpec.parse("v1@yesterday")).hasMessageContaining("bad deploy time");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00")).hasMessageContaining("bad deploy time");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:rollback"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown deploy flag 'rollback'");
    assertThatThrownBy(() -> DeploySpec.parse("v 1@2026-11-02T14:00Z")).hasMessageContaining("deploy id");
  }

  @Test
  void configValidates() {
    Path out = Path.of("x");
    LocalDate d = LocalDate.parse("2026-11-02");
    assertThatThrownBy(() -> new GeneratorConfig(out, d, 0, 1, 1, false, false, List.of(), 1))
        .hasMessageContaining("days");
    assertThatThrownBy(() -> new GeneratorConfig(out, d, 1, 0, 1, false, false, List.of(), 1))
        .hasMessageContaining("clients");
    assertThatThrownBy(() -> new GeneratorConfig(out, d, 1, 1, 1, false, false, List.of(), 0))
        .hasMessageContaining("scale");
    assertThatThrownBy(() -> new GeneratorConfig(out, d, 1, 1, 1, false, false, List.of(), Double.NaN))
        .hasMessageContaining("scale");
    assertThat(new GeneratorConfig(out, d, 1, 1, 1, false, false, null, 1).deploys()).isEmpty();
  }
}
