package org.mozilla.balrog.logs.model;

import java.util.List;

/**
 * The names of a scan's rows (the rows {@code source.LogScan} makes of log files): every line
 * becomes part of an event row ({@link #KIND} = {@link #KIND_EVENT}), a rejection row ({@link
 * #KIND_REJECT}) or is counted in its file's summary row ({@link #KIND_FILE}). Event columns are
 * the raw views' columns; bookkeeping columns start with {@code _}. Producers and consumers of
 * scans (sources, metrics, deploy impact, jobs) name the columns through these constants.
 */
public final class ScanRow {
  private ScanRow() {}

  /** Which kind of row: {@link #KIND_EVENT}, {@link #KIND_REJECT} or {@link #KIND_FILE}. */
  public static final String KIND = "_kind";

  public static final String KIND_EVENT = "e";
  public static final String KIND_REJECT = "r";
  public static final String KIND_FILE = "f";

  /** The file a row came from (as found; redacted where it is shown). */
  public static final String FILE = "_file";

  /** The source table's name. */
  public static final String SOURCE = "_source";

  /** Line number of a rejected line. */
  public static final String LINE = "_line";

  /** Reject reason code of a rejection row. */
  public static final String REASON = "_reason";

  /** Redacted sample of a rejected line (the first few per reason and file). */
  public static final String SAMPLE = "_sample";

  /** File row: lines read. */
  public static final String LINES = "_lines";

  /** File row: lines parsed into events. */
  public static final String PARSED_LINES = "_parsed_lines";

  /** File row: lines rejected. */
  public static final String REJECTED = "_rejected";

  /** File row: events (a multi-line record is one event). */
  public static final String EVENTS = "_events";

  /** File row: bytes read. */
  public static final String BYTES = "_bytes";

  /**
   * File row: what stopped the reading (damaged data), or a failed read, which starts with {@link
   * #UNREADABLE}; null for a file read to its end.
   */
  public static final String DAMAGE = "_damage";

  /**
   * How {@link #DAMAGE} starts for a file that could not be opened or read (permission, a refused
   * or failed storage request, a time-out): a failed read, not damaged data. Runs that write tables
   * fail on it.
   */
  public static final String UNREADABLE = "unreadable: ";

  /** The bookkeeping columns the ingest counts need, besides {@link #KIND}. */
  public static final List<String> COUNTS =
      List.of(REASON, BYTES, LINES, PARSED_LINES, REJECTED, EVENTS, DAMAGE);

  /**
   * The scan-only ELB column (in scans, not in the views): the client fingerprint of {@link
   * #FINGERPRINT_FIELDS}, hashed while the line is parsed, equal to Spark's {@code xxhash64} of
   * those view columns with nulls as empty strings ({@code metrics.ClientFingerprint}).
   */
  public static final String FINGERPRINT = "_fingerprint";

  /**
   * ELB view columns the client fingerprint is made of, in hashing order
   * (docs/design.md#client-fingerprint).
   */
  public static final List<String> FINGERPRINT_FIELDS =
      List.of(
          "request_ip",
          "user_agent",
          "build_target",
          "locale",
          "os_version",
          "distribution",
          "dist_version");
}
