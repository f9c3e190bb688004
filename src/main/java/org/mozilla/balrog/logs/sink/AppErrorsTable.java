package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.optional;
import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;
import static org.mozilla.balrog.logs.sink.ColumnType.TIMESTAMP;

import java.util.List;

/**
 * The columns of {@code app_errors} by name, in table order; {@link SummaryTables#APP_ERRORS} is
 * built from them. Code that names a column of this table uses these constants.
 */
public final class AppErrorsTable {
  private AppErrorsTable() {}

  public static final String BUCKET_START = "bucket_start";
  public static final String APP = "app";
  public static final String SIGNATURE = "signature";
  public static final String SEVERITY = "severity";
  public static final String LOGGER = "logger";
  public static final String EXCEPTION_TYPE = "exception_type";
  public static final String EVENTS = "events";
  public static final String HOSTS = "hosts";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";
  public static final String SAMPLE = "sample";

  static final SummaryTable TABLE =
      new SummaryTable(
          "app_errors",
          "Application errors per hour x app x signature. A signature is stable across hosts, line"
              + " numbers, ids, numbers and addresses.",
          List.of(
              required(BUCKET_START, TIMESTAMP, "Start of the hour (UTC)"),
              required(
                  APP,
                  STRING,
                  "admin, agent, web (application syslog) or admin-nginx (nginx error log)"),
              required(
                  SIGNATURE,
                  STRING,
                  "Stable error signature, e.g. 'KeyError @ auslib/blobs/apprelease.py:"
                      + "_getPartialsXML' or a normalized nginx message"),
              required(
                  SEVERITY,
                  STRING,
                  "Highest level seen in the hour: ERROR or CRITICAL (app); EMERG, ALERT,"
                      + " CRITICAL (crit) or ERROR (nginx; warn lines are not errors)"),
              optional(
                  LOGGER,
                  STRING,
                  "Python logger name when known (JSON Type, or the LEVEL:logger: prefix of a"
                      + " stderr line), 'uwsgi' for uWSGI lines; null for stderr tracebacks and"
                      + " nginx"),
              optional(
                  EXCEPTION_TYPE, STRING, "Exception class when the error carries a traceback"),
              required(EVENTS, BIGINT, "Error events (a multi-line traceback is one event)"),
              required(
                  HOSTS,
                  BIGINT,
                  "Distinct hosts that logged it in the hour (syslog hostname; nginx: the"
                      + " server name)"),
              required(FIRST_SEEN, TIMESTAMP, "First event in the hour (UTC)"),
              required(LAST_SEEN, TIMESTAMP, "Last event in the hour (UTC)"),
              required(
                  SAMPLE,
                  STRING,
                  "One message, IP addresses redacted, truncated to 500 characters")));
}
