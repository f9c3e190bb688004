package org.mozilla.balrog.logs.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.job.DeployWindowJob;
import org.mozilla.balrog.logs.job.JobConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code deploy-window}: is now a good time to deploy? */
@Command(
    name = "deploy-window",
    header = "Is now a good time to deploy? go, caution or no-go for a push, with the reasons.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Answer go, caution or no-go for a push starting at --at (default: the end of the newest"
          + " request_rates bucket under --output) and lasting --duration, from the summary tables"
          + " of the days before it (only those partitions are read; through the embedded DuckDB"
          + " for a local --output, else Spark). No-go if any rule says no-go, else caution if any"
          + " says caution, else go. The rules, each with its explanation and evidence:",
      "- freshness: no-go when the newest request_rates data is older than window.max-staleness"
          + " (26h): evidence too old to judge",
      "- calendar: no-go on a weekend, a holiday (window.holidays) or when the push does not fit"
          + " in the working hours (window.hours, 09:00-17:00, in window.time-zone,"
          + " Europe/Berlin); a Friday answers window.friday (caution)",
      "- open-regression: no-go while a deploy of the last window.regression.days (3) has a"
          + " regression verdict in deploy_impact and no later deploy of its app followed",
      "- health.5xx, health.latency: the update 5xx rate and latency p95 of the last"
          + " window.health.hours (1h) against the median of the same hours on the previous"
          + " window.health.baseline-days (7): caution from 5xx-caution / latency-caution (1.5x),"
          + " no-go from 5xx-no-go / latency-no-go (3x), an increase below 5xx-min-increase"
          + " (0.002) / latency-min-increase-ms (50) never counts; no-go from a 5xx rate of"
          + " 5xx-max (0.05) whatever the baseline; fewer than 5xx-min-errors (10) extra errors"
          + " never count; caution under min-requests (100) requests",
      "- new-errors: caution for an error signature of app_errors in the last"
          + " window.errors.hours (6h) not seen in the baseline days before",
      "- release-activity: caution when successful admin writes (rules, releases, scheduled"
          + " changes, emergency shutoffs, enacted changes; release_activity, hourly) in the last"
          + " hour, half or all of window.release.hours (6h) reach window.release.caution-writes"
          + " (5) and are unusual against the same hours of the baseline days: at least"
          + " window.release.caution-ratio (2) times their median and times every day but one, and"
          + " beyond chance; or on any write of a release-only class (releases, emergency shutoff)"
          + " that at most one of those days had then; per route class with distinct-user counts",
      "- version-ramp: from the update requests per version (release_activity) of"
          + " window.ramp.products (Firefox,Thunderbird) on window.ramp.channels (release,esr):"
          + " caution when a version's share grew by window.ramp.growth (0.05) over"
          + " window.ramp.hours (6h, comparing window.ramp.span of 2h) beyond sampling noise, or a"
          + " version first seen within window.ramp.new-hours (24h) holds window.ramp.new-share"
          + " (0.02); no-go when that new version is a dot release of a major already out (a"
          + " chemspill); products and channels under window.ramp.min-requests (200) are not"
          + " judged",
      "Settings: --set window.KEY=VALUE for every key named above (window.holidays takes"
          + " YYYY-MM-DD,YYYY-MM-DD,...; window.hours HH:MM-HH:MM).",
      "With --to, every push from --at to --to, one every --step, is judged (each table read"
          + " once), one line each: when could we have pushed last week?"
    },
    footer = {
      "",
      "Exit codes: 0 go, 7 caution, 8 no-go, 4 no summary data under --output, 2 usage error, 1"
          + " failure.",
      "",
      "Examples:",
      "  balrog-logs deploy-window --output demo/summary",
      "  balrog-logs deploy-window --output demo/summary --at 2026-11-02T14:30Z --duration 45m"
          + " --set window.holidays=2026-12-24,2026-12-25 --format json --summary-json window.json",
      "  balrog-logs deploy-window --output demo/summary --at 2026-11-02T00:00Z --to"
          + " 2026-11-03T00:00Z --step 1h"
    })
final class DeployWindowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand BalrogLogsCommand root;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description =
          "When the push starts: now, 2026-11-02T14:30Z, 2026-11-02T15:30+01:00, or a local"
              + " 2026-11-02T15:30 in window.time-zone (default: the end of the newest"
              + " request_rates bucket).")
  String at;

  @Option(
      names = "--duration",
      defaultValue = "30m",
      paramLabel = "DUR",
      description = "How long the push takes, e.g. 30m, 1h (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description =
          "Judge every push from --at up to this time (as --at), one every --step, one line each"
              + " (exit 0); --at is then required.")
  String to;

  @Option(
      names = "--step",
      defaultValue = "1h",
      paramLabel = "DUR",
      description = "With --to: the time between pushes (default: ${DEFAULT-VALUE}).")
  String step;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "table|json",
      description =
          "table (default): the verdict, then one line per rule and its evidence; json: one"
              + " object (at, duration, verdict, reasons with rule, verdict, explanation and"
              + " evidence).")
  String format;

  @Mixin SummaryJsonOption summaryJson = new SummaryJsonOption();

  @Override
  public Integer call() throws Exception {
    Instant started = Instant.now();
    JobConfig cfg = root.global.toConfig();
    DeployWindowJob.Request request = null;
    DeployWindowJob.Result result = null;
    try {
      request = DeployWindowJob.request(cfg, at, duration, format); // checked before reading
      if (cfg.output() == null) {
        throw new IllegalArgumentException("deploy-window reads the summary tables: give --output");
      }
      if (to != null) {
        return grid(cfg, request);
      }
      if (DeployWindowJob.embeddable(cfg)) {
        result = DeployWindowJob.runEmbedded(cfg, request);
      } else {
        try (SparkSession spark = Commands.session(cfg, "balrog-logs deploy-window")) {
          result = DeployWindowJob.run(spark, cfg, request);
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (request.json()) {
        out.println(result.jsonLine());
      } else {
        out.print(result.text());
      }
      out.flush();
      int code = ExitCode.of(result.kind());
      if (summaryJson.file != null) {
        DeployWindowJob.writeSummary(
            summaryJson.file, cfg, request, started, result, code, result.reason());
      }
      return code;
    } catch (RuntimeException e) {
      if (summaryJson.file != null) {
        DeployWindowJob.writeSummary(
            summaryJson.file, cfg, request, started, result, ExitCode.of(e), Messages.of(e));
      }
      throw e;
    }
  }

  /** {@code --to}: every push from {@code --at}, one line each. */
  private int grid(JobConfig cfg, DeployWindowJob.Request request) throws java.io.IOException {
    if (at == null) {
      throw new IllegalArgumentException("--to needs --at (the first push)");
    }
    if (summaryJson.file != null) {
      throw new IllegalArgumentException("--summary-json is for one push, not with --to");
    }
    Instant until = DeployWindowJob.request(cfg, to, duration, format).at();
    java.time.Duration every = DeployWindowJob.step(step);
    List<DeployWindowJob.Result> results;
    if (DeployWindowJob.embeddable(cfg)) {
      results = DeployWindowJob.gridEmbedded(cfg, request, until, every);
    } else {
      try (SparkSession spark = Commands.session(cfg, "balrog-logs deploy-window")) {
        results = DeployWindowJob.grid(spark, cfg, request, until, every);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(DeployWindowJob.gridText(results, request.json()));
    out.flush();
    return 0;
  }
}
