package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.testing.CliRun;

/**
 * Every option and setting is checked before Spark starts (issue 15): each run below names a Spark
 * master no session can start with, so a check made after Spark started would end in Spark's error
 * (exit 1) instead of the one-line usage error (exit 2) asserted here. The control, valid settings
 * that do reach Spark and its error, is in {@link DailyCommandSparkTest}.
 */
class SettingsBeforeSparkTest {
  static final String NO_MASTER = "no-such-master";

  @TempDir Path dir;

  /**
   * Runs {@code args} under {@link #NO_MASTER} and asserts a one-line usage error with {@code
   * text}.
   */
  private void usageError(String text, String... args) {
    List<String> all = new ArrayList<>(List.of("--master", NO_MASTER));
    all.addAll(List.of(args));
    CliRun r = CliRun.of(all);
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err().lines().toList())
        .as(r.describe())
        .hasSize(2)
        .satisfies(l -> assertThat(l.get(0)).startsWith("balrog-logs " + args[0] + ": "))
        .satisfies(l -> assertThat(l.get(0)).contains(text))
        .satisfies(
            l -> assertThat(l.get(1)).isEqualTo("Try 'balrog-logs " + args[0] + " --help'."));
    assertThat(r.err()).doesNotContain("Master URL").doesNotContain("\tat ");
  }

  private List<String> daily(String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "daily",
                "--date",
                "2026-11-01",
                "--input",
                dir.resolve("in").toString(),
                "--output",
                dir.resolve("out").toString()));
    a.addAll(List.of(more));
    return a;
  }

  private void dailyUsageError(String text, String... more) {
    usageError(text, daily(more).toArray(String[]::new));
  }

  @Test
  void badDailySettingsAreUsageErrors() throws Exception {
    dailyUsageError("bad deploy time 'yesterday'", "--deploy", "v1@yesterday");
    Path deploys = dir.resolve("deploys.txt");
    Files.writeString(deploys, "v1@2026-11-01T14:00Z:fast\n");
    dailyUsageError(
        deploys + " line 1: unknown deploy flag 'fast'", "--deploys-file", deploys.toString());
    dailyUsageError("lock.stale-after: bad duration 'soon'", "--set", "lock.stale-after=soon");
    dailyUsageError(
        "deploy.restart-gap: bad duration '5 min'", "--set", "deploy.restart-gap=5 min");
    dailyUsageError("impact.rate.alpha=2", "--set", "impact.rate.alpha=2");
    dailyUsageError("population.lg-k must be between 4 and 21: 3", "--set", "population.lg-k=3");
    dailyUsageError("population.lg-k must be a whole number: x", "--set", "population.lg-k=x");
    dailyUsageError(
        "population.lg-k is out of range: 99999999999", "--set", "population.lg-k=99999999999");
    dailyUsageError(
        "population.min-clients must be at least 1: 0", "--set", "population.min-clients=0");
    dailyUsageError("has no day placeholder", "--set", "source.aus5.location=/logs/{yyyy}/");
    dailyUsageError("unknown source 'aus9'", "--set", "source.aus9.location=/logs/{date}/");
    dailyUsageError("unknown log source: nope", "--require-sources", "aus5,nope");
    dailyUsageError("--lookback-days must not be negative: -1", "--lookback-days", "-1");
    dailyUsageError("--max-reject-ratio must be between 0 and 1: 2.0", "--max-reject-ratio", "2");
    dailyUsageError("unknown setting 'population.lgk'", "--set", "population.lgk=12");
  }

  @Test
  void dailyNeedsItsRootsBeforeSparkStarts() {
    usageError("daily needs --output ROOT", "daily", "--date", "2026-11-01", "--input", "/in");
    usageError(
        "daily needs --input ROOT (or a source.<id>.location for every source)",
        "daily",
        "--date",
        "2026-11-01",
        "--output",
        dir.toString(),
        "--set",
        "source.aus5.location=/logs/aus5/{date}/");
  }

  @Test
  void badDeployImpactOptionsAreUsageErrors() {
    String in = dir.toString();
    usageError(
        "--before: bad duration 'an hour'",
        "deploy-impact",
        "--input",
        in,
        "--date",
        "2026-11-02",
        "--before",
        "an hour");
    usageError(
        "deploy.after: bad duration '1 h'",
        "deploy-impact",
        "--input",
        in,
        "--date",
        "2026-11-02",
        "--set",
        "deploy.after=1 h");
    usageError("bad deploy time 'never'", "deploy-impact", "--input", in, "--deploy", "v1@never");
    usageError(
        "unknown format 'xml'",
        "deploy-impact",
        "--input",
        in,
        "--date",
        "2026-11-02",
        "--format",
        "xml");
    usageError("give --date D, or deploys with --deploy ID@TIME", "deploy-impact", "--input", in);
    usageError("deploy-impact needs --input ROOT", "deploy-impact", "--date", "2026-11-02");
  }
}
