package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.MAP_STRING_BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;
import static org.mozilla.balrog.logs.sink.ColumnType.TIMESTAMP;

import java.util.List;

/**
 * The columns of {@code ingest_audit} by name, in table order; {@link SummaryTables#INGEST_AUDIT}
 * is built from them. Code that names a column of this table uses these constants.
 */
public final class IngestAuditTable {
  private IngestAuditTable() {}

  public static final String SOURCE = "source";
  public static final String RUN_ID = "run_id";
  public static final String FILES = "files";
  public static final String BYTES = "bytes";
  public static final String LINES = "lines";
  public static final String PARSED = "parsed";
  public static final String REJECTED = "rejected";
  public static final String REJECTED_BY_REASON = "rejected_by_reason";
  public static final String ROWS = "rows";
  public static final String DAMAGED_FILES = "damaged_files";
  public static final String STARTED_AT = "started_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String JOB_VERSION = "job_version";

  static final SummaryTable TABLE =
      new SummaryTable(
          "ingest_audit",
          "What each run read per source: files, lines, parsed and rejected lines by reason.",
          List.of(
              required(SOURCE, STRING, "Input table id (aus5, syslog_web...)"),
              required(RUN_ID, STRING, "Identifier of the run that wrote this partition"),
              required(FILES, BIGINT, "Files read"),
              required(BYTES, BIGINT, "Bytes on storage of those files"),
              required(LINES, BIGINT, "Physical lines read"),
              required(PARSED, BIGINT, "Lines that became (part of) a row"),
              required(REJECTED, BIGINT, "Lines rejected; parsed + rejected = lines"),
              required(REJECTED_BY_REASON, MAP_STRING_BIGINT, "Rejected lines per reason code"),
              required(ROWS, BIGINT, "Rows produced (a multi-line traceback is one row)"),
              required(
                  DAMAGED_FILES, BIGINT, "Files whose reading stopped early (e.g. truncated gzip)"),
              required(STARTED_AT, TIMESTAMP, "When the run started (UTC)"),
              required(FINISHED_AT, TIMESTAMP, "When the run finished (UTC)"),
              required(JOB_VERSION, STRING, "balrog-logs version that wrote the row")));
}
