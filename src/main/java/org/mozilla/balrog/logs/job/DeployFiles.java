package org.mozilla.balrog.logs.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.mozilla.balrog.logs.deploy.DeclaredDeploy;
import org.mozilla.balrog.logs.deploy.DeployAnalysis;
import org.mozilla.balrog.logs.deploy.DeployInput;
import org.mozilla.balrog.logs.deploy.DeployTables;
import org.mozilla.balrog.logs.deploy.ImpactSettings;
import org.mozilla.balrog.logs.deploy.SourceInput;
import org.mozilla.balrog.logs.model.ElbWindowMinute;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.model.SourceCounts;
import org.mozilla.balrog.logs.model.TimeWindow;
import org.mozilla.balrog.logs.sink.AppErrorsTable;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.ElbPass;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.source.NoInputException;

/**
 * The input of a {@link DeployAnalysis}: finds the files under the input root, scans the nginx and
 * syslog files narrowly (only the columns the analysis reads, persisted until {@link #close}),
 * counts the minutes of the deploy windows in the ELB files whose time range meets a window ({@link
 * ElbFileSelection}, {@link ElbPass}), or takes both from what the caller already read of the day
 * ({@link Prescanned}), and keeps the ledger of what was considered and read. Earlier signatures
 * come from the {@code app_errors} partitions under the output root. Driver only; safe to call from
 * several driver threads (its bookkeeping is under its lock, its Spark jobs are not).
 */
final class DeployFiles implements DeployInput, AutoCloseable {
  private final SparkSession spark;
  private final String input;
  private final String output;
  private final Prescanned prescanned;
  private final InputDiscovery discovery;
  private final InputLedger ledger = new InputLedger();
  private final List<Dataset<Row>> persisted = new ArrayList<>();

  /** Every scan made here with its source, for the line counts. */
  private final List<Map.Entry<LogSource, Dataset<Row>>> scans = new ArrayList<>();

  /** Delivery days of the files read per source. */
  private final Map<LogSource, Set<LocalDate>> readDays = new EnumMap<>(LogSource.class);

  private int filesScanned;
  private int filesPrescanned;

  /**
   * @param output summary-table root whose {@code app_errors} tells which signatures are not new;
   *     may be null
   * @param prescanned the day's scans the caller already has; may be null
   */
  DeployFiles(SparkSession spark, String input, String output, Prescanned prescanned) {
    this.spark = spark;
    this.input = Objects.requireNonNull(input, "input");
    this.output = output;
    this.prescanned = prescanned;
    this.discovery = new InputDiscovery(spark.sparkContext().hadoopConfiguration());
  }

  /**
   * Runs a deploy analysis over the files under {@code input}.
   *
   * @throws NoInputException when {@code o.date()} is given and no source has a file for it
   */
  static DeployAnalysis.Result analyse(
      SparkSession spark,
      String input,
      String output,
      DeployAnalysis.Options o,
      Prescanned prescanned,
      Consumer<String> log) {
    try (DeployFiles files = new DeployFiles(spark, input, output, prescanned)) {
      return DeployAnalysis.run(spark, files, o, log);
    }
  }

  /**
   * The {@code deploys} and {@code deploy_impact} rows of {@code day} for the daily job: its
   * deploys (detected, and declared ones near it) judged on the files their windows need, those of
   * the day taken from {@code prescanned}; none when the day has no input.
   */
  static DeployTables.Tables forDay(
      SparkSession spark,
      String input,
      String output,
      LocalDate day,
      List<DeclaredDeploy> declared,
      ImpactSettings settings,
      Prescanned prescanned,
      Consumer<String> log) {
    DeployAnalysis.Result r;
    try {
      r =
          analyse(
              spark, input, output, DeployTables.options(declared, day, settings), prescanned, log);
    } catch (NoInputException e) {
      log.accept(day + ": no input, no deploys");
      r = DeployTables.none(day);
    }
    return DeployTables.of(spark, day, r);
  }

  @Override
  public synchronized Dataset<Row> scan(LogSource source, LocalDate from, LocalDate to) {
    return scan(source, found(source, from, to));
  }

  @Override
  public List<ElbWindowMinute> elbMinutes(
      LogSource s, LocalDate from, LocalDate to, List<TimeWindow> windows) {
    List<InputFile> files;
    List<InputFile> rest;
    // the bookkeeping under this input's lock, the counting (Spark jobs) outside it, so a scan
    // asked for from another thread meanwhile is not held up
    synchronized (this) {
      files = ElbFileSelection.selectFor(found(s, from, to), windows);
      if (files.isEmpty()) {
        return List.of();
      }
      recordRead(s, files);
      rest = files;
      if (prescanned != null) {
        Set<String> done = prescanned.elb().paths(s);
        rest = files.stream().filter(f -> !done.contains(f.path())).toList();
        filesPrescanned += files.size() - rest.size();
      }
      filesScanned += rest.size();
    }
    List<ElbWindowMinute> out = new ArrayList<>();
    if (rest.size() < files.size()) {
      out.addAll(prescanned.elb().minutes(s, windows));
    }
    if (!rest.isEmpty()) {
      try (ElbPass.Result r = ElbPass.run(spark, Map.of(s, rest), null, windows, null).read()) {
        out.addAll(r.windowMinutes());
        SourceCounts a = r.audit().get(s);
        if (a != null) {
          synchronized (this) {
            ledger.counted(s, a.lines(), a.rejected());
          }
        }
      }
    }
    return out;
  }

