package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.mozilla.balrog.logs.sink.AppErrorsTable.APP;
import static org.mozilla.balrog.logs.sink.AppErrorsTable.BUCKET_START;
import static org.mozilla.balrog.logs.sink.AppErrorsTable.EVENTS;
import static org.mozilla.balrog.logs.sink.AppErrorsTable.EXCEPTION_TYPE;
import static org.mozilla.balrog.logs.sink.AppErrorsTable.FIRST_SEEN;
import static org.mozilla.balrog.logs.sink.AppErrorsTable.HOSTS;
import static org.mozilla.balrog.logs.sink.AppErrorsTable.LAST_SEEN;
import static org.mozilla.balrog.logs.sink.AppErrorsTable.LOGGER;
import static org.mozilla.balrog.logs.sink.AppErrorsTable.SAMPLE;
import static org.mozilla.balrog.logs.sink.AppErrorsTable.SEVERITY;
import static org.mozilla.balrog.logs.sink.AppErrorsTable.SIGNATURE;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mozilla.balrog.logs.metrics.errors.ErrorEvent;
import org.mozilla.balrog.logs.metrics.errors.Severity;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * {@code app_errors}: application and admin-nginx errors per hour x app x {@link
 * org.mozilla.balrog.logs.metrics.errors.ErrorSignature signature}. Which events are errors, their
 * severity and signature are decided in plain Java by {@link ErrorEvent}; this class only applies
 * it to scan rows and aggregates.
 *
 * <p>Apps: {@code web} (syslog_web), {@code admin} (syslog_admin), {@code agent} (syslog_agent),
 * {@code admin-nginx} (admin_nginx_error).
 */
public final class AppErrors {
  public static final String WEB = "web";
  public static final String ADMIN = "admin";
  public static final String AGENT = "agent";
  public static final String ADMIN_NGINX = "admin-nginx";

  /** The host of nginx error events whose line names no server. */
  public static final String NGINX_HOST = "nginx";

