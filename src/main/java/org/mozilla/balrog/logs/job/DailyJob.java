package org.mozilla.balrog.logs.job;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.deploy.DeclaredDeploy;
import org.mozilla.balrog.logs.deploy.DeployAnalysis;
import org.mozilla.balrog.logs.deploy.DeployTables;
import org.mozilla.balrog.logs.deploy.ImpactSettings;
import org.mozilla.balrog.logs.metrics.AdminActivity;
import org.mozilla.balrog.logs.metrics.AppErrors;
import org.mozilla.balrog.logs.metrics.IngestAudit;
import org.mozilla.balrog.logs.metrics.IngestAudit.SourceCounts;
import org.mozilla.balrog.logs.metrics.PopulationFoldSummary;
import org.mozilla.balrog.logs.metrics.PopulationRolling;
import org.mozilla.balrog.logs.metrics.RequestRates;
import org.mozilla.balrog.logs.metrics.UpdatePopulation;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.NoInputException;
import org.mozilla.balrog.logs.source.ScanProgress;

/**
 * {@code daily}: for each date, every summary table's partition of that date, replacing exactly that partition.
 * Reads each input file once per date for the audit and every table but one: every source's scan is kept (narrowed,
 * serialized, without raw addresses; see {@link DayScans}). {@code update_population} reads the update domains'
 * files in a second pass of its own ({@link #population}) that tallies cells inside the scan tasks, mostly straight
 * from the lines' bytes: cheaper than keeping its columns.
 */
public final class DailyJob {
  /** Seconds between progress lines on long runs. */
  static final long PROGRESS_SECONDS = 15;

  private DailyJob() {}

