package org.mozilla.balrog.logs.bench;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.mozilla.balrog.logs.metrics.IngestAudit;
import org.mozilla.balrog.logs.metrics.IngestAudit.SourceCounts;
import org.mozilla.balrog.logs.metrics.UpdatePopulation;
import org.mozilla.balrog.logs.metrics.UpdateRequests;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.source.ScanProgress;

/**
 * Bench (1): the population part of {@code daily} alone, for one date: discovery of the update domains' files,
 * {@link LogScan#scan}, the narrow projection kept serialized for the audit and the population, {@link
 * IngestAudit#ofScan}, {@link UpdatePopulation#compute} and the Parquet write of {@code update_population}.
 *
 * <p>The calls and their order are {@code DailyJob.scanAndWritePopulation}'s (with the default lgK and
 * min-clients); the ten-column narrow list is repeated here because {@code DailyJob.narrowUpdateScan} is private.
 *
 * <p>{@code --variant scan-twice} measures an alternative to keeping the narrow scan cached: the audit counts from a
 * scan of the bookkeeping columns only, and the population scans the files again for its columns (both pruned).
 * Usage: {@code PopulationPart --input ROOT --date YYYY-MM-DD --output DIR [--variant scan-twice]}.
 */
public final class PopulationPart {
  /** {@code daily}'s default {@code population.min-clients}. */
  private static final long MIN_CLIENTS = 50;

  private PopulationPart() {}

  public static void main(String[] argv) {
    BenchJob.Args a = BenchJob.Args.parse("PopulationPart", argv);
    String output = a.requireOutput("PopulationPart");
    SparkSession spark = BenchJob.session("population-part");
    long start = System.nanoTime();
    Map<LogSource, List<InputFile>> files = BenchJob.updateFiles(spark, a);
    ScanProgress progress = new ScanProgress(spark.sparkContext());
    List<Dataset<Row>> requests = new ArrayList<>();
    List<Dataset<Row>> kept = new ArrayList<>();
    long lines = 0;
    long rejected = 0;
    boolean scanTwice = "scan-twice".equals(a.variant());
    if (a.variant() != null && !scanTwice) {
      throw new IllegalArgumentException("unknown --variant " + a.variant() + " (known: scan-twice)");
    }
    for (Map.Entry<LogSource, List<InputFile>> e : files.entrySet()) {
      LogSource source = e.getKey();
      Dataset<Row> narrow = narrow(LogScan.scan(spark, source.format(), e.getValue(), progress), source);
      SourceCounts c;
      if (scanTwice) {
        c = IngestAudit.ofScan(source.id(), LogScan.scan(spark, source.format(), e.getValue(), progress));
      } else {
        narrow = narrow.persist(StorageLevel.MEMORY_AND_DISK_SER());
        kept.add(narrow);
        c = IngestAudit.ofScan(source.id(), narrow);
      }
      lines += c.lines();
      rejected += c.rejected();
      requests.add(
          narrow
              .where(col(LogScan.KIND).equalTo(LogScan.KIND_EVENT)
                  .and(col("log_date").equalTo(java.sql.Date.valueOf(a.day()))))
              .where(UpdateRequests.isUpdate())
              .select(UpdateRequests.NAMES.stream().map(n -> col(n)).toArray(Column[]::new)));
    }
    Dataset<Row> population =
        UpdatePopulation.compute(
                requests.stream().reduce(Dataset::unionByName).orElseThrow(), Sketches.DEFAULT_LG_K, MIN_CLIENTS)
            .persist(StorageLevel.MEMORY_AND_DISK());
    long rows = population.count();
    PartitionWriter.write(spark, SummaryTables.UPDATE_POPULATION, population, output, a.day());
    population.unpersist();
    kept.forEach(Dataset::unpersist);
    BenchJob.report(scanTwice ? "population_part_scan_twice" : "population_part", start, "lines", Long.toString(lines), "rejected", Long.toString(rejected),
        "rows", Long.toString(rows));
    spark.stop();
  }

  private static Dataset<Row> narrow(Dataset<Row> scan, LogSource source) {
    List<Column> cols = new ArrayList<>();
    for (String c :
        List.of(LogScan.KIND, "_reason", "_bytes", "_lines", "_parsed_lines", "_rejected", "_events", "_damage",
            "log_date", "endpoint")) {
      cols.add(col(c));
    }
    cols.addAll(List.of(UpdateRequests.columns(source.id())));
    return scan.select(cols.toArray(Column[]::new));
  }
}
