package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.mozilla.balrog.logs.metrics.admin.RouteTemplate;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.AdminActivityTable;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * {@code admin_activity}: admin and agent API use per day x app x method x {@link RouteTemplate
 * route template} x status class, from the admin nginx access log. The app is the server block that
 * logged the line ({@code admin} or {@code agent}, the line's first word,
 * docs/formats.md#admin-nginx-access-log; the agent's own port, its {@code aiohttp} user agent and
 * no {@code remote_user} agree with it); lines of a standard nginx layout name no server block and
 * count as app {@value #NO_SERVER}. Dockerflow probes are left out. Methods other than the standard
 * HTTP ones (scanners' junk) become {@code other}. {@code users} counts distinct {@code
 * remote_user} values (HTTP Basic users before 2019-03; {@code -} is none); {@code latency_p95_ms}
 * is {@code percentile_approx} of {@code request_time} with accuracy {@value
 * RequestRates#PERCENTILE_ACCURACY}.
 */
public final class AdminActivity {
  /** Scan columns {@link #compute} reads (none holds an address). */
  public static final List<String> COLUMNS =
      List.of(LogDate.COLUMN, "server", "method", "uri", "status", "request_time", "remote_user");

  static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /**
   * The app (and request_rates source) of access lines without a server block: {@code combined} and
   * the like.
   */
  static final String NO_SERVER = "other";

  private static final UserDefinedFunction ROUTE =
      udf((UDF1<String, String>) RouteTemplate::of, DataTypes.StringType);
  private static final UserDefinedFunction DOCKERFLOW =
      udf((UDF1<String, Boolean>) RouteTemplate::isDockerflow, DataTypes.BooleanType);

  private AdminActivity() {}

  /**
   * As {@link #compute(Dataset, LocalDate)} from the day's scans; no rows when the access log had
   * no files.
   */
  public static Dataset<Row> compute(
      SparkSession spark, Map<LogSource, Dataset<Row>> scans, LocalDate day) {
    Dataset<Row> scan = scans.get(LogSource.ADMIN_NGINX_ACCESS);
    return scan == null ? ScanRows.empty(spark, SummaryTables.ADMIN_ACTIVITY) : compute(scan, day);
  }

  /**
   * The {@link SummaryTables#ADMIN_ACTIVITY} rows of {@code day} from admin nginx access scan rows.
   */
  public static Dataset<Row> compute(Dataset<Row> nginxAccessScan, LocalDate day) {
    Column method = upper(col("method"));
    return ScanRows.eventsOf(nginxAccessScan, day)
        .where(DOCKERFLOW.apply(col("uri")).equalTo(false))
        .select(
            coalesce(col("server"), lit(NO_SERVER)).as(AdminActivityTable.APP),
            when(method.isin(METHODS.toArray()), method)
                .otherwise(lit("other"))
                .as(AdminActivityTable.METHOD),
            ROUTE.apply(col("uri")).as(AdminActivityTable.ROUTE),
            statusClass(col("status")).as(AdminActivityTable.STATUS_CLASS),
            col("request_time"),
            when(col("remote_user").notEqual("-"), col("remote_user")).as("user"))
        .groupBy(
            col(AdminActivityTable.APP),
            col(AdminActivityTable.METHOD),
            col(AdminActivityTable.ROUTE),
            col(AdminActivityTable.STATUS_CLASS))
        .agg(
            count(lit(1)).as(AdminActivityTable.REQUESTS),
            count_distinct(col("user")).as(AdminActivityTable.USERS),
            expr("percentile_approx(request_time * 1000.0, 0.95, "
                    + RequestRates.PERCENTILE_ACCURACY
                    + ")")
                .as(AdminActivityTable.LATENCY_P95_MS))
        .select(
            SummaryTables.ADMIN_ACTIVITY.columnNames().stream()
                .map(c -> col(c))
                .toArray(Column[]::new));
  }

  /** 2xx, 3xx, 4xx, 5xx or other. */
  static Column statusClass(Column status) {
    return coalesce(
        when(status.between(200, 599), concat(floor(status.divide(100)).cast("string"), lit("xx"))),
        lit("other"));
  }
}
