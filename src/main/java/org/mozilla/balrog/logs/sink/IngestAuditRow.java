package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.IngestAuditTable.BYTES;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.DAMAGED_FILES;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.FILES;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.FINISHED_AT;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.JOB_VERSION;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.LINES;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.PARSED;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.REJECTED;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.REJECTED_BY_REASON;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.ROWS;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.RUN_ID;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.SOURCE;
import static org.mozilla.balrog.logs.sink.IngestAuditTable.STARTED_AT;
import static org.mozilla.balrog.logs.sink.RowValues.instant;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.mozilla.balrog.logs.model.SourceCounts;

/**
 * One row of {@code ingest_audit} (see {@link SummaryTables#INGEST_AUDIT} for what each column
 * means); the components are the table's columns in order. {@code rejectedByReason} is sorted by
 * reason.
 */
public record IngestAuditRow(
    String source,
    String runId,
    long files,
    long bytes,
    long lines,
    long parsed,
    long rejected,
    Map<String, Long> rejectedByReason,
    long rows,
    long damagedFiles,
    Instant startedAt,
    Instant finishedAt,
    String jobVersion) {

  public IngestAuditRow {
    Objects.requireNonNull(source, "source");
    rejectedByReason = Collections.unmodifiableMap(new TreeMap<>(rejectedByReason));
  }

  /** Rejected lines as a fraction of lines (0 without lines). */
  public double rejectRatio() {
    return rejectRatio(rejected, lines);
  }

  /** {@link SourceCounts#rejectRatio(long, long)}. */
  public static double rejectRatio(long rejected, long lines) {
    return SourceCounts.rejectRatio(rejected, lines);
  }

  /** The values in the table's column order (for a Spark row). */
  public Object[] values() {
    return new Object[] {
      source,
      runId,
      files,
      bytes,
      lines,
      parsed,
      rejected,
      new TreeMap<>(rejectedByReason),
      rows,
      damagedFiles,
      startedAt,
      finishedAt,
      jobVersion
    };
  }

  /**
   * A row read from the table (by column name; other columns, e.g. the partition, ignored); a null
   * reason map reads as empty, a null count in it as 0.
   */
  public static IngestAuditRow fromRow(Row r) {
    Map<String, Long> reasons = new TreeMap<>();
    int i = r.fieldIndex(REJECTED_BY_REASON);
    if (!r.isNullAt(i)) {
      r.<String, Long>getJavaMap(i).forEach((k, v) -> reasons.put(k, v == null ? 0L : v));
    }
    return new IngestAuditRow(
        r.getAs(SOURCE),
        r.getAs(RUN_ID),
        r.<Long>getAs(FILES),
        r.<Long>getAs(BYTES),
        r.<Long>getAs(LINES),
        r.<Long>getAs(PARSED),
        r.<Long>getAs(REJECTED),
        reasons,
        r.<Long>getAs(ROWS),
        r.<Long>getAs(DAMAGED_FILES),
        instant(r.getAs(STARTED_AT)),
        instant(r.getAs(FINISHED_AT)),
        r.getAs(JOB_VERSION));
  }
}
