package org.mozilla.balrog.logs.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.mozilla.balrog.logs.deploy.DeclaredDeploy;
import org.mozilla.balrog.logs.deploy.DeployAnalysis;
import org.mozilla.balrog.logs.deploy.DeploysFile;
import org.mozilla.balrog.logs.deploy.ImpactSettings;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.model.Durations;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.OutputLock;
import org.mozilla.balrog.logs.source.SourceLocations;
import scala.Tuple2;

/**
 * Turns what the command line collected (strings, dates, numbers, paths: {@link DailyArgs}, {@link
 * DeployImpactArgs}) and the {@link JobConfig} into the typed, validated options a job runs with.
 * Everything is parsed and checked here, before any Spark session starts: a bad value is an {@link
 * IllegalArgumentException} with a one-line message naming the option or setting (a usage error).
 */
public final class JobRequests {
  private JobRequests() {}

  /**
   * {@code --deploy} and {@code --deploys-file} as given.
   *
   * @param deploys {@code ID@TIME[:app=NAME][:migration]} each
   * @param file one deploy per line, or null
   */
  public record DeclaredDeploys(List<String> deploys, Path file) {
    public DeclaredDeploys {
      deploys = List.copyOf(deploys);
    }

    /** The declared deploys, parsed: those of {@link #deploys}, then those of {@link #file}. */
    List<DeclaredDeploy> parse() {
      List<DeclaredDeploy> out = new ArrayList<>();
      deploys.forEach(d -> out.add(DeclaredDeploy.parse(d)));
      if (file != null) {
        out.addAll(DeploysFile.read(file));
      }
      return out;
    }
  }

  /**
   * The options of {@code daily} as given.
   *
   * @param from first date asked for (before the look-back)
   * @param to last date
   * @param requireSources source ids
   */
  public record DailyArgs(
      LocalDate from,
      LocalDate to,
      int lookbackDays,
      double maxRejectRatio,
      long maxDamagedFiles,
      List<String> requireSources,
      DeclaredDeploys declared,
      boolean breakLock) {
    public DailyArgs {
      requireSources = List.copyOf(requireSources);
      Objects.requireNonNull(declared, "declared");
    }
  }

  /**
   * The options of {@code deploy-impact} as given.
   *
   * @param date may be null (the declared deploys' days)
   * @param before window length text such as {@code 45m}, or null for the setting
   * @param after as {@code before}
   * @param format {@code table}, {@code csv} or {@code json}
   */
  public record DeployImpactArgs(
      DeclaredDeploys declared, LocalDate date, String before, String after, String format) {
    public DeployImpactArgs {
      Objects.requireNonNull(declared, "declared");
    }
  }

  /**
   * {@code daily}'s options: the dates with the look-back, {@code population.*}, the declared
   * deploys, {@code deploy.*}/{@code impact.*}, the required sources, the lock policy ({@code
   * lock.stale-after}, {@code --break-lock}); and the roots: an output root, and an input root
   * unless every source has a location of its own.
   */
  public static DailyJob.Options daily(JobConfig cfg, DailyArgs a) {
    if (a.lookbackDays() < 0) {
      throw new IllegalArgumentException(
          "--lookback-days must not be negative: " + a.lookbackDays());
    }
    DailyJob.Options o =
        new DailyJob.Options(
            a.from().minusDays(a.lookbackDays()),
            a.to(),
            Sketches.checkLgK(JobSettings.wholeInt(cfg, JobSettings.LG_K, Sketches.DEFAULT_LG_K)),
            JobSettings.wholeNumber(cfg, JobSettings.MIN_CLIENTS, JobSettings.DEFAULT_MIN_CLIENTS),
            a.maxRejectRatio(),
            a.declared().parse(),
            ImpactSettings.from(cfg.settings()),
            a.maxDamagedFiles(),
            requiredSources(a.requireSources()),
            lockPolicy(cfg, a.breakLock()));
    if (cfg.output() == null) {
      throw new IllegalArgumentException("daily needs --output ROOT");
    }
    if (cfg.input() == null && !locationsCoverAllSources(cfg)) {
      throw new IllegalArgumentException(
          "daily needs --input ROOT (or a source.<id>.location for every source)");
    }
    return o;
  }

  /**
   * {@code deploy-impact}'s request: the declared deploys, the windows ({@code --before}/{@code
   * --after} over {@code deploy.before}/{@code deploy.after}), {@code deploy.restart-gap}, the
   * {@code impact.*} thresholds, which deploys to judge, the output format; and an input root.
   */
  public static DeployImpactJob.Request deployImpact(JobConfig cfg, DeployImpactArgs a) {
    ImpactSettings settings = ImpactSettings.from(cfg.settings());
    List<DeclaredDeploy> declared = a.declared().parse();
    Duration before =
        a.before() != null ? Durations.parse("--before", a.before()) : settings.before();
    Duration after = a.after() != null ? Durations.parse("--after", a.after()) : settings.after();
    DeployAnalysis.Options options =
        new DeployAnalysis.Options(
            declared,
            a.date(),
            declared.isEmpty(),
            before,
            after,
            settings.restartGap(),
            settings.rules());
    ResultFormat format = ResultFormat.parse(a.format());
    if (cfg.input() == null) {
      throw new IllegalArgumentException("deploy-impact needs --input ROOT");
    }
    return new DeployImpactJob.Request(options, format);
  }

  /** The sources named by {@code --require-sources}; an unknown id is a usage error. */
  private static Set<LogSource> requiredSources(List<String> ids) {
    Set<LogSource> out = EnumSet.noneOf(LogSource.class);
    for (String id : ids) {
      out.add(LogSource.byName(id.trim()));
    }
    return out;
  }

  /** {@code lock.stale-after} (a duration) and {@code --break-lock}. */
  private static OutputLock.Policy lockPolicy(JobConfig cfg, boolean breakLock) {
    String v = cfg.settings().get(OutputLock.STALE_AFTER_KEY);
    Duration staleAfter =
        v == null ? OutputLock.DEFAULT_STALE_AFTER : Durations.parse(OutputLock.STALE_AFTER_KEY, v);
    return new OutputLock.Policy(staleAfter, breakLock);
  }

  /**
   * True when the Hadoop configuration a session of {@code cfg} would have gives every source a
   * location ({@link SourceLocations#coversAll}): the site files, and the {@code spark.hadoop.*}
   * settings of {@code spark-submit} and of {@code cfg}, as {@link SparkSessions#conf} sets them.
   */
  static boolean locationsCoverAllSources(JobConfig cfg) {
    Configuration hadoop = new Configuration();
    SparkConf conf = SparkSessions.conf(cfg, "settings check");
    for (Tuple2<String, String> e : conf.getAll()) {
      if (e._1().startsWith("spark.hadoop.")) {
        hadoop.set(e._1().substring("spark.hadoop.".length()), e._2());
      }
    }
    return SourceLocations.from(hadoop).coversAll();
  }
}
