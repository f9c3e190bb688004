package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.sink.IngestAuditRow;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * {@code ingest_audit}: per source, what a run read: files, bytes, lines, parsed and rejected lines
 * (by reason), rows and damaged files. Counted from the scan's file and rejection rows in one small
 * aggregation per source.
 */
public final class IngestAudit {
  private IngestAudit() {}

  /** How many damaged or unreadable files a {@link SourceCounts} names (the first, by path). */
  public static final int NAMED_FILES = 5;

  /**
   * The counts of one source. {@code parsed + rejected = lines}. {@code damagedFiles} counts files
   * whose data was damaged (their lines before the damage are counted), {@code unreadableFiles}
   * files that could not be opened or read at all; {@code problems} names the first of both (path
   * and what happened).
   */
  public record SourceCounts(
      String source,
      long files,
      long bytes,
      long lines,
      long parsed,
      long rejected,
      Map<String, Long> rejectedByReason,
      long rows,
      long damagedFiles,
      long unreadableFiles,
      List<String> problems) {

    public SourceCounts {
      problems = List.copyOf(problems);
    }

    /** Counts without failed reads. */
    public SourceCounts(
        String source,
        long files,
        long bytes,
        long lines,
        long parsed,
        long rejected,
        Map<String, Long> rejectedByReason,
        long rows,
        long damagedFiles) {
      this(
          source,
          files,
          bytes,
          lines,
          parsed,
          rejected,
          rejectedByReason,
          rows,
          damagedFiles,
          0,
          List.of());
    }

    public double rejectRatio() {
      return IngestAuditRow.rejectRatio(rejected, lines);
    }

    /** The {@code ingest_audit} row of these counts in a run. */
    public IngestAuditRow row(String runId, Instant started, Instant finished, String version) {
      return new IngestAuditRow(
          source,
          runId,
          files,
          bytes,
          lines,
          parsed,
          rejected,
          rejectedByReason,
          rows,
          damagedFiles,
          started,
          finished,
          version);
    }

    public static SourceCounts empty(String source) {
      return new SourceCounts(source, 0, 0, 0, 0, 0, Map.of(), 0, 0);
    }
  }

  /** Counts a scan (see {@code source.LogScan}); one Spark action over the non-event rows. */
  public static SourceCounts ofScan(String source, Dataset<Row> scan) {
    Column unreadable = coalesce(col(ScanRow.DAMAGE).startsWith(ScanRow.UNREADABLE), lit(false));
    List<Row> rows =
        scan.where(col(ScanRow.KIND).notEqual(ScanRow.KIND_EVENT))
            .groupBy(col(ScanRow.KIND), col(ScanRow.REASON))
            .agg(
                count(lit(1)).as("n"),
                sum(ScanRow.BYTES).as("bytes"),
                sum(ScanRow.LINES).as("lines"),
                sum(ScanRow.PARSED_LINES).as("parsed"),
                sum(ScanRow.REJECTED).as("rejected"),
                sum(ScanRow.EVENTS).as("events"),
                sum(when(col(ScanRow.DAMAGE).isNotNull().and(not(unreadable)), 1L).otherwise(0L))
                    .as("damaged"),
                sum(when(unreadable, 1L).otherwise(0L)).as("unreadable"),
                expr("slice(sort_array(collect_list(CASE WHEN "
                        + ScanRow.DAMAGE
                        + " IS NOT NULL THEN concat("
                        + ScanRow.FILE
                        + ", ': ', "
                        + ScanRow.DAMAGE
                        + ") END)), 1, "
                        + NAMED_FILES
                        + ")")
                    .as("problems"))
            .collectAsList();
    long files = 0;
    long bytes = 0;
    long lines = 0;
    long parsed = 0;
    long rejected = 0;
    long events = 0;
    long damaged = 0;
    long unreadableFiles = 0;
    List<String> problems = new ArrayList<>();
    Map<String, Long> reasons = new TreeMap<>();
    for (Row r : rows) {
      if (ScanRow.KIND_FILE.equals(r.getString(0))) {
        files += r.getLong(2);
        bytes += r.getLong(3);
        lines += r.getLong(4);
        parsed += r.getLong(5);
        rejected += r.getLong(6);
        events += r.getLong(7);
        damaged += r.getLong(8);
        unreadableFiles += r.getLong(9);
        problems.addAll(r.getList(10));
      } else {
        reasons.merge(r.getString(1), r.getLong(2), Long::sum);
      }
    }
    return new SourceCounts(
        source,
        files,
        bytes,
        lines,
        parsed,
        rejected,
        reasons,
        events,
        damaged,
        unreadableFiles,
        problems.stream().sorted().limit(NAMED_FILES).toList());
  }

  /** The audit rows of one run, in {@link SummaryTables#INGEST_AUDIT} column order. Driver only. */
  public static Dataset<Row> rows(
      SparkSession spark,
      List<SourceCounts> counts,
      String runId,
      Instant started,
      Instant finished,
      String version) {
    List<Row> rows = new ArrayList<>();
    for (SourceCounts c : counts) {
      rows.add(RowFactory.create(c.row(runId, started, finished, version).values()));
    }
    return spark.createDataFrame(rows, SparkSchemas.structType(SummaryTables.INGEST_AUDIT));
  }
}
