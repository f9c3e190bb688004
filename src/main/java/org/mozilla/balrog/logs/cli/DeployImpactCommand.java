package org.mozilla.balrog.logs.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.job.DeployImpactJob;
import org.mozilla.balrog.logs.job.DeployImpactRun;
import org.mozilla.balrog.logs.job.DeployImpactSummary;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.JobRequests;
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
    header =
        "Judge deploys: error rates and latency before vs after each, and new error signatures.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Judge deploys: compare a window before each deploy (ending at its first restart) with a"
          + " window after it (starting once the rollout finished) on update 5xx rate per domain,"
          + " load-balancer 5xx rate, latency p95, admin 5xx rate and application error rate, and"
          + " list the error signatures that appeared with it. Reads only the log files the windows"
          + " need (ELB files by the end time in their names).",
      "Which deploys: the declared ones (--deploy, --deploys-file) when any are given, matched with"
          + " a restart burst seen in the syslog within 30 minutes; otherwise every deploy detected"
          + " on --date (a burst of restarts across most hosts of an app; a lone host restarting is"
          + " not a deploy).",
      "Settings (--set KEY=VALUE):",
      "- deploy.restart-gap: the longest gap between restarts of one rollout (default 15m)",
      "- deploy.before, deploy.after: the windows' lengths (default 1h each)",
      "- impact.{rate,event-rate,latency}.{alpha,min-ratio,min-absolute,min-exposure}: a regression"
          + " needs p < alpha, a ratio of at least min-ratio and an increase of at least"
          + " min-absolute"
    },
    footer = {
      "",
      "Exit codes: 0 done (also when no deploy was found), 1 failure, 2 usage error, 4 no input for"
          + " --date or for a judged deploy's after window (logs not delivered yet?), 5 with"
          + " --fail-on-regression: a judged deploy regressed (its id is on stderr; 5 wins over"
          + " 4).",
      "",
      "Examples:",
      "  balrog-logs deploy-impact --input /tmp/logs --date 2026-11-02",
      "  balrog-logs deploy-impact --input s3a://balrog-logs/raw --output s3a://balrog-logs/summary"
          + " --deploy v3.122@2026-11-02T14:00Z --fail-on-regression --summary-json verdict.json"
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
    DeployImpactJob.Request request = null;
    DeployImpactRun run = null;
    try {
      request = request(cfg); // every option and setting checked: Spark starts below
      PrintWriter out = spec.commandLine().getOut();
      PrintStream progress =
          request.format() == ResultFormat.TABLE
              ? Commands.printStream(spec)
              : Commands.errStream(spec);
      try (SparkSession spark = Commands.session(cfg, "balrog-logs deploy-impact")) {
        run = DeployImpactRun.run(spark, cfg, request, out, progress);
      }
      List<String> regressions = run.regressions();
      int code = ExitCode.OK;
      String reason =
          run.noDeploys()
              ? "no deploys found"
              : regressions.isEmpty()
                  ? "no regression"
                  : "regression: " + String.join(", ", regressions);
      List<String> blind = run.withoutAfterInput();
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
      summary(cfg, request, started, run, code, reason);
      return code;
    } catch (RuntimeException e) {
      summary(cfg, request, started, run, ExitCode.of(e), Messages.of(e));
      throw e;
    }
  }

  /** The validated request ({@link JobRequests#deployImpact}; before Spark starts). */
  DeployImpactJob.Request request(JobConfig cfg) {
    return JobRequests.deployImpact(
        cfg,
        new JobRequests.DeployImpactArgs(deployOptions.declared(), date, before, after, format));
  }

  private void summary(
      JobConfig cfg,
      DeployImpactJob.Request request,
      Instant started,
      DeployImpactRun run,
      int code,
      String reason) {
    if (summaryJson.file != null) {
      DeployImpactSummary.write(summaryJson.file, cfg, request, started, run, code, reason);
    }
  }
}
