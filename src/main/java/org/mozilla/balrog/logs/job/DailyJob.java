package org.mozilla.balrog.logs.job;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.deploy.DeclaredDeploy;
import org.mozilla.balrog.logs.deploy.DeployTables;
import org.mozilla.balrog.logs.deploy.ImpactSettings;
import org.mozilla.balrog.logs.metrics.AdminActivity;
import org.mozilla.balrog.logs.metrics.AppErrors;
import org.mozilla.balrog.logs.metrics.IngestAudit;
import org.mozilla.balrog.logs.metrics.PopulationFoldSummary;
import org.mozilla.balrog.logs.metrics.PopulationRolling;
import org.mozilla.balrog.logs.metrics.ReleaseActivity;
import org.mozilla.balrog.logs.metrics.RequestRates;
import org.mozilla.balrog.logs.metrics.UpdatePopulation;
import org.mozilla.balrog.logs.metrics.UpdateRequests;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.model.SideBySide;
import org.mozilla.balrog.logs.model.SourceCounts;
import org.mozilla.balrog.logs.sink.OutputLock;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SessionSettings;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.ElbPass;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.InputReadException;
import org.mozilla.balrog.logs.source.NoInputException;
import org.mozilla.balrog.logs.source.ScanProgress;
import org.mozilla.balrog.logs.source.SourceLocations;

/**
 * {@code daily}: for each date, every summary table's partition of that date, replacing exactly
 * that partition. Reads each input file of the date once: the nginx and syslog files through their
 * parsers into narrow kept scans ({@link DayScans}), the ELB files in one pass ({@link ElbDay},
 * {@link ElbPass}) whose scan tasks tally, mostly straight from the lines' bytes, the audit, the
 * population's cells, the 5-minute request buckets and the minutes of the day's deploy windows (the
 * deploy analysis starts that pass once it knows its windows). Only those tallies leave the tasks;
 * no ELB line is kept. The writes start as soon as the pass is read, beside the rest of the deploy
 * analysis; only the deploys' own tables wait for it.
 *
 * <p>One writer per output date: each date's scan and writes happen under its {@link OutputLock}
 * ({@code OUTPUT/_locks/log_date=D.lock}); a date another run holds fails the run with {@link
 * org.mozilla.balrog.logs.sink.OutputLockedException} before anything of it is read or written.
 */
public final class DailyJob {
  /** The command named as a lock's owner. */
  static final String COMMAND = "daily";

  /** Seconds between progress lines on long runs. */
  static final long PROGRESS_SECONDS = 15;

  private DailyJob() {}

