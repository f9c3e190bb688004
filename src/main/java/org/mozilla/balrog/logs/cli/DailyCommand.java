package org.mozilla.balrog.logs.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.job.DailyJob;
import org.mozilla.balrog.logs.job.DailyOutcome;
import org.mozilla.balrog.logs.job.DailySummary;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.JobRequests;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code daily}: the scheduled job. */
@Command(
    name = "daily",
    header = "Compute and write every summary table for one date or a range (the scheduled job).",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compute every summary table for each date from the logs under --input and write its log_date"
          + " partition under --output, replacing exactly that partition (a rerun gives the same"
          + " rows and touches nothing else).",
      "One writer per output date: each date is written under a lock file"
          + " OUTPUT/_locks/log_date=D.lock (owner, start, heartbeat); while another run holds it,"
          + " the run exits 6 and writes nothing for that date.",
      "Settings (--set KEY=VALUE):",
      "- population.lg-k=N: HLL precision (default 14: about 0.8%% error)",
      "- population.min-clients=N: cells with fewer clients fold into version 'other' (default 50)",
      "- deploy.* and impact.*: as for deploy-impact (the deploys and deploy_impact of each date:"
          + " the deploys detected that day and the declared ones that started that day)",
      "- lock.stale-after=DUR: when a lock counts as stale (default 10m)"
    },
    footer = {
      "",
      "Examples:",
      "  balrog-logs daily --input s3a://my-bucket/balrog-logs/raw --output"
          + " s3a://my-bucket/balrog-logs/summary --date 2026-11-02",
      "  balrog-logs daily --input demo --output demo/summary --from 2026-11-01 --to 2026-11-02"
          + " --lookback-days 1"
    })
final class DailyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand BalrogLogsCommand root;

  static final class Range {
    @Option(
        names = "--from",
        required = true,
        paramLabel = "YYYY-MM-DD",
        description = "First date.")
    LocalDate from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "YYYY-MM-DD",
        description = "Last date (inclusive).")
    LocalDate to;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  DateChoice dates;

  static final class DateChoice {
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "One date.")
    LocalDate date;

    @ArgGroup(exclusive = false)
    Range range;
  }

  @Option(
      names = "--max-reject-ratio",
      defaultValue = "0.01",
      paramLabel = "RATIO",
      description =
          "Exit 3 (after writing) when any source rejects more than this share of its lines"
              + " (default: ${DEFAULT-VALUE}).")
  double maxRejectRatio;

  @Option(
      names = "--max-damaged-files",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Exit 3 (after writing) when a date has more than N damaged files (a truncated or corrupt"
              + " gzip: the lines before the damage are counted; default: ${DEFAULT-VALUE}). A file"
              + " that cannot be read at all fails the run (exit 1) and nothing is written for its"
              + " date.")
  long maxDamagedFiles;

  @Option(
      names = "--require-sources",
      split = ",",
      paramLabel = "SOURCE",
      description =
          "Sources that must have files for a date (ids such as aus5, syslog_web): without them"
              + " exit 4 and nothing is written for that date. Without this option a source with no"
              + " files is only reported.")
  List<String> requireSources = new java.util.ArrayList<>();

  @Option(
      names = "--lookback-days",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Also recompute the N days before the first date, for files that arrived late (default:"
              + " ${DEFAULT-VALUE}).")
  int lookbackDays;

  @Mixin DeclaredDeployOptions deployOptions = new DeclaredDeployOptions();

  @Option(
      names = "--break-lock",
      description =
          "Take over the lock of a date whose heartbeat is older than lock.stale-after (its run"
              + " died). A live lock is never broken: the run exits 6.")
  boolean breakLock;

  @Mixin SummaryJsonOption summaryJson = new SummaryJsonOption();

  @Override
  public Integer call() throws Exception {
    java.time.Instant started = java.time.Instant.now();
    JobConfig cfg = root.global.toConfig();
    DailyJob.Options o = null;
    List<DailyJob.DayResult> results = new java.util.ArrayList<>();
    try {
      o = JobRequests.daily(cfg, args()); // every option and setting checked: Spark starts below
      PrintStream out = Commands.printStream(spec);
      try (SparkSession spark = Commands.session(cfg, "balrog-logs daily")) {
        results = DailyJob.run(spark, cfg, o, out);
      }
      DailyOutcome outcome = DailyOutcome.of(results);
      outcome.report(out);
      int code = ExitCode.of(outcome.kind());
      summary(cfg, o, started, results, code, outcome.reason());
      return code;
    } catch (RuntimeException e) {
      summary(cfg, o, started, results, ExitCode.of(e), Messages.of(e));
      throw e;
    }
  }

  /** The options as given ({@link JobRequests#daily} checks them). */
  private JobRequests.DailyArgs args() {
    return new JobRequests.DailyArgs(
        dates.date != null ? dates.date : dates.range.from,
        dates.date != null ? dates.date : dates.range.to,
        lookbackDays,
        maxRejectRatio,
        maxDamagedFiles,
        requireSources,
        deployOptions.declared(),
        breakLock);
  }

  private void summary(
      JobConfig cfg,
      DailyJob.Options o,
      java.time.Instant started,
      List<DailyJob.DayResult> results,
      int code,
      String reason) {
    if (summaryJson.file != null) {
      DailySummary.write(summaryJson.file, cfg, o, lookbackDays, started, results, code, reason);
    }
  }
}
