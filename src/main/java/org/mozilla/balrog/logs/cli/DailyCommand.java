package org.mozilla.balrog.logs.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.deploy.Durations;
import org.mozilla.balrog.logs.deploy.ImpactSettings;
import org.mozilla.balrog.logs.job.DailyJob;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.metrics.IngestAudit.SourceCounts;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.sink.OutputLock;
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
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compute every summary table for each date from the logs under --input and write its log_date"
          + " partition",
      "under --output, replacing exactly that partition (a rerun gives the same rows and touches"
          + " nothing else).",
      "Settings: --set population.lg-k=N (HLL precision, default 14: 0.8 % error),",
      "--set population.min-clients=N (smaller cells fold into version 'other', default 50),",
      "deploy.* and impact.* as for deploy-impact (deploys and deploy_impact of each date: the"
          + " deploys detected",
      "that day and the declared ones that started that day).",
      "One writer per output date: each date is written under a lock file",
      "OUTPUT/_locks/log_date=D.lock (owner, start, heartbeat); while another run",
      "holds it the run exits 6 and writes nothing for that date.",
      "--set lock.stale-after=DUR (default 10m): when a lock counts as stale."
    })
final class DailyCommand implements Callable<Integer> {
  static final String LG_K = "population.lg-k";
  static final String MIN_CLIENTS = "population.min-clients";
  static final long DEFAULT_MIN_CLIENTS = 50;

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
      paramLabel = "SOURCE[,SOURCE...]",
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
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("--lookback-days must not be negative: " + lookbackDays);
    }
    LocalDate from = (dates.date != null ? dates.date : dates.range.from).minusDays(lookbackDays);
    LocalDate to = dates.date != null ? dates.date : dates.range.to;
    JobConfig cfg = root.global.toConfig();
    DailyJob.Options o = null;
    List<DailyJob.DayResult> results = new java.util.ArrayList<>();
    try {
      o =
          new DailyJob.Options(
              from,
              to,
              Sketches.checkLgK(intSetting(cfg, LG_K, Sketches.DEFAULT_LG_K)),
              intSetting(cfg, MIN_CLIENTS, DEFAULT_MIN_CLIENTS),
              maxRejectRatio,
              deployOptions.declared(),
              ImpactSettings.from(cfg.settings()),
              maxDamagedFiles,
              requiredSources(),
              lockPolicy(cfg));
      PrintStream out = Commands.printStream(spec);
      try (SparkSession spark = Commands.session(cfg, "balrog-logs daily")) {
        results = DailyJob.run(spark, cfg, o, out);
      }
      int code = exitCode(results, out);
      summary(cfg, o, started, results, code, exitReason(results, code));
      return code;
    } catch (RuntimeException e) {
      summary(cfg, o, started, results, Main.exitCode(e), Main.message(e));
      throw e;
    }
  }

  private void summary(
      JobConfig cfg,
      DailyJob.Options o,
      java.time.Instant started,
      List<DailyJob.DayResult> results,
      int code,
      String reason) {
    if (summaryJson.file != null) {
      org.mozilla.balrog.logs.job.DailySummary.write(
          summaryJson.file, cfg, o, lookbackDays, started, results, code, reason);
    }
  }

  /**
   * {@code lock.stale-after} and {@code --break-lock}; a bad duration is a usage error (before
   * Spark starts).
   */
  private OutputLock.Policy lockPolicy(JobConfig cfg) {
    String v = cfg.settings().get(OutputLock.STALE_AFTER_KEY);
    Duration staleAfter =
        v == null ? OutputLock.DEFAULT_STALE_AFTER : Durations.parse(OutputLock.STALE_AFTER_KEY, v);
    return new OutputLock.Policy(staleAfter, breakLock);
  }

  /** The sources named by {@code --require-sources}; an unknown id is a usage error. */
  private java.util.Set<org.mozilla.balrog.logs.model.LogSource> requiredSources() {
    java.util.Set<org.mozilla.balrog.logs.model.LogSource> out =
        java.util.EnumSet.noneOf(org.mozilla.balrog.logs.model.LogSource.class);
    for (String id : requireSources) {
      out.add(org.mozilla.balrog.logs.model.LogSource.byName(id.trim()));
    }
    return out;
  }

  /** Why the run ended with {@code code}, for the summary. */
  static String exitReason(List<DailyJob.DayResult> results, int code) {
    if (code == ExitCode.OK) {
      return "ok";
    }
    List<String> why = new java.util.ArrayList<>();
    for (DailyJob.DayResult r : results) {
      if (r.noInput() != null) {
        why.add(r.day() + ": " + r.noInput());
      } else {
        if (r.tooManyDamaged()) {
          why.add(r.day() + ": " + r.damagedFiles() + " damaged files");
        }
        r.overThreshold()
            .forEach(
                s -> why.add(r.day() + ": " + s.source() + " rejected-line ratio over threshold"));
      }
    }
    return String.join("; ", why);
  }

  /**
   * Exit 4 when some date had no input (nothing was written for it); else exit 3 when a date had
   * too many damaged files or a source over the reject threshold (their partitions were written
   * anyway).
   */
  static int exitCode(List<DailyJob.DayResult> results, PrintStream out) {
    int code = ExitCode.OK;
    for (DailyJob.DayResult r : results) {
      if (r.noInput() != null) {
        code = ExitCode.NO_INPUT;
        continue;
      }
      if (r.tooManyDamaged()) {
        out.printf(
            Locale.ROOT,
            "%s: %d damaged files, over --max-damaged-files %d (their lines before the damage"
                + " were counted and the tables written): %s%n",
            r.day(),
            r.damagedFiles(),
            r.maxDamagedFiles(),
            r.sources().stream().flatMap(s -> s.problems().stream()).limit(3).toList());
        code = code == ExitCode.NO_INPUT ? code : ExitCode.DATA_QUALITY;
      }
      for (SourceCounts s : r.overThreshold()) {
        out.printf(
            Locale.ROOT,
            "%s: %s rejected %d of %d lines (%.3f %%), over --max-reject-ratio %.3f %%: %s%n",
            r.day(),
            s.source(),
            s.rejected(),
            s.lines(),
            100 * s.rejectRatio(),
            100 * r.maxRejectRatio(),
            s.rejectedByReason());
        code = code == ExitCode.NO_INPUT ? code : ExitCode.DATA_QUALITY;
      }
    }
    out.flush();
    return code;
  }

  static long intSetting(JobConfig cfg, String key, long dflt) {
    String v = cfg.settings().get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number: " + v);
    }
  }

  static int intSetting(JobConfig cfg, String key, int dflt) {
    return Math.toIntExact(intSetting(cfg, key, (long) dflt));
  }
}
