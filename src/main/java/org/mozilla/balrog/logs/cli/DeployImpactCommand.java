package org.mozilla.balrog.logs.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.deploy.DeclaredDeploy;
import org.mozilla.balrog.logs.deploy.DeployAnalysis;
import org.mozilla.balrog.logs.deploy.Durations;
import org.mozilla.balrog.logs.deploy.ImpactSettings;
import org.mozilla.balrog.logs.job.DeployImpactJob;
import org.mozilla.balrog.logs.job.DeployImpactSummary;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.ResultFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code deploy-impact}: judge deploys, declared or detected. */
@Command(
    name = "deploy-impact",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Judge deploys: compare a window before each deploy (ending at its first",
      "restart) with a window after it (starting once the rollout finished) on",
      "update 5xx rate per domain, load-balancer 5xx rate, latency p95, admin 5xx",
      "rate and application error rate, and list the error signatures that",
      "appeared with it. Reads only the log files the windows need (ELB files by",
      "the end time in their names).",
      "Which deploys: the declared ones (--deploy, --deploys-file) when any are",
      "given, matched with a restart burst seen in the syslog within 30 minutes;",
      "otherwise every deploy detected on --date (a burst of restarts across most",
      "hosts of an app; a lone host restarting is not a deploy).",
      "Settings (--set): deploy.restart-gap (15m, longest gap between restarts of",
      "one rollout), deploy.before, deploy.after (1h each),",
      "impact.{rate,event-rate,latency}.{alpha,min-ratio,min-absolute,",
      "min-exposure}: a regression needs p < alpha, a ratio of at least min-ratio",
      "and an increase of at least min-absolute."
    },
    footer = {
      "",
      "Exit codes: 0 done (also when no deploy was found), 1 failure, 2 usage",
      "error, 4 no input for --date or for a judged deploy's after window (logs",
      "not delivered yet?), 5 with --fail-on-regression: a judged deploy regressed",
      "(its id is on stderr; 5 wins over 4).",
      "",
      "Examples:",
      "  balrog-logs deploy-impact --input /tmp/logs --date 2026-11-02",
      "  balrog-logs deploy-impact --input s3a://balrog-logs/raw \\",
      "    --output s3a://balrog-logs/summary --deploy v3.122@2026-11-02T14:00Z \\",
      "    --fail-on-regression --summary-json verdict.json"
    })
final class DeployImpactCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand BalrogLogsCommand root;

  @Mixin DeclaredDeployOptions deployOptions = new DeclaredDeployOptions();

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description =
          "The day whose syslog is searched for deploys (default: the declared deploys' days).")
  LocalDate date;

  @Option(
      names = "--before",
      paramLabel = "DUR",
      description =
          "Length of the window before the deploy, e.g. 45m, 2h (default 1h or deploy.before).")
  String before;

  @Option(
      names = "--after",
      paramLabel = "DUR",
      description =
          "Length of the window after the rollout, e.g. 45m, 2h (default 1h or deploy.after).")
  String after;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "table|csv|json",
      description =
          "table (default): deploys, verdicts, new signatures and inputs; csv/json: one record per"
              + " deploy_impact row (its columns plus deploy_source, schema_migration, hosts),"
              + " progress and inputs on stderr.")
  String format;

  @Mixin SummaryJsonOption summaryJson = new SummaryJsonOption();

  @Option(
      names = "--fail-on-regression",
      description =
          "Exit 5 when a judged deploy's overall verdict is regression (for deploy pipelines).")
  boolean failOnRegression;

  @Override
  public Integer call() throws Exception {
    Instant started = Instant.now();
    JobConfig cfg = root.global.toConfig();
    DeployAnalysis.Options options = null;
    DeployAnalysis.Result result = null;
    try {
      options = options(cfg);
      ResultFormat f = ResultFormat.parse(format);
      if (cfg.input() == null) {
        throw new IllegalArgumentException("deploy-impact needs --input ROOT");
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintStream progress =
          f == ResultFormat.TABLE ? Commands.printStream(spec) : Commands.errStream(spec);
      try (SparkSession spark = Commands.session(cfg, "balrog-logs deploy-impact")) {
        result =
            DeployImpactJob.run(spark, cfg, new DeployImpactJob.Request(options, f), out, progress);
      }
      List<String> regressions = result.regressions();
      int code = ExitCode.OK;
      String reason =
          result.deploys().isEmpty()
              ? "no deploys found"
              : regressions.isEmpty()
                  ? "no regression"
                  : "regression: " + String.join(", ", regressions);
      List<String> blind = result.withoutAfterInput();
      PrintWriter err = spec.commandLine().getErr();
      if (failOnRegression && !regressions.isEmpty()) {
        err.println(
            "balrog-logs deploy-impact: regression in deploy"
                + (regressions.size() == 1 ? " " : "s ")
                + String.join(", ", regressions)
                + " (exit "
                + ExitCode.REGRESSION
                + ")");
        code = ExitCode.REGRESSION;
      } else if (!blind.isEmpty()) {
        // a gate must not pass a deploy judged on nothing: its logs have not arrived yet
        reason = "no input for the after window of " + String.join(", ", blind);
        err.println(
            "balrog-logs deploy-impact: no log files (yet?) for the after window of deploy"
                + (blind.size() == 1 ? " " : "s ")
                + String.join(", ", blind)
                + "; rerun when they are delivered (exit "
                + ExitCode.NO_INPUT
                + ")");
        code = ExitCode.NO_INPUT;
      }
      err.flush();
      summary(cfg, options, started, result, code, reason);
      return code;
    } catch (RuntimeException e) {
      summary(cfg, options, started, result, Main.exitCode(e), Main.message(e));
      throw e;
    }
  }

  /** The validated options (before Spark starts). */
  DeployAnalysis.Options options(JobConfig cfg) {
    ImpactSettings settings = ImpactSettings.from(cfg.settings());
    List<DeclaredDeploy> declared = deployOptions.declared();
    Duration b = before != null ? Durations.parse("--before", before) : settings.before();
    Duration a = after != null ? Durations.parse("--after", after) : settings.after();
    return new DeployAnalysis.Options(
        declared, date, declared.isEmpty(), b, a, settings.restartGap(), settings.rules());
  }

  private void summary(
      JobConfig cfg,
      DeployAnalysis.Options o,
      Instant started,
      DeployAnalysis.Result r,
      int code,
      String reason) {
    if (summaryJson.file != null) {
      DeployImpactSummary.write(summaryJson.file, cfg, o, started, r, code, reason);
    }
  }
}