  /**
   * @param lgK HLL precision of the client sketches
   * @param minClients cells with fewer clients fold into version {@code other}
   * @param maxRejectRatio above this rejected/lines ratio for any source the run still writes, then
   *     reports it
   * @param declared declared deploys; each date's {@code deploys} holds those that started that day
   *     and the detected ones
   * @param deploySettings deploy detection and verdict settings
   * @param maxDamagedFiles above this many damaged files in a day the run still writes, then
   *     reports it
   * @param requiredSources sources that must have files for a date: without them nothing is written
   *     for it
   * @param lock how the lock of each output date is judged: when a lock is stale, and whether to
   *     break one
   */
  public record Options(
      LocalDate from,
      LocalDate to,
      int lgK,
      long minClients,
      double maxRejectRatio,
      List<DeclaredDeploy> declared,
      ImpactSettings deploySettings,
      long maxDamagedFiles,
      Set<LogSource> requiredSources,
      OutputLock.Policy lock) {
    /**
     * No declared deploys, default deploy settings, no damaged file allowed, no source required.
     */
    public Options(LocalDate from, LocalDate to, int lgK, long minClients, double maxRejectRatio) {
      this(from, to, lgK, minClients, maxRejectRatio, List.of(), ImpactSettings.from(Map.of()));
    }

    /** No damaged file allowed, no source required. */
    public Options(
        LocalDate from,
        LocalDate to,
        int lgK,
        long minClients,
        double maxRejectRatio,
        List<DeclaredDeploy> declared,
        ImpactSettings deploySettings) {
      this(from, to, lgK, minClients, maxRejectRatio, declared, deploySettings, 0, Set.of());
    }

    /** The default lock policy: a stale lock is reported, not broken. */
    public Options(
        LocalDate from,
        LocalDate to,
        int lgK,
        long minClients,
        double maxRejectRatio,
        List<DeclaredDeploy> declared,
        ImpactSettings deploySettings,
        long maxDamagedFiles,
        Set<LogSource> requiredSources) {
      this(
          from,
          to,
          lgK,
          minClients,
          maxRejectRatio,
          declared,
          deploySettings,
          maxDamagedFiles,
          requiredSources,
          OutputLock.Policy.DEFAULT);
    }

    public Options {
      declared = List.copyOf(declared);
      requiredSources =
          requiredSources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requiredSources));
      if (maxDamagedFiles < 0) {
        throw new IllegalArgumentException(
            "--max-damaged-files must not be negative: " + maxDamagedFiles);
      }
      java.util.Objects.requireNonNull(deploySettings, "deploySettings");
      java.util.Objects.requireNonNull(lock, "lock");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("--to " + to + " is before --from " + from);
      }
      if (minClients < 1) {
        throw new IllegalArgumentException(
            "population.min-clients must be at least 1: " + minClients);
      }
      if (!(maxRejectRatio >= 0 && maxRejectRatio <= 1)) {
        throw new IllegalArgumentException(
            "--max-reject-ratio must be between 0 and 1: " + maxRejectRatio);
      }
    }
  }

  /**
   * What one date's run did.
   *
   * @param noInput null when the date's partitions were written; otherwise why nothing was written
   *     (no file for the date, or a required source without files)
   */
  public record DayResult(
      LocalDate day,
      String runId,
      Map<String, Long> rowsWritten,
      List<SourceCounts> sources,
      double maxRejectRatio,
      long maxDamagedFiles,
      String noInput,
      Instant startedAt,
      Instant finishedAt) {
    /** Sources whose rejected-line ratio is over the threshold. */
    public List<SourceCounts> overThreshold() {
      return sources.stream().filter(s -> s.rejectRatio() > maxRejectRatio).toList();
    }

    /** Damaged files of the day, over every source. */
    public long damagedFiles() {
      return sources.stream().mapToLong(SourceCounts::damagedFiles).sum();
    }

    /**
     * True when the day had more damaged files than allowed (its partitions were written anyway).
     */
    public boolean tooManyDamaged() {
      return damagedFiles() > maxDamagedFiles;
    }
  }

  public static List<DayResult> run(
      SparkSession spark, JobConfig cfg, Options o, PrintStream progress) {
    if (cfg.output() == null) {
      throw new IllegalArgumentException("daily needs --output ROOT");
    }
    if (cfg.input() == null
        && !SourceLocations.from(spark.sparkContext().hadoopConfiguration()).coversAll()) {
      throw new IllegalArgumentException(
          "daily needs --input ROOT (or a source.<id>.location for every source)");
    }
    if (cfg.input() != null) {
      requireInputRoot(spark, cfg.input());
    }
    List<DayResult> results = new ArrayList<>();
    for (LocalDate day = o.from(); !day.isAfter(o.to()); day = day.plusDays(1)) {
      results.add(runDay(spark, cfg, o, day, progress));
    }
    return results;
  }

  private static DayResult runDay(
      SparkSession spark, JobConfig cfg, Options o, LocalDate day, PrintStream progress) {
    Instant started = Instant.now();
    String runId = "daily-" + day + "-" + UUID.randomUUID();
    InputDiscovery discovery = new InputDiscovery(spark.sparkContext().hadoopConfiguration());
    Map<LogSource, List<InputFile>> files =
        discovery.discover(cfg.input(), EnumSet.allOf(LogSource.class), day, day);
    long totalFiles = files.values().stream().mapToLong(List::size).sum();
    progress.printf(Locale.ROOT, "%s: %d files under %s%n", day, totalFiles, inputs(spark, cfg));
    discovery
        .skipped()
        .forEach(w -> progress.printf(Locale.ROOT, "%s: WARNING: skipped %s%n", day, w));
    List<String> missing = new ArrayList<>();
    List<String> missingRequired = new ArrayList<>();
    for (LogSource s : LogSource.values()) {
      if (files.getOrDefault(s, List.of()).isEmpty()) {
        missing.add(s.id());
        if (o.requiredSources().contains(s)) {
          missingRequired.add(s.id());
        }
      }
    }
    String noInput =
        totalFiles == 0
            ? "no input file for " + day + " under " + inputs(spark, cfg)
            : missingRequired.isEmpty()
                ? null
                : "no file for the required sources " + String.join(", ", missingRequired);
    if (noInput != null) {
      progress.printf(Locale.ROOT, "%s: %s: nothing was written for this date%n", day, noInput);
      return new DayResult(
          day,
          runId,
          Map.of(),
          List.of(),
          o.maxRejectRatio(),
          o.maxDamagedFiles(),
          noInput,
          started,
          Instant.now());
    }
    if (!missing.isEmpty()) {
      progress.printf(
          Locale.ROOT,
          "%s: WARNING: no files for %s while other sources delivered (%s shows"
              + " 0 files; --require-sources makes this fatal)%n",
          day,
          String.join(", ", missing),
          SummaryTables.INGEST_AUDIT.name());
    }
    // one writer per output date: taken before the scan, so a second run stops before it reads
    // anything
    try (OutputLock lock =
        OutputLock.acquire(
            spark.sparkContext().hadoopConfiguration(),
            cfg.output(),
            day,
            OutputLock.Owner.current(COMMAND, runId),
            o.lock(),
            progress::println)) {
      // small data for every query of the date: interpreted rather than compiled, one job per
      // query (SmallDaySql)
      Map<String, String> settings =
          new HashMap<>(
              SmallDaySql.forDay(
                  files, spark.conf()::contains, spark.sparkContext().defaultParallelism()));
      // the writes' Parquet settings for the whole date, so the writes that run side by side
      // (SideBySide) find them set and leave them so
      settings.putAll(PartitionWriter.settings());
      return SessionSettings.with(
          spark,
          settings,
          () -> writeDay(spark, cfg, o, day, files, totalFiles, runId, started, lock, progress));
    }
  }

  /**
   * Scans the day's files and writes every table's partition of {@code day}, holding the date's
   * {@code lock}.
   */
  private static DayResult writeDay(
      SparkSession spark,
      JobConfig cfg,
      Options o,
      LocalDate day,
      Map<LogSource, List<InputFile>> files,
      long totalFiles,
      String runId,
      Instant started,
      OutputLock lock,
      PrintStream progress) {
    ScanProgress scanned = new ScanProgress(spark.sparkContext());
    DateWriter w = new DateWriter(spark, cfg, day, lock);
    DayWrites done;
    try (DayScans scans = scan(spark, day, files, scanned, totalFiles, progress);
        ElbDay elb = new ElbDay(spark, day, files, scanned, totalFiles, progress)) {
      failOnUnreadable(day, scans.counts(), totalFiles);
      Map<LogSource, Dataset<Row>> in = scans.bySource();
      // the deploy analysis (which starts the ELB pass when it knows the minutes of its windows)
      // beside the writes, which start once the pass is read: only the deploys' own two tables
      // wait for the analysis
      CompletableFuture<DeployTables.Tables> deploys = new CompletableFuture<>();
      // once the analysis has ended it asks for no more windows: the writes may read the pass
      deploys.whenComplete((tables, failure) -> elb.windowsSettled(failure != null));
      done =
          SideBySide.both(
                  "daily-" + day,
                  () -> {
                    analyseDeploys(spark, cfg, o, day, in, files, elb, deploys, progress);
                    return null;
                  },
                  () -> writeTables(w, o, scans, elb, in, deploys, totalFiles, progress))
              .second();
    }
    Map<String, Long> written = new LinkedHashMap<>(done.written());
    List<SourceCounts> counts = done.counts();
    Dataset<Row> audit =
        IngestAudit.rows(spark, counts, runId, started, Instant.now(), JobVersion.get());
    w.write(SummaryTables.INGEST_AUDIT, audit, written);
    progress.printf(Locale.ROOT, "%s: wrote %s%n", day, written);
    return new DayResult(
        day,
        runId,
        written,
        counts,
        o.maxRejectRatio(),
        o.maxDamagedFiles(),
        null,
        started,
        Instant.now());
  }

  /**
   * The day's deploy analysis ({@link DeployFiles#forDay}), completing {@code deploys} with its
   * tables, or with its failure, which it rethrows.
   */
  private static void analyseDeploys(
      SparkSession spark,
      JobConfig cfg,
      Options o,
      LocalDate day,
      Map<LogSource, Dataset<Row>> in,
      Map<LogSource, List<InputFile>> files,
      ElbDay elb,
      CompletableFuture<DeployTables.Tables> deploys,
      PrintStream progress) {
    try {
      deploys.complete(
          DeployFiles.forDay(
              spark,
              cfg.input(),
              cfg.output(),
              day,
              o.declared(),
              o.deploySettings(),
              new Prescanned(day, in, files, elb),
              progress::println));
    } catch (RuntimeException | Error e) {
      deploys.completeExceptionally(e);
      throw e;
    }
  }

  /** The audit counts of every source, and the rows written per table, of one date. */
  private record DayWrites(List<SourceCounts> counts, Map<String, Long> written) {}

  /**
   * Every table's partition but {@code ingest_audit}, once the ELB pass is read ({@link
   * ElbDay#afterWindows}) and no input file was unreadable: three chains of writes side by side
   * ({@link SideBySide}): the population's partitions, then the roll-ups that read them back;
   * request rates and errors; activity, then the deploys' tables once {@code deploys} is done. When
   * the deploy analysis failed, writes nothing more (its failure is the run's).
   */
  private static DayWrites writeTables(
      DateWriter w,
      Options o,
      DayScans scans,
      ElbDay elb,
      Map<LogSource, Dataset<Row>> in,
      CompletableFuture<DeployTables.Tables> deploys,
      long totalFiles,
      PrintStream progress) {
    ElbPass.Result pass = elb.afterWindows();
    if (pass == null) {
      return new DayWrites(List.of(), Map.of());
    }
    List<SourceCounts> counts = inSourceOrder(scans.counts(), elb.counts());
    failOnUnreadable(w.day(), counts, totalFiles);
    Map<String, Long> population = new LinkedHashMap<>();
    Map<String, Long> tables = new LinkedHashMap<>();
    Map<String, Long> activity = new LinkedHashMap<>();
    Map<String, Long> rollUps = new LinkedHashMap<>();
    SideBySide.run(
        "daily-" + w.day() + "-writes",
        List.<Supplier<Void>>of(
            () -> {
              writePopulation(w, o, pass, population, rollUps, progress);
              return null;
            },
            () -> {
              writeRatesAndErrors(w, in, pass, tables);
              return null;
            },
            () -> {
              writeActivity(w, in, pass, deploys, activity);
              return null;
            }));
    Map<String, Long> written = new LinkedHashMap<>();
    written.putAll(population);
    written.putAll(tables);
    written.putAll(activity);
    written.putAll(rollUps);
    return new DayWrites(counts, written);
  }

  /**
   * What every partition write of a date needs: the session, the output root, the date and its
   * lock.
   */
  private record DateWriter(SparkSession spark, JobConfig cfg, LocalDate day, OutputLock lock) {
    /**
     * Writes one partition, after checking the date's lock is still this run's, and records its row
     * count (from the written files: the rows are computed once) under the table's name.
     */
    void write(SummaryTable table, Dataset<Row> rows, Map<String, Long> written) {
      lock.ensureHeld(table.name());
      written.put(table.name(), PartitionWriter.write(spark, table, rows, cfg.output(), day));
    }
  }

  /**
   * {@code update_population} and its sketches from the day's pass, then their roll-ups ({@link
   * #writePopulationRollUps}), which read them back.
   */
  private static void writePopulation(
      DateWriter w,
      Options o,
      ElbPass.Result pass,
      Map<String, Long> written,
      Map<String, Long> rollUps,
      PrintStream progress) {
    try (UpdatePopulation.Day population =
        UpdatePopulation.compute(w.spark(), pass.partialCells(), o.lgK(), o.minClients())) {
      w.write(SummaryTables.UPDATE_POPULATION, population.rows(), written);
      w.write(SummaryTables.UPDATE_POPULATION_SKETCHES, population.sketches(), written);
    }
    writePopulationRollUps(w, o, rollUps, progress);
  }

  /**
   * The day's request rates and application errors, from the nginx and syslog scans and the pass.
   */
  private static void writeRatesAndErrors(
      DateWriter w,
      Map<LogSource, Dataset<Row>> in,
      ElbPass.Result pass,
      Map<String, Long> written) {
    w.write(
        SummaryTables.REQUEST_RATES,
        RequestRates.compute(w.spark(), in, pass.buckets(), w.day()),
        written);
    w.write(SummaryTables.APP_ERRORS, AppErrors.compute(w.spark(), in, w.day()), written);
  }

  /**
   * The day's admin and release activity, from the nginx scans and the pass, then its deploys and
   * their impact, once the deploy analysis is done; nothing of those two when it failed (its
   * failure is the run's).
   */
  private static void writeActivity(
      DateWriter w,
      Map<LogSource, Dataset<Row>> in,
      ElbPass.Result pass,
      CompletableFuture<DeployTables.Tables> deploys,
      Map<String, Long> written) {
    w.write(SummaryTables.ADMIN_ACTIVITY, AdminActivity.compute(w.spark(), in, w.day()), written);
    w.write(
        SummaryTables.RELEASE_ACTIVITY,
        ReleaseActivity.compute(w.spark(), in, pass.versionHours(), pass.buckets(), w.day()),
        written);
    DeployTables.Tables analysed;
    try {
      analysed = deploys.join();
    } catch (CompletionException | CancellationException e) {
      return;
    }
    w.write(SummaryTables.DEPLOYS, analysed.deploys(), written);
    w.write(SummaryTables.DEPLOY_IMPACT, analysed.impact(), written);
  }

  /**
   * {@code update_population_rolling} from the stored sketches of the 28 days ending on the date,
   * and {@code update_population_folds} from it and from the date's written {@code
   * update_population}; prints what was folded.
   */
  private static void writePopulationRollUps(
      DateWriter w, Options o, Map<String, Long> written, PrintStream progress) {
    SparkSession spark = w.spark();
    String output = w.cfg().output();
    LocalDate day = w.day();
    SummaryTable store = SummaryTables.UPDATE_POPULATION_SKETCHES;
    Set<LocalDate> present = new TreeSet<>();
    for (LocalDate d =
            day.minusDays(PopulationRolling.WINDOWS.get(PopulationRolling.WINDOWS.size() - 1) - 1L);
        !d.isAfter(day);
        d = d.plusDays(1)) {
      if (PartitionWriter.exists(spark, store, output, d)) {
        present.add(d);
      }
    }
    PopulationRolling.Result rolling =
        PopulationRolling.compute(
            spark, PartitionWriter.read(spark, store, output), day, present, o.minClients());
    w.write(SummaryTables.UPDATE_POPULATION_ROLLING, rolling.rows(), written);
    List<PopulationFoldSummary.Folds> folds = new ArrayList<>();
    folds.add(
        PopulationFoldSummary.daily(
            PartitionWriter.read(spark, SummaryTables.UPDATE_POPULATION, output)
                .where(col(SummaryTable.PARTITION_COLUMN).equalTo(java.sql.Date.valueOf(day)))));
    folds.addAll(PopulationFoldSummary.rolling(rolling.windows()));
    for (PopulationFoldSummary.Folds f : folds) {
      progress.printf(Locale.ROOT, "%s: %s%n", day, f.describe());
    }
    w.write(
        SummaryTables.UPDATE_POPULATION_FOLDS, PopulationFoldSummary.rows(spark, folds), written);
  }

  /**
   * {@code update_population} of {@code day} alone: a pass over the update domains' files ({@link
   * ElbPass}) and the cells' sketches and folds ({@link UpdatePopulation#compute}). What {@code
   * daily} does for this table, without the other tables (for benchmarks). Close the result.
   */
  public static UpdatePopulation.Day population(
      SparkSession spark, Options o, LocalDate day, Map<LogSource, List<InputFile>> files) {
    Map<LogSource, List<InputFile>> update = new EnumMap<>(LogSource.class);
    for (LogSource s : UpdateRequests.DOMAINS) {
      List<InputFile> fs = files.getOrDefault(s, List.of());
      if (!fs.isEmpty()) {
        update.put(s, fs);
      }
    }
    if (update.isEmpty()) {
      return UpdatePopulation.compute(spark, null, o.lgK(), o.minClients());
    }
    ElbPass.Result pass = ElbPass.run(spark, update, day, List.of(), null);
    UpdatePopulation.Day d =
        UpdatePopulation.compute(spark, pass.partialCells(), o.lgK(), o.minClients());
    return d.onClose(pass::close);
  }

  /** The audit counts of every source in source order, from the two lists of them. */
  static List<SourceCounts> inSourceOrder(List<SourceCounts> a, List<SourceCounts> b) {
    Map<String, SourceCounts> byId = new HashMap<>();
    a.forEach(c -> byId.put(c.source(), c));
    b.forEach(c -> byId.put(c.source(), c));
    List<SourceCounts> out = new ArrayList<>();
    for (LogSource s : LogSource.values()) {
      out.add(byId.getOrDefault(s.id(), SourceCounts.empty(s.id())));
    }
    return out;
  }

  /**
   * Scans every source of the day once (see {@link DayScans}), printing progress while the files
   * are read.
   */
  private static DayScans scan(
      SparkSession spark,
      LocalDate day,
      Map<LogSource, List<InputFile>> files,
      ScanProgress scanned,
      long totalFiles,
      PrintStream progress) {
    try (ProgressPrinter p =
        new ProgressPrinter(day.toString(), scanned, totalFiles, progress, PROGRESS_SECONDS)) {
      return DayScans.scan(spark, files, scanned, progress);
    }
  }

  /**
   * Throws {@link InputReadException} when any source of {@code counts} had files that could not be
   * opened or read, naming the first: called before anything of the day is written.
   */
  static void failOnUnreadable(LocalDate day, List<SourceCounts> counts, long totalFiles) {
    long unreadable = counts.stream().mapToLong(SourceCounts::unreadableFiles).sum();
    if (unreadable == 0) {
      return;
    }
    List<String> named = new ArrayList<>();
    for (SourceCounts c : counts) {
      for (String p : c.problems()) {
        int at = p.indexOf(": " + ScanRow.UNREADABLE);
        if (at >= 0 && named.size() < 3) {
          named.add(
              p.substring(0, at) + " (" + p.substring(at + 2 + ScanRow.UNREADABLE.length()) + ")");
        }
      }
    }
    throw new InputReadException(
        String.format(
            Locale.ROOT,
            "%d of %d input files for %s could not be read, e.g. %s; nothing was written for %s"
                + " (fix access and rerun)",
            unreadable,
            totalFiles,
            day,
            String.join("; ", named),
            day));
  }

  /**
   * Where the inputs are, for messages: the input root, and the sources read from a location of
   * their own.
   */
  private static String inputs(SparkSession spark, JobConfig cfg) {
    SourceLocations locations = SourceLocations.from(spark.sparkContext().hadoopConfiguration());
    List<String> own = new ArrayList<>();
    for (LogSource s : LogSource.values()) {
      locations.template(s).ifPresent(t -> own.add(s.id() + " at " + t));
    }
    String root = cfg.input() == null ? "" : cfg.input();
    return own.isEmpty() ? root : root + (root.isEmpty() ? "" : " and ") + String.join(", ", own);
  }

  private static void requireInputRoot(SparkSession spark, String input) {
    Path root = new Path(input);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        throw new NoInputException("input root does not exist: " + input);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot open input root " + input + ": " + e.getMessage(), e);
    }
  }
}