  @Override
  public synchronized void requireSomeInput(LocalDate day) {
    Map<LogSource, List<InputFile>> all =
        discovery.discover(input, EnumSet.allOf(LogSource.class), day, day);
    boolean any =
        all.entrySet().stream()
            .anyMatch(e -> e.getValue().stream().anyMatch(f -> !f.folderDate().isAfter(day)));
    if (!any) {
      throw new NoInputException("no log files for " + day + " under " + input);
    }
  }

  @Override
  public synchronized Set<LocalDate> daysRead(LogSource source) {
    return Set.copyOf(readDays.getOrDefault(source, Set.of()));
  }

  @Override
  public List<KnownSignature> knownSignatures(LocalDate from, LocalDate to) {
    if (output == null) {
      return List.of();
    }
    List<KnownSignature> out = new ArrayList<>();
    for (Row r :
        PartitionWriter.read(spark, SummaryTables.APP_ERRORS, output)
            .where(
                col(LogDate.COLUMN).between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to)))
            .select(col(AppErrorsTable.APP), col(AppErrorsTable.SIGNATURE), col(LogDate.COLUMN))
            .distinct()
            .collectAsList()) {
      out.add(new KnownSignature(r.getString(0), r.getString(1), r.getAs(2)));
    }
    return out;
  }

  @Override
  public synchronized void countLines() {
    if (scans.isEmpty()) {
      return;
    }
    Dataset<Row> all = null;
    for (Map.Entry<LogSource, Dataset<Row>> e : scans) {
      Dataset<Row> files =
          e.getValue()
              .where(col(ScanRow.KIND).equalTo(ScanRow.KIND_FILE))
              .select(
                  lit(e.getKey().name()).as("source"), col(ScanRow.LINES), col(ScanRow.REJECTED));
      all = all == null ? files : all.unionByName(files);
    }
    for (Row r :
        all.groupBy(col("source"))
            .agg(sum(col(ScanRow.LINES)), sum(col(ScanRow.REJECTED)))
            .collectAsList()) {
      ledger.counted(LogSource.valueOf(r.getString(0)), r.getLong(1), r.getLong(2));
    }
  }

  @Override
  public synchronized List<SourceInput> summary() {
    return ledger.summary();
  }

  @Override
  public synchronized String filesLine() {
    return String.format(
        Locale.ROOT, "%d files read, %d taken from the day's scans", filesScanned, filesPrescanned);
  }

  @Override
  public synchronized void close() {
    persisted.forEach(Dataset::unpersist);
  }

  private List<InputFile> found(LogSource s, LocalDate from, LocalDate to) {
    List<InputFile> files = discovery.discover(input, List.of(s), from, to).get(s);
    ledger.consider(s, files);
    return files;
  }

  /** Records that {@code files} of {@code s} are read. */
  private void recordRead(LogSource s, List<InputFile> files) {
    ledger.read(s, files);
    files.stream()
        .filter(f -> f.folderDate() != null)
        .forEach(f -> readDays.computeIfAbsent(s, k -> new HashSet<>()).add(f.folderDate()));
  }

  /**
   * The scan rows of {@code files}: the prescanned ones from their scan, the others read here
   * (narrow, persisted); null for no files.
   */
  private Dataset<Row> scan(LogSource s, List<InputFile> files) {
    if (files.isEmpty()) {
      return null;
    }
    recordRead(s, files);
    List<String> needed = new ArrayList<>();
    needed.add(ScanRow.KIND);
    needed.addAll(ScanRow.COUNTS);
    needed.addAll(DeployAnalysis.columns(s.format()));
    needed.add(LogDate.COLUMN);
    Dataset<Row> given = prescanned == null ? null : prescanned.usable(s, files, needed);
    List<InputFile> rest = files;
    if (given != null) {
      Set<String> done = prescanned.paths(s);
      rest = files.stream().filter(f -> !done.contains(f.path())).toList();
      filesPrescanned += files.size() - rest.size();
      given = given.select(needed.stream().map(c -> col(c)).toArray(Column[]::new));
      if (rest.isEmpty()) {
        return given;
      }
    }
    filesScanned += rest.size();
    Dataset<Row> scan =
        LogScan.scan(spark, s.format(), rest)
            .select(needed.stream().map(c -> col(c)).toArray(Column[]::new))
            .persist(StorageLevel.MEMORY_AND_DISK_SER());
    persisted.add(scan);
    scans.add(Map.entry(s, scan));
    return given == null ? scan : given.unionByName(scan);
  }
}
