package org.mozilla.balrog.logs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.model.BalrogApp;

class DeclaredDeployTest {
  private static final Instant T = Instant.parse("2026-11-02T14:00:00Z");

  @Test
  void parsesIdAndTimeWithTheAppFromTheId() {
    assertThat(DeclaredDeploy.parse("v3.122@2026-11-02T14:00:00Z"))
        .isEqualTo(new DeclaredDeploy("v3.122", T, BalrogApp.WEB, false));
    assertThat(DeclaredDeploy.parse("admin-7@2026-11-02T14:00Z").app()).isEqualTo(BalrogApp.ADMIN);
    assertThat(DeclaredDeploy.parse("Agent_2@2026-11-02T14:00Z").app()).isEqualTo(BalrogApp.AGENT);
    assertThat(DeclaredDeploy.parse("  web-1@2026-11-02T15:00+01:00 ").time()).isEqualTo(T);
  }

  @Test
  void explicitAppAndMigrationFlags() {
    DeclaredDeploy d = DeclaredDeploy.parse("v3.122@2026-11-02T14:00Z:app=admin:migration");
    assertThat(d).isEqualTo(new DeclaredDeploy("v3.122", T, BalrogApp.ADMIN, true));
    assertThat(DeclaredDeploy.parse("v1@2026-11-02T15:00+01:00:MIGRATION:APP=Agent"))
        .isEqualTo(new DeclaredDeploy("v1", T, BalrogApp.AGENT, true));
    // an explicit app wins over the id prefix
    assertThat(DeclaredDeploy.parse("admin-ui@2026-11-02T14:00Z:app=web").app())
        .isEqualTo(BalrogApp.WEB);
  }

  @Test
  void theAppRuleIsTheGeneratorsRule() {
    for (String id :
        List.of("v3.122", "admin-7", "AGENT9", "administrator", "web-admin", "agentless")) {
      assertThat(DeclaredDeploy.parse(id + "@2026-11-02T14:00Z").app().code())
          .as(id)
          .isEqualTo(DeploySpec.parse(id + "@2026-11-02T14:00Z").app());
    }
  }

  @Test
  void errorsSayWhatIsWrong() {
    assertThatThrownBy(() -> DeclaredDeploy.parse(" ")).hasMessageContaining("empty deploy");
    assertThatThrownBy(() -> DeclaredDeploy.parse(null)).hasMessageContaining("empty deploy");
    assertThatThrownBy(() -> DeclaredDeploy.parse("v1 2026-11-02T14:00Z"))
        .hasMessageContaining("no '@'");
    assertThatThrownBy(() -> DeclaredDeploy.parse("@2026-11-02T14:00Z"))
        .hasMessageContaining("empty ID");
    assertThatThrownBy(() -> DeclaredDeploy.parse("v1@")).hasMessageContaining("no TIME");
    assertThatThrownBy(() -> DeclaredDeploy.parse("v1@:migration")).hasMessageContaining("no TIME");
    assertThatThrownBy(() -> DeclaredDeploy.parse("v1@yesterday"))
        .hasMessageContaining("bad deploy time 'yesterday'")
        .hasNoCause();
    assertThatThrownBy(() -> DeclaredDeploy.parse("v1@2026-11-02T14:00"))
        .hasMessageContaining("with a zone");
    assertThatThrownBy(() -> DeclaredDeploy.parse("v 1@2026-11-02T14:00Z"))
        .hasMessageContaining("deploy id");
    assertThatThrownBy(() -> DeclaredDeploy.parse("v1@2026-11-02T14:00Z:fast"))
        .hasMessageContaining("unknown deploy flag 'fast'");
    assertThatThrownBy(() -> DeclaredDeploy.parse("v1@2026-11-02T14:00Z:app=db"))
        .hasMessageContaining("unknown app 'db'");
    assertThatThrownBy(() -> DeclaredDeploy.parse("v1@2026-11-02T14:00Z:app=web:app=admin"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> DeclaredDeploy.parse("v1@2026-11-02T14:00Z:regression"))
        .hasMessageContaining("generator flag");
  }

  @Property(tries = 300)
  void toStringRoundTrips(
      @ForAll("ids") String id,
      @ForAll("apps") BalrogApp app,
      @ForAll boolean migration,
      @ForAll("seconds") long second) {
    DeclaredDeploy d = new DeclaredDeploy(id, Instant.ofEpochSecond(second), app, migration);
    assertThat(DeclaredDeploy.parse(d.toString())).isEqualTo(d);
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.of("v3.122", "admin-7", "agent_1", "web-2", "X");
  }

  @Provide
  Arbitrary<BalrogApp> apps() {
    return Arbitraries.of(BalrogApp.class);
  }

  @Provide
  Arbitrary<Long> seconds() {
    return Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L);
  }
}
