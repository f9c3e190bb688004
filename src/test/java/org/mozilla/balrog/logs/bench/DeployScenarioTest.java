package org.mozilla.balrog.logs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import picocli.CommandLine;

class DeployScenarioTest {

  @Test
  void theSeedDeterminesTheScenario() {
    assertThat(DeployScenario.of(7, false)).isEqualTo(DeployScenario.of(7, false));
    assertThat(DeployScenario.of(7, false)).isNotEqualTo(DeployScenario.of(8, false));
    assertThat(DeployScenario.of(7, true).clients())
        .isEqualTo(DeployScenario.LARGE_CLIENTS)
        .isEqualTo(100_000);
    assertThat(DeployScenario.of(7, true).deploys())
        .isEqualTo(DeployScenario.of(7, false).deploys());
  }

  @Test
  void everyScenarioKeepsTheRules() {
    for (long seed = 1; seed <= 300; seed++) {
      DeployScenario s = DeployScenario.of(seed, false);
      assertThat(s.days()).isBetween(1, 2);
      assertThat(s.clients()).isIn(5_000, 10_000, 20_000, 40_000);
      assertThat(s.deploys()).hasSizeBetween(2, 4);
      assertThat(s.dates()).hasSize(s.days()).startsWith(DeployScenario.FROM);
      Instant prev = null;
      DeploySpec lastWeb = null;
      for (DeploySpec d : s.deploys()) {
        Instant t = d.time();
        Instant midnight =
            t.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(Duration.between(midnight, t))
            .isBetween(Duration.ofMinutes(90), Duration.ofMinutes(24 * 60 - 90));
        assertThat(t.atZone(ZoneOffset.UTC).toLocalDate()).isIn(s.dates());
        assertThat(t.getEpochSecond() % 60).isZero();
        if (prev != null) {
          assertThat(Duration.between(prev, t)).isGreaterThanOrEqualTo(Duration.ofMinutes(90));
        }
        prev = t;
        if (d.app().equals("admin")) {
          assertThat(d.migration()).isTrue();
          assertThat(d.regression()).isFalse();
        } else {
          assertThat(d.app()).isEqualTo("web");
          assertThat(d.migration()).isFalse();
          if (d.rollback()) {
            assertThat(lastWeb).as("seed %d: a rollback follows a regression", seed).isNotNull();
            assertThat(lastWeb.regression()).isTrue();
          }
          if (d.regression()) {
            assertThat(lastWeb == null || !lastWeb.regression())
                .as("seed %d: no regression on a regression", seed)
                .isTrue();
            assertThat(d.effect().errorRate()).isBetween(0.003, 0.05);
            assertThat(d.effect().latencyFactor()).isBetween(1.2, 3.0);
          }
          lastWeb = d;
        }
      }
      assertThat(s.deploys()).as("seed %d", seed).anyMatch(DeploySpec::regression);
      // the generator accepts it
      assertThat(
              new GeneratorConfig(
                      Path.of("x"),
                      s.from(),
                      s.days(),
                      s.clients(),
                      seed,
                      false,
                      false,
                      s.deploys(),
                      1.0)
                  .deploys())
          .hasSameSizeAs(s.deploys());
    }
  }

  @Test
  void twentySeedsMixEveryKindOfDeployAndEffectSize() {
    Set<String> kinds = new HashSet<>();
    Set<String> bands = new HashSet<>();
    Set<Integer> days = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      DeployScenario s = DeployScenario.of(seed, DeployEval.largeTraffic((int) seed - 1));
      days.add(s.days());
      for (DeploySpec d : s.deploys()) {
        kinds.add(d.app() + ":" + d.change() + (d.migration() ? ":migration" : ""));
        if (d.regression()) {
          bands.add(DeployScoring.errorBand(d.effect().errorRate()));
        }
      }
    }
    assertThat(kinds)
        .contains(
            "web:CLEAN", "web:MINOR", "web:REGRESSION", "web:ROLLBACK", "admin:CLEAN:migration");
    assertThat(bands).containsExactlyInAnyOrderElementsOf(DeployScoring.ERROR_BANDS);
    assertThat(days).containsExactlyInAnyOrder(1, 2);
    assertThat(DeployScenario.of(2, DeployEval.largeTraffic(1)).clients()).isEqualTo(100_000);
  }

  @Test
  void generateArgumentsAreValidForTheCli() {
    DeployScenario s = DeployScenario.of(3, false);
    List<String> args = s.generateArgs(Path.of("/tmp/x"), "per-request");
    assertThat(args).startsWith("generate", "--out", "/tmp/x", "--from", "2026-11-02");
    assertThat(args)
        .containsSubsequence("--seed", "3")
        .containsSubsequence("--regression-logs", "per-request");
    CommandLine.ParseResult parsed =
        org.mozilla.balrog.logs.cli.Main.createCommandLine(
                new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()))
            .parseArgs(args.toArray(String[]::new));
    assertThat(parsed.subcommand().matchedOptionValue("--deploy", List.<String>of()))
        .containsExactlyElementsOf(s.deploys().stream().map(DeploySpec::toString).toList());
    assertThat(s.deploys().stream().map(d -> DeploySpec.parse(d.toString())))
        .containsExactlyElementsOf(s.deploys());
    assertThat(s.describe()).contains("seed 3").contains(s.deploys().get(0).id());
  }

  @Test
  void evalOptions() {
    DeployEval.Options o =
        DeployEval.parse(new String[] {"--seeds", "3", "--out", "o", "--keep-data"});
    assertThat(o.seeds()).isEqualTo(3);
    assertThat(o.out()).isEqualTo(Path.of("o"));
    assertThat(o.keepData()).isTrue();
    assertThat(o.daily()).isFalse();
    assertThat(o.regressionLogs()).isEqualTo("per-request");
    assertThat(DeployEval.parse(new String[] {"--regression-logs", "steady"}).regressionLogs())
        .isEqualTo("steady");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DeployEval.parse(new String[] {"--regression-logs", "x"}))
        .hasMessageContaining("--regression-logs must be per-request or steady: 'x'");
    assertThat(DeployEval.parse(new String[0]).seeds()).isEqualTo(20);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DeployEval.parse(new String[] {"--seeds", "0"}))
        .hasMessageContaining("--seeds must be a positive integer");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DeployEval.parse(new String[] {"--seeds"}))
        .hasMessageContaining("--seeds needs a value");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DeployEval.parse(new String[] {"--fast"}))
        .hasMessageContaining("unknown argument '--fast'");
  }
}