  /**
   * @param lgK HLL precision of the client sketches
   * @param minClients cells with fewer clients fold into version {@code other}
   * @param maxRejectRatio above this rejected/lines ratio for any source the run still writes, then reports it
   * @param declared declared deploys; each date's {@code deploys} holds those that started that day and the detected
   *     ones
   * @param deploySettings deploy detection and verdict settings
   */
  public record Options(
      LocalDate from,
      LocalDate to,
      int lgK,
      long minClients,
      double maxRejectRatio,
      List<DeclaredDeploy> declared,
      ImpactSettings deploySettings) {
    /** No declared deploys, default deploy settings. */
    public Options(LocalDate from, LocalDate to, int lgK, long minClients, double maxRejectRatio) {
      this(from, to, lgK, minClients, maxRejectRatio, List.of(), ImpactSettings.from(Map.of()));
    }

    public Options {
      declared = List.copyOf(declared);
      java.util.Objects.requireNonNull(deploySettings, "deploySettings");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("--to " + to + " is before --from " + from);
      }
      if (minClients < 1) {
        throw new IllegalArgumentException("population.min-clients must be at least 1: " + minClients);
      }
      if (!(maxRejectRatio >= 0 && maxRejectRatio <= 1)) {
        throw new IllegalArgumentException("--max-reject-ratio must be between 0 and 1: " + maxRejectRatio);
      }
    }
  }

  /** What one date's run did. */
  public record DayResult(
      LocalDate day,
      String runId,
      Map<String, Long> rowsWritten,
      List<SourceCounts> sources,
      double maxRejectRatio,
      Instant startedAt,
      Instant finishedAt) {
    /** Sources whose rejected-line ratio is over the threshold. */
    public List<SourceCounts> overThreshold() {
      return sources.stream().filter(s -> s.rejectRatio() > maxRejectRatio).toList();
    }
  }

  public static List<DayResult> run(SparkSession spark, JobConfig cfg, Options o, PrintStream progress) {
    if (cfg.input() == null || cfg.output() == null) {
      throw new IllegalArgumentException("daily needs --input ROOT and --output ROOT");
    }
    requireInputRoot(spark, cfg.input());
    List<DayResult> results = new ArrayList<>();
    for (LocalDate day = o.from(); !day.isAfter(o.to()); day = day.plusDays(1)) {
      results.add(runDay(spark, cfg, o, day, progress));
    }
    return results;
  }

  private static DayResult runDay(SparkSession spark, JobConfig cfg, Options o, LocalDate day, PrintStream progress) {
    Instant started = Instant.now();
    String runId = "daily-" + day + "-" + UUID.randomUUID();
    Map<LogSource, List<InputFile>> files =
        new InputDiscovery(spark.sparkContext().hadoopConfiguration())
            .discover(cfg.input(), EnumSet.allOf(LogSource.class), day, day);
    long totalFiles = files.values().stream().mapToLong(List::size).sum();
    progress.printf(Locale.ROOT, "%s: %d files under %s%n", day, totalFiles, cfg.input());
    Map<String, Long> written = new LinkedHashMap<>();
    List<SourceCounts> counts;
    try (DayScans scans = scan(spark, day, files, totalFiles, progress)) {
      counts = scans.counts();
      Map<LogSource, Dataset<Row>> in = scans.bySource();
      try (UpdatePopulation.Day population = population(spark, o, day, files)) {
        write(spark, cfg, SummaryTables.UPDATE_POPULATION, population.rows(), day, written);
        write(spark, cfg, SummaryTables.UPDATE_POPULATION_SKETCHES, population.sketches(), day, written);
      }
      write(spark, cfg, SummaryTables.REQUEST_RATES, RequestRates.compute(spark, in, day), day, written);
      write(spark, cfg, SummaryTables.APP_ERRORS, AppErrors.compute(spark, in, day), day, written);
      write(spark, cfg, SummaryTables.ADMIN_ACTIVITY, AdminActivity.compute(spark, in, day), day, written);
      DeployTables.Tables deploys = DeployTables.forDay(spark, cfg.input(), cfg.output(), day, o.declared(),
          o.deploySettings(), new DeployAnalysis.Prescanned(day, in, files), progress::println);
      write(spark, cfg, SummaryTables.DEPLOYS, deploys.deploys(), day, written);
      write(spark, cfg, SummaryTables.DEPLOY_IMPACT, deploys.impact(), day, written);
    }
    writePopulationRollUps(spark, cfg, o, day, written, progress);
    Dataset<Row> audit = IngestAudit.rows(spark, counts, runId, started, Instant.now(), JobVersion.get());
    write(spark, cfg, SummaryTables.INGEST_AUDIT, audit, day, written);
    progress.printf(Locale.ROOT, "%s: wrote %s%n", day, written);
    return new DayResult(day, runId, written, counts, o.maxRejectRatio(), started, Instant.now());
  }

  /**
   * {@code update_population_rolling} from the stored sketches of the 28 days ending on {@code day}, and {@code
   * update_population_folds} from it and from the day's written {@code update_population}; prints what was folded.
   */
  private static void writePopulationRollUps(
      SparkSession spark, JobConfig cfg, Options o, LocalDate day, Map<String, Long> written, PrintStream progress) {
    SummaryTable store = SummaryTables.UPDATE_POPULATION_SKETCHES;
    Set<LocalDate> present = new TreeSet<>();
    for (LocalDate d = day.minusDays(PopulationRolling.WINDOWS.get(PopulationRolling.WINDOWS.size() - 1) - 1L);
        !d.isAfter(day); d = d.plusDays(1)) {
      if (PartitionWriter.exists(spark, store, cfg.output(), d)) {
        present.add(d);
      }
    }
    PopulationRolling.Result rolling =
        PopulationRolling.compute(spark, PartitionWriter.read(spark, store, cfg.output()), day, present,
            o.minClients());
    write(spark, cfg, SummaryTables.UPDATE_POPULATION_ROLLING, rolling.rows(), day, written);
    List<PopulationFoldSummary.Folds> folds = new ArrayList<>();
    folds.add(PopulationFoldSummary.daily(PartitionWriter.read(spark, SummaryTables.UPDATE_POPULATION, cfg.output())
        .where(col(SummaryTable.PARTITION_COLUMN).equalTo(java.sql.Date.valueOf(day)))));
    folds.addAll(PopulationFoldSummary.rolling(rolling.windows()));
    for (PopulationFoldSummary.Folds f : folds) {
      progress.printf(Locale.ROOT, "%s: %s%n", day, f.describe());
    }
    write(spark, cfg, SummaryTables.UPDATE_POPULATION_FOLDS, PopulationFoldSummary.rows(spark, folds), day, written);
  }

  /**
   * {@code update_population} from its own pass over the update domains' files ({@link UpdatePopulation#compute}),
   * which tallies cells inside the scan tasks: cheaper than keeping the population's columns in the shared {@link
   * DayScans} rows (whose audit already counts every line of these files).
   */
  public static UpdatePopulation.Day population(
      SparkSession spark, Options o, LocalDate day, Map<LogSource, List<InputFile>> files) {
    return UpdatePopulation.compute(spark, files, day, o.lgK(), o.minClients());
  }

  /** Scans every source of the day once (see {@link DayScans}), printing progress while the files are read. */
  private static DayScans scan(
      SparkSession spark, LocalDate day, Map<LogSource, List<InputFile>> files, long totalFiles, PrintStream progress) {
    ScanProgress scanned = new ScanProgress(spark.sparkContext());
    try (ProgressPrinter p = new ProgressPrinter(day.toString(), scanned, totalFiles, progress, PROGRESS_SECONDS)) {
      return DayScans.scan(spark, files, scanned, progress);
    }
  }

  /** Writes one partition and records its row count in {@code written} under the table's name. */
  private static void write(
      SparkSession spark, JobConfig cfg, SummaryTable table, Dataset<Row> rows, LocalDate day,
      Map<String, Long> written) {
    written.put(table.name(), write(spark, cfg, table, rows, day));
  }

  /** Writes one partition and returns its row count (from the written files: the rows are computed once). */
  private static long write(SparkSession spark, JobConfig cfg, SummaryTable table, Dataset<Row> rows, LocalDate day) {
    return PartitionWriter.write(spark, table, rows, cfg.output(), day);
  }

  private static void requireInputRoot(SparkSession spark, String input) {
    Path root = new Path(input);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        throw new NoInputException("input root does not exist: " + input);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot open input root " + input + ": " + e.getMessage(), e);
    }
  }
}
