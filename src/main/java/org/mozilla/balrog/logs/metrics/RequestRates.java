package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.BACKEND_5XX;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.BUCKET_START;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.BYTES_SENT;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.ENDPOINT;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.LATENCY_P50_MS;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.LATENCY_P95_MS;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.LATENCY_P99_MS;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.LB_5XX;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.REQUESTS;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.SOURCE;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.STATUS_2XX;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.STATUS_3XX;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.STATUS_4XX;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.STATUS_5XX;
import static org.mozilla.balrog.logs.sink.RequestRatesTable.STATUS_OTHER;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.mozilla.balrog.logs.metrics.admin.RouteTemplate;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.RateBucket;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * {@code request_rates}: requests per 5-minute bucket x source x endpoint class, from the four ELB
 * sources ({@code aus3}, {@code aus4}, {@code aus5}, {@code aus_api}) and the admin nginx access
 * log (source {@code admin} or {@code agent}: the server block that logged the line,
 * docs/formats.md#admin-nginx-access-log; {@code other} for lines of a standard nginx layout, which
 * name none).
 *
 * <p>Per request, in two steps ({@link #requests} normalises one source's events, {@link #compute}
 * aggregates):
 *
 * <ul>
 *   <li><b>endpoint</b>: ELB: the view's {@code endpoint} (update, json, api, dockerflow, other).
 *       nginx: {@code dockerflow} for the Dockerflow paths, {@code api} for {@code /api} and {@code
 *       /api/...}, else {@code other}.
 *   <li><b>status</b>: what the client saw: ELB {@code elb_response_code}, nginx {@code status}. No
 *       status (TCP listener) or one outside 200-599 counts as {@code status_other}.
 *   <li><b>lb_5xx / backend_5xx</b> split the 5xx: ELB: {@code is_lb_generated} (the ELB answered,
 *       no backend status) or not. nginx: nginx answered itself when no upstream was used ({@code
 *       upstream_response_time} {@code -}) or with 502 (no upstream gave a valid response, e.g.
 *       every connect() refused); other 5xx, including a 504 after an upstream timed out, count as
 *       the backend's.
 *   <li><b>latency</b> in ms: ELB request + backend + response processing time, left out when any
 *       of them is -1 (not dispatched, no backend response); nginx {@code request_time} x 1000.
 *       Percentiles are {@code percentile_approx} with accuracy {@value #PERCENTILE_ACCURACY}: a
 *       latency of the bucket whose rank is off by at most n/{@value #PERCENTILE_ACCURACY} (so the
 *       exact rank below that many requests).
 *   <li><b>bytes_sent</b>: ELB {@code sent_bytes}, nginx {@code body_bytes_sent}.
 * </ul>
 */
public final class RequestRates {
  public static final int BUCKET_SECONDS = 300;
  public static final int PERCENTILE_ACCURACY = 10_000;

  /** The normalised request rows {@link #requests} returns and {@link #compute} takes. */
  public static final List<String> REQUEST_COLUMNS =
      List.of("event_time", SOURCE, ENDPOINT, "status", "lb_generated", "latency_ms", BYTES_SENT);

  /** Scan columns {@link #requests} reads from an ELB source (none holds an address). */
  public static final List<String> ELB_COLUMNS =
      List.of(
          "request_time",
          LogDate.COLUMN,
          "endpoint",
          "elb_response_code",
          "is_lb_generated",
          "request_processing_time",
          "backend_processing_time",
          "client_response_time",
          "sent_bytes");

  /** Scan columns {@link #requests} reads from the admin nginx access log. */
  public static final List<String> NGINX_COLUMNS =
      List.of(
          "event_time",
          LogDate.COLUMN,
          "server",
          "uri",
          "status",
          "request_time",
          "upstream_response_time",
          "body_bytes_sent");

  private static final UserDefinedFunction NGINX_ENDPOINT =
      udf((UDF1<String, String>) RequestRates::nginxEndpoint, DataTypes.StringType);

  private RequestRates() {}

  /** The endpoint class of an admin nginx request URI: dockerflow, api or other. */
  static String nginxEndpoint(String uri) {
    if (RouteTemplate.isDockerflow(uri)) {
      return "dockerflow";
    }
    if (uri != null && (uri.equals("/api") || uri.startsWith("/api/") || uri.startsWith("/api?"))) {
      return "api";
    }
    return "other";
  }

  /**
   * The requests of {@code day} in one source's scan rows (any {@code _kind}; events are picked),
   * as {@link #REQUEST_COLUMNS}. {@code source} is an ELB source or {@link
   * LogSource#ADMIN_NGINX_ACCESS}.
   */
  public static Dataset<Row> requests(Dataset<Row> scanRows, LogSource source, LocalDate day) {
    Dataset<Row> events = ScanRows.eventsOf(scanRows, day);
    if (source.format() == LogFormat.ELB) {
      Column times =
          col("request_processing_time")
              .plus(col("backend_processing_time"))
              .plus(col("client_response_time"));
      Column dispatched =
          col("request_processing_time")
              .geq(0)
              .and(col("backend_processing_time").geq(0))
              .and(col("client_response_time").geq(0));
      return events.select(
          col("request_time").as("event_time"),
          lit(source.id()).as(SOURCE),
          col("endpoint").as(ENDPOINT),
          col("elb_response_code").cast("int").as("status"),
          col("is_lb_generated").as("lb_generated"),
          when(dispatched, times.multiply(1000.0)).as("latency_ms"),
          col("sent_bytes").as(BYTES_SENT));
    }
    if (source != LogSource.ADMIN_NGINX_ACCESS) {
      throw new IllegalArgumentException(
          SummaryTables.REQUEST_RATES.name() + " has no requests from " + source.id());
    }
    return events.select(
        col("event_time"),
        coalesce(col("server"), lit(AdminActivity.NO_SERVER)).as(SOURCE),
        NGINX_ENDPOINT.apply(col("uri")).as(ENDPOINT),
        col("status"),
        col("upstream_response_time").isNull().or(col("status").equalTo(502)).as("lb_generated"),
        col("request_time").multiply(1000.0).as("latency_ms"),
        col("body_bytes_sent").as(BYTES_SENT));
  }

  /** The sources whose requests {@code request_rates} counts. */
  public static final Set<LogSource> SOURCES =
      Collections.unmodifiableSet(
          EnumSet.of(
              LogSource.AUS3,
              LogSource.AUS4,
              LogSource.AUS5,
              LogSource.AUS_API,
              LogSource.ADMIN_NGINX_ACCESS));

  /**
   * The {@link SummaryTables#REQUEST_RATES} rows of {@code day}: the ELB sources' from the buckets
   * their scan tasks counted ({@code elbBuckets}, see {@link #elbRows}), the admin nginx access
   * log's from its scan rows (absent when it had no files; other sources' scans are ignored).
   */
  public static Dataset<Row> compute(
      SparkSession spark,
      Map<LogSource, Dataset<Row>> scans,
      List<RateBucket> elbBuckets,
      LocalDate day) {
    Dataset<Row> elb =
        spark.createDataFrame(
            elbRows(elbBuckets), SparkSchemas.structType(SummaryTables.REQUEST_RATES));
    Dataset<Row> nginx = scans.get(LogSource.ADMIN_NGINX_ACCESS);
    return nginx == null
        ? elb
        : elb.unionByName(compute(requests(nginx, LogSource.ADMIN_NGINX_ACCESS, day)));
  }

  /**
   * The {@link SummaryTables#REQUEST_RATES} rows of {@code day} from the scan rows of each source
   * (sources without files may be absent; other sources are ignored), aggregated in Spark with
   * {@code percentile_approx}: the reference the scan tasks' ELB buckets are held to in tests, and
   * the way to recompute the table from the raw-log views.
   */
  public static Dataset<Row> compute(
      SparkSession spark, Map<LogSource, Dataset<Row>> scans, LocalDate day) {
    Dataset<Row> all = null;
    for (LogSource s : SOURCES) {
      if (scans.containsKey(s)) {
        Dataset<Row> r = requests(scans.get(s), s, day);
        all = all == null ? r : all.unionByName(r);
      }
    }
    return all == null ? ScanRows.empty(spark, SummaryTables.REQUEST_RATES) : compute(all);
  }

  /**
   * The rows of ELB buckets counted in the scan tasks ({@link RateBucket}): the same counts as
   * {@link #compute(Dataset)} of their requests; the latency percentiles come from each bucket's
   * {@link org.mozilla.balrog.logs.model.LatencySketch} (within 0.1 % of a latency of the rank
   * {@code percentile_approx} picks), not from {@code percentile_approx}.
   */
  public static List<Row> elbRows(List<RateBucket> buckets) {
    List<Row> rows = new ArrayList<>();
    for (RateBucket b : buckets) {
      Map<String, Object> v = new HashMap<>();
      v.put(BUCKET_START, Instant.ofEpochSecond(b.bucketStart()));
      v.put(SOURCE, b.source());
      v.put(ENDPOINT, b.endpoint());
      v.put(REQUESTS, b.requests());
      v.put(STATUS_2XX, b.status2xx());
      v.put(STATUS_3XX, b.status3xx());
      v.put(STATUS_4XX, b.status4xx());
      v.put(STATUS_5XX, b.status5xx());
      v.put(STATUS_OTHER, b.statusOther());
      v.put(LB_5XX, b.lb5xx());
      v.put(BACKEND_5XX, b.backend5xx());
      v.put(LATENCY_P50_MS, b.latency().quantile(0.5));
      v.put(LATENCY_P95_MS, b.latency().quantile(0.95));
      v.put(LATENCY_P99_MS, b.latency().quantile(0.99));
      v.put(BYTES_SENT, b.bytesSent());
      rows.add(
          RowFactory.create(
              SummaryTables.REQUEST_RATES.columnNames().stream().map(v::get).toArray()));
    }
    return rows;
  }

  /** The {@link SummaryTables#REQUEST_RATES} rows of request rows ({@link #REQUEST_COLUMNS}). */
  public static Dataset<Row> compute(Dataset<Row> requests) {
    Column s5 = col("status").between(500, 599);
    Column lb = coalesce(col("lb_generated"), lit(false));
    return requests
        .withColumn(
            BUCKET_START,
            expr(
                "timestamp_seconds(floor(unix_seconds(event_time) / "
                    + BUCKET_SECONDS
                    + ") * "
                    + BUCKET_SECONDS
                    + ")"))
        .groupBy(col(BUCKET_START), col(SOURCE), col(ENDPOINT))
        .agg(
            count(lit(1)).as(REQUESTS),
            statusCount(200).as(STATUS_2XX),
            statusCount(300).as(STATUS_3XX),
            statusCount(400).as(STATUS_4XX),
            statusCount(500).as(STATUS_5XX),
            sum(when(col("status").isNull().or(col("status").lt(200)).or(col("status").gt(599)), 1L)
                    .otherwise(0L))
                .as(STATUS_OTHER),
            sum(when(s5.and(lb.equalTo(true)), 1L).otherwise(0L)).as(LB_5XX),
            sum(when(s5.and(lb.equalTo(false)), 1L).otherwise(0L)).as(BACKEND_5XX),
            expr("percentile_approx(latency_ms, array(0.5, 0.95, 0.99), "
                    + PERCENTILE_ACCURACY
                    + ")")
                .as("p"),
            expr("coalesce(sum(" + BYTES_SENT + "), 0L)").as(BYTES_SENT))
        .withColumn(LATENCY_P50_MS, element_at(col("p"), 1))
        .withColumn(LATENCY_P95_MS, element_at(col("p"), 2))
        .withColumn(LATENCY_P99_MS, element_at(col("p"), 3))
        .select(
            SummaryTables.REQUEST_RATES.columnNames().stream()
                .map(c -> col(c))
                .toArray(Column[]::new));
  }

  private static Column statusCount(int from) {
    return sum(when(col("status").between(from, from + 99), 1L).otherwise(0L));
  }
}
