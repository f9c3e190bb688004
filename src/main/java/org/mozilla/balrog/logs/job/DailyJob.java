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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.mozilla.balrog.logs.metrics.IngestAudit;
import org.mozilla.balrog.logs.metrics.IngestAudit.SourceCounts;
import org.mozilla.balrog.logs.metrics.PopulationRolling;
import org.mozilla.balrog.logs.metrics.UpdatePopulation;
import org.mozilla.balrog.logs.metrics.UpdateRequests;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.source.NoInputException;
import org.mozilla.balrog.logs.source.ScanProgress;

/**
 * {@code daily}: for each date, every summary table's partition of that date, replacing exactly that partition.
 * Reads each input file once per date: the ELB scans of the update domains are kept (serialized, without raw
 * addresses) for both the audit and the population.
 */
public final class DailyJob {
  private static final Set<LogSource> UPDATE_DOMAINS = EnumSet.of(LogSource.AUS3, LogSource.AUS4, LogSource.AUS5);

  /** Seconds between progress lines on long runs. */
  static final long PROGRESS_SECONDS = 15;

  private DailyJob() {}

  /**
   * @param lgK HLL precision of the client sketches
   * @param minClients cells with fewer clients fold into version {@code other}
   * @param maxRejectRatio above this rejected/lines ratio for any source the run still writes, then reports it
   */
  public record Options(LocalDate from, LocalDate to, int lgK, long minClients, double maxRejectRatio) {
    public Options {
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
    ScanProgress scanned = new ScanProgress(spark.sparkContext());
    List<SourceCounts> counts;
    try (ProgressPrinter p = new ProgressPrinter(day.toString(), scanned, totalFiles, progress, PROGRESS_SECONDS)) {
      counts = scanAndWritePopulation(spark, cfg, o, day, files, scanned, progress, written);
    }
    Dataset<Row> stored = PartitionWriter.read(spark, SummaryTables.UPDATE_POPULATION, cfg.output());
    Set<LocalDate> present = new TreeSet<>();
    for (LocalDate d = day.minusDays(27); !d.isAfter(day); d = d.plusDays(1)) {
      if (PartitionWriter.exists(spark, SummaryTables.UPDATE_POPULATION, cfg.output(), d)) {
        present.add(d);
      }
    }
    written.put(
        SummaryTables.UPDATE_POPULATION_ROLLING.name(),
        write(spark, cfg, SummaryTables.UPDATE_POPULATION_ROLLING,
            PopulationRolling.compute(stored, day, present, o.minClients()), day));
    Dataset<Row> audit = IngestAudit.rows(spark, counts, runId, started, Instant.now(), JobVersion.get());
    written.put(SummaryTables.INGEST_AUDIT.name(), write(spark, cfg, SummaryTables.INGEST_AUDIT, audit, day));
    progress.printf(Locale.ROOT, "%s: wrote %s%n", day, written);
    return new DayResult(day, runId, written, counts, o.maxRejectRatio(), started, Instant.now());
  }

  /**
   * Scans every source once: counts each for the audit, and computes and writes update_population from the update
   * domains' requests of {@code day}. Returns the counts in source order.
   */
  private static List<SourceCounts> scanAndWritePopulation(
      SparkSession spark,
      JobConfig cfg,
      Options o,
      LocalDate day,
      Map<LogSource, List<InputFile>> files,
      ScanProgress scanned,
      PrintStream progress,
      Map<String, Long> written) {
    List<SourceCounts> counts = new ArrayList<>();
    List<Dataset<Row>> requests = new ArrayList<>();
    List<Dataset<Row>> kept = new ArrayList<>();
    try {
      for (LogSource source : LogSource.values()) {
        List<InputFile> fs = files.get(source);
        SourceCounts c;
        if (fs.isEmpty()) {
          c = SourceCounts.empty(source.id());
        } else if (UPDATE_DOMAINS.contains(source)) {
          Dataset<Row> narrow =
              narrowUpdateScan(LogScan.scan(spark, source.format(), fs, scanned), source)
                  .persist(StorageLevel.MEMORY_AND_DISK_SER());
          kept.add(narrow);
          c = IngestAudit.ofScan(source.id(), narrow);
          requests.add(
              narrow
                  .where(col(LogScan.KIND).equalTo(LogScan.KIND_EVENT).and(col("log_date").equalTo(sqlDate(day))))
                  .where(UpdateRequests.isUpdate())
                  .select(UpdateRequests.NAMES.stream().map(n -> col(n)).toArray(Column[]::new)));
        } else {
          c = IngestAudit.ofScan(source.id(), LogScan.scan(spark, source.format(), fs, scanned));
        }
        counts.add(c);
        progress.printf(
            Locale.ROOT,
            "  %-18s %5d files %,14d lines %,12d rejected%n",
            source.id(),
            c.files(),
            c.lines(),
            c.rejected());
      }
      Dataset<Row> population =
          requests.isEmpty()
              ? spark.createDataFrame(List.of(), SparkSchemas.structType(SummaryTables.UPDATE_POPULATION))
              : UpdatePopulation.compute(
                  requests.stream().reduce(Dataset::unionByName).orElseThrow(), o.lgK(), o.minClients());
      written.put(
          SummaryTables.UPDATE_POPULATION.name(),
          write(spark, cfg, SummaryTables.UPDATE_POPULATION, population, day));
    } finally {
      kept.forEach(Dataset::unpersist);
    }
    return counts;
  }

  /** Bookkeeping columns, the date and endpoint, and the population columns (fingerprint instead of raw fields). */
  private static Dataset<Row> narrowUpdateScan(Dataset<Row> scan, LogSource source) {
    List<Column> cols = new ArrayList<>();
    for (String c :
        List.of(LogScan.KIND, "_reason", "_bytes", "_lines", "_parsed_lines", "_rejected", "_events", "_damage",
            "log_date", "endpoint")) {
      cols.add(col(c));
    }
    cols.addAll(List.of(UpdateRequests.columns(source.id())));
    return scan.select(cols.toArray(Column[]::new));
  }

  /** Writes one partition and returns its row count (rows are cached for the count and the write). */
  private static long write(SparkSession spark, JobConfig cfg, SummaryTable table, Dataset<Row> rows, LocalDate day) {
    Dataset<Row> cached = rows.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long n = cached.count();
      PartitionWriter.write(spark, table, cached, cfg.output(), day);
      return n;
    } finally {
      cached.unpersist();
    }
  }

  private static java.sql.Date sqlDate(LocalDate d) {
    return java.sql.Date.valueOf(d);
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
