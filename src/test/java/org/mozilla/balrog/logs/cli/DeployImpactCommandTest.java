package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.deploy.DeployAnalysis;
import org.mozilla.balrog.logs.impact.ImpactRule;
import org.mozilla.balrog.logs.model.BalrogApp;
import picocli.CommandLine;

/**
 * {@code deploy-impact} options without Spark: the option to analysis mapping, usage errors, help
 * and exit codes.
 */
class DeployImpactCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  private static DeployAnalysis.Options options(String... args) {
    BalrogLogsCommand root = new BalrogLogsCommand();
    CommandLine cl = new CommandLine(root);
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--input", "/logs")); // deploy-impact needs one
    CommandLine.ParseResult pr = cl.parseArgs(all.toArray(String[]::new));
    DeployImpactCommand c = (DeployImpactCommand) pr.subcommand().commandSpec().userObject();
    return c.request(root.global.toConfig()).options();
  }

  @Test
  void declaredDeploysAreJudgedAloneWithTheirWindows(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deploys.txt");
    Files.writeString(file, "# week 45\nadmin-4@2026-11-02T09:30Z:migration\n");
    DeployAnalysis.Options o =
        options(
            "deploy-impact",
            "--deploy",
            "v3.122@2026-11-02T14:00Z",
            "--deploys-file",
            file.toString(),
            "--date",
            "2026-11-02",
            "--before",
            "45m",
            "--after",
            "2h",
            "--set",
            "deploy.restart-gap=20m",
            "--set",
            "impact.rate.min-ratio=2");
    assertThat(o.declared())
        .extracting(d -> d.id() + "/" + d.app() + "/" + d.migration())
        .containsExactly("v3.122/WEB/false", "admin-4/ADMIN/true");
    assertThat(o.judgeDetected()).isFalse();
    assertThat(o.date()).isEqualTo(LocalDate.of(2026, 11, 2));
    assertThat(o.before()).isEqualTo(Duration.ofMinutes(45));
    assertThat(o.after()).isEqualTo(Duration.ofHours(2));
    assertThat(o.gap()).isEqualTo(Duration.ofMinutes(20));
    assertThat(o.rules().get(ImpactRule.Kind.RATE).minRatio()).isEqualTo(2);
  }

  @Test
  void aDateAloneJudgesEveryDetectedDeploy() {
    DeployAnalysis.Options o =
        options("deploy-impact", "--date", "2026-11-02", "--set", "deploy.after=90m");
    assertThat(o.declared()).isEmpty();
    assertThat(o.judgeDetected()).isTrue();
    assertThat(o.before()).isEqualTo(Duration.ofHours(1));
    assertThat(o.after()).isEqualTo(Duration.ofMinutes(90));
    assertThat(
            options("deploy-impact", "--deploy", "v1@2026-11-02T14:00Z:app=agent")
                .declared()
                .get(0)
                .app())
        .isEqualTo(BalrogApp.AGENT);
  }

  @Test
  void usageErrorsExit2BeforeSparkStarts(@TempDir Path dir) throws Exception {
    assertThat(run("deploy-impact", "--input", dir.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("give --date D, or deploys with --deploy ID@TIME");
    assertThat(
            run(
                "deploy-impact",
                "--input",
                dir.toString(),
                "--date",
                "2026-11-02",
                "--before",
                "an hour"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("--before: bad duration 'an hour'");
    assertThat(run("deploy-impact", "--input", dir.toString(), "--deploy", "v1@yesterday"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("bad deploy time 'yesterday'");
    Path file = dir.resolve("d.txt");
    Files.writeString(file, "v1@2026-11-02T14:00Z\n\nv2@2026-11-02T14:00Z:fast\n");
    assertThat(run("deploy-impact", "--input", dir.toString(), "--deploys-file", file.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains(file + " line 3: unknown deploy flag 'fast'");
    assertThat(run("deploy-impact", "--date", "2026-11-02")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("deploy-impact needs --input ROOT");
    assertThat(
            run(
                "deploy-impact",
                "--input",
                dir.toString(),
                "--date",
                "2026-11-02",
                "--format",
                "xml"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run(
                "deploy-impact",
                "--input",
                dir.toString(),
                "--date",
                "2026-11-02",
                "--set",
                "impact.rate.alpha=2"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("impact.rate.alpha=2");
  }

  @Test
  void aFailedRunStillWritesItsSummary(@TempDir Path dir) throws Exception {
    Path summary = dir.resolve("s.json");
    assertThat(
            run(
                "deploy-impact",
                "--input",
                dir.toString(),
                "--deploy",
                "v1@never",
                "--summary-json",
                summary.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(Files.readString(summary)).contains("\"exit_code\" : 2", "bad deploy time 'never'");
  }

  @Test
  void helpDocumentsTheRegressionExitCode() {
    assertThat(run("deploy-impact", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--fail-on-regression",
            "--deploys-file",
            "--before",
            "--after",
            "5 with --fail-on-regression",
            "after window");
    // wrapped to 80 columns (no terminal here), examples excepted: they stay on one line
    assertThat(out.toString().lines().filter(l -> !l.startsWith("  balrog-logs ")))
        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
    out.getBuffer().setLength(0);
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("deploy-impact", "- 5: a deploy regressed (deploy-impact --fail-on-regression)");
    assertThat(ExitCode.REGRESSION).isEqualTo(5);
  }
}
