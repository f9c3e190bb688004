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
    assertThatThrownBy(() -> DeploySpec.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> DeploySpec.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeploySpec.parse("v1 2026-11-02T14:00Z"))
        .hasMessageContaining("no '@'");
    assertThatThrownBy(() -> DeploySpec.parse("@2026-11-02T14:00Z"))
        .hasMessageContaining("empty ID");
    assertThatThrownBy(() -> DeploySpec.parse("v1@")).hasMessageContaining("no TIME");
    assertThatThrownBy(() -> DeploySpec.parse("v1@yesterday"))
        .hasMessageContaining("bad deploy time");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00"))
        .hasMessageContaining("bad deploy time");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:revert"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown deploy flag 'revert'");
    assertThatThrownBy(() -> DeploySpec.parse("v 1@2026-11-02T14:00Z"))
        .hasMessageContaining("deploy id");
  }

  @Test
  void regressionTakesAnEffectAndDefaultsToTodaysOne() {
    DeploySpec plain = DeploySpec.parse("v1@2026-11-02T14:00Z:regression");
    assertThat(plain.change()).isEqualTo(DeploySpec.Change.REGRESSION);
    assertThat(plain.effect()).isEqualTo(new DeploySpec.Effect(0.03, 2.5));
    assertThat(plain.newSignature()).isTrue();
    assertThat(plain.toString()).isEqualTo("v1@2026-11-02T14:00:00Z:regression");

    DeploySpec both = DeploySpec.parse("v1@2026-11-02T14:00Z:regression=0.01x1.8");
    assertThat(both.effect()).isEqualTo(new DeploySpec.Effect(0.01, 1.8));
    assertThat(both.toString()).isEqualTo("v1@2026-11-02T14:00:00Z:regression=0.01x1.8");
    assertThat(DeploySpec.parse("v1@2026-11-02T14:00Z:regression=1%X3").effect())
        .isEqualTo(new DeploySpec.Effect(0.01, 3));
    // an omitted part keeps the default
    assertThat(DeploySpec.parse("v1@2026-11-02T14:00Z:regression=0.05").effect())
        .isEqualTo(new DeploySpec.Effect(0.05, 2.5));
    assertThat(DeploySpec.parse("v1@2026-11-02T14:00Z:regression=x1.2").effect())
        .isEqualTo(new DeploySpec.Effect(0.03, 1.2));
    assertThat(DeploySpec.parse("v1@2026-11-02T14:00Z:regression=.5%x1.25:migration").effect())
        .isEqualTo(new DeploySpec.Effect(0.005, 1.25));
    // a latency-only regression logs no new signature
    DeploySpec slowOnly = DeploySpec.parse("v1@2026-11-02T14:00Z:regression=0x3");
    assertThat(slowOnly.regression()).isTrue();
    assertThat(slowOnly.newSignature()).isFalse();
  }

  @Test
  void minorAndRollback() {
    DeploySpec minor = DeploySpec.parse("v2@2026-11-02T16:00Z:minor");
    assertThat(minor.change()).isEqualTo(DeploySpec.Change.MINOR);
    assertThat(minor.minor()).isTrue();
    assertThat(minor.regression()).isFalse();
    assertThat(minor.newSignature()).isFalse();
    assertThat(minor.effect()).isEqualTo(new DeploySpec.Effect(0.00003, 1.03));
    assertThat(DeploySpec.parse("v2@2026-11-02T16:00Z:minor=0.0001x1.05").effect())
        .isEqualTo(new DeploySpec.Effect(0.0001, 1.05));

    DeploySpec back = DeploySpec.parse("v3@2026-11-02T18:00Z:ROLLBACK:migration");
    assertThat(back.rollback()).isTrue();
    assertThat(back.migration()).isTrue();
    assertThat(back.effect()).isEqualTo(DeploySpec.Effect.NONE);
    assertThat(back.toString()).isEqualTo("v3@2026-11-02T18:00:00Z:rollback:migration");

    DeploySpec clean = DeploySpec.parse("v4@2026-11-02T18:00Z");
    assertThat(clean.change()).isEqualTo(DeploySpec.Change.CLEAN);
    assertThat(clean.effect()).isEqualTo(DeploySpec.Effect.NONE);
  }

  @Test
  void everyKindRoundTripsThroughItsText() {
    for (String text :
        List.of(
            "a@2026-11-02T14:00Z",
            "a@2026-11-02T14:00Z:migration",
            "a@2026-11-02T14:00Z:minor",
            "a@2026-11-02T14:00Z:minor=0.001x1.1",
            "a@2026-11-02T14:00Z:rollback",
            "a@2026-11-02T14:00Z:regression=0.003x1.2:migration",
            "a@2026-11-02T14:00Z:regression=1e-4",
            "a@2026-11-02T14:00Z:regression=0.123456789x2.000001")) {
      if (text.contains("1e-4")) {
        assertThatThrownBy(() -> DeploySpec.parse(text)).hasMessageContaining("bad effect '1e-4'");
        continue;
      }
      DeploySpec d = DeploySpec.parse(text);
      assertThat(DeploySpec.parse(d.toString())).as(text).isEqualTo(d);
    }
  }

  @Test
  void rejectsBadFlagsAndEffects() {
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:regression=abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad effect 'abc'")
        .hasMessageContaining("regression=0.01x1.8");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:regression="))
        .hasMessageContaining("bad effect ''");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:regression=0.01x"))
        .hasMessageContaining("bad effect '0.01x'");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:regression=-0.01"))
        .hasMessageContaining("bad effect '-0.01'");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:regression=3"))
        .hasMessageContaining("error rate '3'")
        .hasMessageContaining("above 100%");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:regression=150%"))
        .hasMessageContaining("error rate '150%'");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:regression=0.01x0"))
        .hasMessageContaining("latency factor 'x0'");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:rollback=0.01"))
        .hasMessageContaining("'rollback' takes no value");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:migration=yes"))
        .hasMessageContaining("'migration' takes no value");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:minor:regression"))
        .hasMessageContaining("'minor' and 'regression' exclude each other");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:rollback:regression=0.1"))
        .hasMessageContaining("exclude each other");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:minor:minor"))
        .hasMessageContaining("'minor' given twice");
    assertThatThrownBy(() -> DeploySpec.parse("v1@2026-11-02T14:00Z:migration:migration"))
        .hasMessageContaining("'migration' given twice");
    assertThatThrownBy(
            () ->
                new DeploySpec(
                    "v1",
                    Instant.EPOCH,
                    DeploySpec.Change.ROLLBACK,
                    new DeploySpec.Effect(0.1, 1),
                    false))
        .hasMessageContaining("no effect");
    assertThatThrownBy(() -> new DeploySpec.Effect(Double.NaN, 1))
        .hasMessageContaining("error rate");
    assertThatThrownBy(() -> new DeploySpec.Effect(0.1, -1)).hasMessageContaining("latency factor");
  }

  @Test
  void aRollbackNeedsAnEarlierDeployOfItsApp() {
    Path out = Path.of("x");
    LocalDate d = LocalDate.parse("2026-11-02");
    List<DeploySpec> lone =
        List.of(
            DeploySpec.parse("admin-1@2026-11-02T10:00Z"),
            DeploySpec.parse("v2@2026-11-02T12:00Z:rollback"));
    assertThatThrownBy(() -> new GeneratorConfig(out, d, 1, 1, 1, false, false, lone, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "v2@2026-11-02T12:00:00Z:rollback rolls back, but no earlier web deploy");
    // given in any order: the earlier deploy counts
    List<DeploySpec> ok =
        List.of(
            DeploySpec.parse("v2@2026-11-02T12:00Z:rollback"),
            DeploySpec.parse("v1@2026-11-02T10:00Z:regression"));
    assertThat(new GeneratorConfig(out, d, 1, 1, 1, false, false, ok, 1).deploys()).hasSize(2);
  }

  @Test
  void versionsGoBackOnRollback() {
    DeployPlan plan =
        new DeployPlan(
            List.of(
                DeploySpec.parse("v1@2026-11-02T02:00Z"),
                DeploySpec.parse("v2@2026-11-02T04:00Z:regression"),
                DeploySpec.parse("v3@2026-11-02T06:00Z:rollback"),
                DeploySpec.parse("v4@2026-11-02T08:00Z:minor"),
                DeploySpec.parse("admin-1@2026-11-02T05:00Z")),
            7L,
            LocalDate.parse("2026-11-02"),
            1,
            false);
    assertThat(plan.deploys.stream().map(x -> x.spec.id() + ":" + x.fromVersion + "->" + x.version))
        .containsExactly("v1:0->1", "v2:1->2", "admin-1:0->1", "v3:2->1", "v4:1->3");
    long t = Fmt.micros(Instant.parse("2026-11-02T05:00:00Z"));
    assertThat(plan.version("web", t)).isEqualTo(2);
    assertThat(plan.regression("web", t)).isNotNull();
    assertThat(plan.effect("web", t)).isEqualTo(DeploySpec.Effect.REGRESSION_DEFAULT);
    long after = Fmt.micros(Instant.parse("2026-11-02T07:00:00Z"));
    assertThat(plan.version("web", after)).isEqualTo(1);
    assertThat(plan.regression("web", after)).isNull();
    assertThat(plan.effect("web", after)).isEqualTo(DeploySpec.Effect.NONE);
    assertThat(plan.effect("web", Fmt.micros(Instant.parse("2026-11-02T09:00:00Z"))))
        .isEqualTo(DeploySpec.Effect.MINOR_DEFAULT);
    assertThat(plan.restarts).hasSize(4 * 4 + 2).allMatch(r -> r.deploy() != null);
  }

  @Test
  void loneRestartsAreOnePerAppAndDayAwayFromDeploys() {
    List<DeploySpec> specs =
        List.of(
            DeploySpec.parse("v1@2026-11-02T09:00Z"),
            DeploySpec.parse("v2@2026-11-02T15:00Z"),
            DeploySpec.parse("admin-1@2026-11-03T12:00Z"));
    for (long seed = 1; seed <= 30; seed++) {
      DeployPlan plan = new DeployPlan(specs, seed, LocalDate.parse("2026-11-02"), 2, true);
      List<DeployPlan.Restart> lone =
          plan.restarts.stream().filter(r -> r.deploy() == null).toList();
      assertThat(lone).hasSize(6);
      for (String app : DeployPlan.APPS) {
        for (String day : List.of("2026-11-02", "2026-11-03")) {
          assertThat(lone)
              .filteredOn(
                  r -> r.app().equals(app) && Fmt.instant(r.down()).toString().startsWith(day))
              .hasSize(1);
        }
      }
      for (DeployPlan.Restart r : lone) {
        assertThat(r.up() - r.down()).isBetween(4_000_000L, 10_000_000L);
        long sod = Math.floorMod(r.down(), 86_400_000_000L);
        assertThat(sod).isBetween(90 * 60_000_000L, 86_400_000_000L - 90 * 60_000_000L);
        for (DeployPlan.Deploy d : plan.deploys) {
          assertThat(
                  r.down() < Fmt.micros(d.spec.time()) - DeployPlan.LONE_RESTART_GAP_US
                      || r.down() > d.lastRestart() + DeployPlan.LONE_RESTART_GAP_US)
              .isTrue();
        }
        // the host is down for the restart and comes back in a new container
        assertThat(plan.down(r.app(), r.host(), r.down())).isTrue();
        assertThat(plan.epoch(r.app(), r.host(), r.up()))
            .isEqualTo(plan.epoch(r.app(), r.host(), r.down()) + 1);
      }
      assertThat(plan.version("web", Fmt.micros(Instant.parse("2026-11-03T23:00:00Z"))))
          .isEqualTo(2);
    }
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
    assertThatThrownBy(
            () -> new GeneratorConfig(out, d, 1, 1, 1, false, false, List.of(), Double.NaN))
        .hasMessageContaining("scale");
    assertThat(new GeneratorConfig(out, d, 1, 1, 1, false, false, null, 1).deploys()).isEmpty();
  }
}
