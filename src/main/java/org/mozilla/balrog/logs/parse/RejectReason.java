package org.mozilla.balrog.logs.parse;

/**
 * Why a physical line was not turned into an event. Every input line is either parsed or counted
 * under exactly one of these; the snake_case {@link #code()} is what reports and the ingest audit
 * show.
 */
public enum RejectReason {
  /** Empty or whitespace-only line. */
  EMPTY_LINE,
  /** Longer than the reader's line limit (binary garbage without newlines, runaway lines). */
  LINE_TOO_LONG,
  /** Fewer space-separated fields than the format requires. */
  TOO_FEW_FIELDS,
  /** A double-quoted field is not closed. */
  UNTERMINATED_QUOTE,
  /** The timestamp field is not in the format's timestamp syntax. */
  BAD_TIMESTAMP,
  /** A numeric field (time, status, bytes, port) is not a number or its `-`/`-1` placeholder. */
  BAD_NUMBER,
  /** An address:port field cannot be split. */
  BAD_ADDRESS,
  /** The quoted request line is not `METHOD URL PROTOCOL` (nor the TCP `- - - `). */
  BAD_REQUEST_LINE,
  /**
   * The line does not start like any variant of the format (e.g. no syslog header, wrong leading
   * token).
   */
  UNRECOGNIZED_FORMAT,
  /**
   * A well-formed record that carries no time (RFC 5424 allows the NILVALUE {@code -} as
   * TIMESTAMP). Every event needs one: it decides the event's day.
   */
  NO_TIMESTAMP,
  /**
   * RFC 5424 STRUCTURED-DATA that breaks its grammar (6.3): an empty or over-long SD-ID or
   * PARAM-NAME, a repeated SD-ID, a PARAM-VALUE with an unescaped {@code ]} or text right after its
   * closing quote.
   */
  BAD_STRUCTURED_DATA,
  /**
   * Text that the format says is UTF-8 is not: an RFC 5424 MSG that starts with a BOM (6.4) holds
   * byte sequences that are not UTF-8 (read as U+FFFD).
   */
  BAD_ENCODING;

  /** Lower-case code used in outputs, e.g. {@code too_few_fields}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
