package org.mozilla.balrog.logs.model;

/**
 * The day a log line belongs to, as one name for every place that stores it: the raw-log views'
 * column, the summary tables' partition column ({@code log_date=YYYY-MM-DD} folders), the JSON
 * summaries, the lock record and the generator's manifest.
 */
public final class LogDate {
  /** The column, partition and JSON field name. */
  public static final String COLUMN = "log_date";

  private LogDate() {}
}