  /** Columns of {@link #errorEvents}, one row per error event. */
  public static final StructType EVENT_SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("event_time", DataTypes.TimestampType, false),
              DataTypes.createStructField(APP, DataTypes.StringType, false),
              DataTypes.createStructField("host", DataTypes.StringType, false),
              DataTypes.createStructField(SIGNATURE, DataTypes.StringType, false),
              DataTypes.createStructField(SEVERITY, DataTypes.StringType, false),
              DataTypes.createStructField(LOGGER, DataTypes.StringType, true),
              DataTypes.createStructField(EXCEPTION_TYPE, DataTypes.StringType, true),
              DataTypes.createStructField(SAMPLE, DataTypes.StringType, false)));

  /** Scan columns {@link #errorEvents} reads from a syslog source. */
  public static final List<String> SYSLOG_COLUMNS =
      List.of(
          "event_time",
          "hostname",
          "json_hostname",
          "tag",
          "payload_kind",
          "level",
          "message",
          "json_type",
          "fields_message",
          "fields_error",
          "fields_traceback",
          "exception_type");

  /** Scan columns {@link #errorEvents} reads from the nginx error log. */
  public static final List<String> NGINX_ERROR_COLUMNS =
      List.of("event_time", "level", "message", "request", "upstream", "server");

  private AppErrors() {}

  /** The {@code app} of a source's errors, or null for sources without application errors. */
  public static String appOf(LogSource source) {
    return switch (source) {
      case SYSLOG_WEB -> WEB;
      case SYSLOG_ADMIN -> ADMIN;
      case SYSLOG_AGENT -> AGENT;
      case ADMIN_NGINX_ERROR -> ADMIN_NGINX;
      default -> null;
    };
  }

  /**
   * One row per error event ({@link #EVENT_SCHEMA}) of one source: {@code app} is {@code
   * admin-nginx} for the nginx error log (then {@code scanRows} has its columns, {@link
   * #NGINX_ERROR_COLUMNS}) and the app of a syslog source otherwise ({@link #SYSLOG_COLUMNS}). Rows
   * of any {@code _kind} may be given; only events are read. No date filter: the caller picks the
   * rows. {@code host} is the syslog hostname (the JSON hostname or the tag when it has none); for
   * nginx the {@code server} name, or {@value #NGINX_HOST}. {@code sample} is redacted and
   * truncated.
   */
  public static Dataset<Row> errorEvents(Dataset<Row> scanRows, String app) {
    Dataset<Row> events = ScanRows.events(scanRows);
    if (app.equals(ADMIN_NGINX)) {
      return events
          .select(
              col("event_time"),
              col("level"),
              col("message"),
              col("request"),
              col("upstream"),
              // when(...) rather than nullif: Spark 3.5's nullif needs resolved columns
              coalesce(when(col("server").notEqual(lit("")), col("server")), lit(NGINX_HOST))
                  .as("host"))
          .flatMap(new NginxErrors(), Encoders.row(EVENT_SCHEMA));
    }
    if (!List.of(WEB, ADMIN, AGENT).contains(app)) {
      throw new IllegalArgumentException("unknown app: " + app);
    }
    return events
        .select(
            col("event_time"),
            coalesce(col("hostname"), col("json_hostname"), col("tag"), lit("unknown")).as("host"),
            col("payload_kind"),
            col("level"),
            col("message"),
            col("json_type"),
            col("fields_message"),
            col("fields_error"),
            col("fields_traceback"),
            col("exception_type"))
        .flatMap(new SyslogErrors(app), Encoders.row(EVENT_SCHEMA));
  }

  /** The sources of application errors, in {@code app} order. */
  public static final List<LogSource> SOURCES =
      List.of(
          LogSource.SYSLOG_WEB,
          LogSource.SYSLOG_ADMIN,
          LogSource.SYSLOG_AGENT,
          LogSource.ADMIN_NGINX_ERROR);

  /**
   * The {@link SummaryTables#APP_ERRORS} rows of {@code day} (events whose {@code log_date} is
   * {@code day}) from the scan rows of each source (sources without files may be absent; other
   * sources are ignored).
   */
  public static Dataset<Row> compute(
      SparkSession spark, Map<LogSource, Dataset<Row>> scans, LocalDate day) {
    Dataset<Row> all = null;
    for (LogSource s : SOURCES) {
      if (scans.containsKey(s)) {
        Dataset<Row> e = errorEvents(ScanRows.eventsOf(scans.get(s), day), appOf(s));
        all = all == null ? e : all.unionByName(e);
      }
    }
    return all == null ? ScanRows.empty(spark, SummaryTables.APP_ERRORS) : compute(all);
  }

  /**
   * The {@link SummaryTables#APP_ERRORS} rows of {@code errorEvents} ({@link #EVENT_SCHEMA} rows,
   * e.g. of one day): per UTC hour x app x signature, events, distinct hosts, first and last time,
   * the highest severity, the first logger and exception class by name, and the sample of the
   * earliest event. Deterministic, so a rerun writes the same rows.
   */
  public static Dataset<Row> compute(Dataset<Row> errorEvents) {
    Column rank = lit(0);
    for (Severity s : Severity.values()) {
      rank = when(col(SEVERITY).equalTo(s.name()), lit(s.rank())).otherwise(rank);
    }
    return errorEvents
        .withColumn(BUCKET_START, date_trunc("hour", col("event_time")))
        .withColumn("rank", rank)
        .groupBy(col(BUCKET_START), col(APP), col(SIGNATURE))
        .agg(
            max_by(col(SEVERITY), struct(col("rank"), col(SEVERITY))).as(SEVERITY),
            min(col(LOGGER)).as(LOGGER),
            min(col(EXCEPTION_TYPE)).as(EXCEPTION_TYPE),
            count(lit(1)).as(EVENTS),
            count_distinct(col("host")).as(HOSTS),
            min(col("event_time")).as(FIRST_SEEN),
            max(col("event_time")).as(LAST_SEEN),
            min_by(col(SAMPLE), struct(col("event_time"), col(SAMPLE))).as(SAMPLE))
        .select(
            SummaryTables.APP_ERRORS.columnNames().stream()
                .map(c -> col(c))
                .toArray(Column[]::new));
  }

  private static Row row(Row in, String app, String host, ErrorEvent e) {
    return RowFactory.create(
        in.get(0),
        app,
        host,
        e.signature(),
        e.severity(),
        e.logger(),
        e.exceptionType(),
        e.sample());
  }

  /**
   * Syslog rows (event_time, host, payload_kind, level, message, json_type, fields...,
   * exception_type).
   */
  private static final class SyslogErrors implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String app;

    SyslogErrors(String app) {
      this.app = app;
    }

    @Override
    public Iterator<Row> call(Row r) {
      ErrorEvent e =
          ErrorEvent.fromSyslog(
              r.getString(2),
              r.getString(3),
              r.getString(4),
              r.getString(5),
              r.getString(6),
              r.getString(7),
              r.getString(8),
              r.getString(9));
      return e == null
          ? List.<Row>of().iterator()
          : List.of(row(r, app, r.getString(1), e)).iterator();
    }
  }

  /** nginx error rows (event_time, level, message, request, upstream, host). */
  private static final class NginxErrors implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Row r) {
      ErrorEvent e =
          ErrorEvent.fromNginx(r.getString(1), r.getString(2), r.getString(3), r.getString(4));
      return e == null
          ? List.<Row>of().iterator()
          : List.of(row(r, ADMIN_NGINX, r.getString(5), e)).iterator();
    }
  }
}
