package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.privacy.Redactor;

/**
 * The narrow projection of one source's {@link org.mozilla.balrog.logs.source.LogScan} rows that
 * the daily tables (except {@code update_population}, which reads its own pass: {@link
 * UpdatePopulation#compute}) and the ingest audit read, so a day's scan can be kept (persisted) and
 * read by several outputs: the audit's bookkeeping columns, {@code log_date}, and the columns each
 * table of the source declares. No raw address is kept: the client IP columns are left out, and
 * free-text columns that may quote an address (messages, request lines, URIs) are {@link Redactor
 * redacted}. Redaction does not change any table: signatures and samples are redacted anyway, and
 * route templates never keep an address.
 */
public final class ScanProjection {
  /** The scan columns {@link IngestAudit#ofScan} reads. */
  static final List<String> AUDIT_COLUMNS =
      List.of(
          ScanRow.KIND,
          ScanRow.FILE,
          ScanRow.REASON,
          ScanRow.BYTES,
          ScanRow.LINES,
          ScanRow.PARSED_LINES,
          ScanRow.REJECTED,
          ScanRow.EVENTS,
          ScanRow.DAMAGE);

  /**
   * Free text that may quote an IP address: redacted in the projection. {@code _file} too: an ELB
   * file name carries the load balancer node's address, and the path is only kept to name damaged
   * or unreadable files in messages.
   */
  static final Set<String> FREE_TEXT =
      Set.of(
          "message",
          "fields_message",
          "fields_error",
          "fields_traceback",
          "request",
          "upstream",
          "uri",
          ScanRow.FILE);

  private static final UserDefinedFunction REDACT =
      udf((UDF1<String, String>) Redactor::redact, DataTypes.StringType);

  private ScanProjection() {}

  /** The projection of {@code scan} (rows of {@code source}'s format, any {@code _kind}). */
  public static Dataset<Row> narrow(Dataset<Row> scan, LogSource source) {
    Set<String> names = new LinkedHashSet<>(AUDIT_COLUMNS);
    names.add(LogDate.COLUMN);
    names.addAll(columns(source));
    List<Column> cols = new ArrayList<>();
    for (String n : names) {
      cols.add(FREE_TEXT.contains(n) ? REDACT.apply(col(n)).as(n) : col(n));
    }
    return scan.select(cols.toArray(Column[]::new));
  }

  /**
   * The event columns the tables read from {@code source} (besides update requests' population
   * columns).
   */
  static List<String> columns(LogSource source) {
    return switch (source) {
      case AUS3, AUS4, AUS5, AUS_API -> RequestRates.ELB_COLUMNS;
      case ADMIN_NGINX_ACCESS ->
          union(
              union(RequestRates.NGINX_COLUMNS, AdminActivity.COLUMNS),
              ReleaseActivity.ADMIN_COLUMNS);
      case ADMIN_NGINX_ERROR -> AppErrors.NGINX_ERROR_COLUMNS;
      case SYSLOG_ADMIN, SYSLOG_AGENT, SYSLOG_WEB -> AppErrors.SYSLOG_COLUMNS;
    };
  }

  private static List<String> union(List<String> a, List<String> b) {
    Set<String> s = new LinkedHashSet<>(a);
    s.addAll(b);
    return List.copyOf(s);
  }
}
