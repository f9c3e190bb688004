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
import org.mozilla.balrog.logs.model.SourceCounts;
import org.mozilla.balrog.logs.sink.IngestAuditRow;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * {@code ingest_audit}: per source, what a run read: files, bytes, lines, parsed and rejected lines
 * (by reason), rows and damaged files. Counted from the scans' file and rejection rows in one small
 * aggregation.
 */
public final class IngestAudit {
  private IngestAudit() {}

  /** How many damaged or unreadable files a {@link SourceCounts} names (the first, by path). */
  public static final int NAMED_FILES = 5;

  /** The {@code ingest_audit} row of {@code c} in a run. */
  public static IngestAuditRow row(
      SourceCounts c, String runId, Instant started, Instant finished, String version) {
    return new IngestAuditRow(
        c.source(),
        runId,
        c.files(),
        c.bytes(),
        c.lines(),
        c.parsed(),
        c.rejected(),
        c.rejectedByReason(),
        c.rows(),
        c.damagedFiles(),
        started,
        finished,
        version);
  }

  /** Counts a scan (see {@code source.LogScan}); one Spark action over the non-event rows. */
  public static SourceCounts ofScan(String source, Dataset<Row> scan) {
    return ofScans(Map.of(source, scan)).get(source);
  }

  /**
   * Counts the scans of several sources (source id to its scan rows, each with at least {@link
   * ScanProjection#AUDIT_COLUMNS}) in one Spark action over their non-event rows, so a day's small
   * sources are read and persisted together rather than in one job after another.
   */
  public static Map<String, SourceCounts> ofScans(Map<String, Dataset<Row>> scans) {
    Dataset<Row> all = null;
    for (Map.Entry<String, Dataset<Row>> e : scans.entrySet()) {
      List<Column> cols = new ArrayList<>();
      cols.add(lit(e.getKey()).as(SOURCE));
      ScanProjection.AUDIT_COLUMNS.forEach(c -> cols.add(col(c)));
      Dataset<Row> audit =
          e.getValue()
              .where(col(ScanRow.KIND).notEqual(ScanRow.KIND_EVENT))
              .select(cols.toArray(Column[]::new));
      all = all == null ? audit : all.unionByName(audit);
    }
    Map<String, SourceCounts> out = new TreeMap<>();
    if (all == null) {
      return out;
    }
    Column unreadable = coalesce(col(ScanRow.DAMAGE).startsWith(ScanRow.UNREADABLE), lit(false));
    List<Row> rows =
        all.groupBy(col(SOURCE), col(ScanRow.KIND), col(ScanRow.REASON))
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
    Map<String, List<Row>> bySource = new TreeMap<>();
    scans.keySet().forEach(source -> bySource.put(source, new ArrayList<>()));
    rows.forEach(r -> bySource.get(r.getString(0)).add(r));
    bySource.forEach((source, rs) -> out.put(source, counts(source, rs)));
    return out;
  }

  /** The name of the source column of {@link #ofScans}' union. */
  private static final String SOURCE = "_audit_source";

  /** Folds one source's rows of {@link #ofScans}' aggregation (source, kind, reason, sums). */
  private static SourceCounts counts(String source, List<Row> rows) {
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
      if (ScanRow.KIND_FILE.equals(r.getString(1))) {
        files += r.getLong(3);
        bytes += r.getLong(4);
        lines += r.getLong(5);
        parsed += r.getLong(6);
        rejected += r.getLong(7);
        events += r.getLong(8);
        damaged += r.getLong(9);
        unreadableFiles += r.getLong(10);
        problems.addAll(r.getList(11));
      } else {
        reasons.merge(r.getString(2), r.getLong(3), Long::sum);
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
      rows.add(RowFactory.create(row(c, runId, started, finished, version).values()));
    }
    return spark.createDataFrame(rows, SparkSchemas.structType(SummaryTables.INGEST_AUDIT));
  }
}
