package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.mozilla.balrog.logs.sink.ReleaseActivityTable.CHANNEL;
import static org.mozilla.balrog.logs.sink.ReleaseActivityTable.HOUR;
import static org.mozilla.balrog.logs.sink.ReleaseActivityTable.LATENCY_P95_MS;
import static org.mozilla.balrog.logs.sink.ReleaseActivityTable.PRODUCT;
import static org.mozilla.balrog.logs.sink.ReleaseActivityTable.REQUESTS;
import static org.mozilla.balrog.logs.sink.ReleaseActivityTable.ROUTE_CLASS;
import static org.mozilla.balrog.logs.sink.ReleaseActivityTable.SHARE;
import static org.mozilla.balrog.logs.sink.ReleaseActivityTable.SIGNAL;
import static org.mozilla.balrog.logs.sink.ReleaseActivityTable.STATUS_5XX;
import static org.mozilla.balrog.logs.sink.ReleaseActivityTable.USERS;
import static org.mozilla.balrog.logs.sink.ReleaseActivityTable.VERSION;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.mozilla.balrog.logs.metrics.admin.RouteTemplate;
import org.mozilla.balrog.logs.model.AdminRouteClass;
import org.mozilla.balrog.logs.model.LatencySketch;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.RateBucket;
import org.mozilla.balrog.logs.model.RequestKind;
import org.mozilla.balrog.logs.model.VersionHour;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * {@code release_activity}: per UTC hour of a day, what tells a release is under way (for {@code
 * deploy-window}):
 *
 * <ul>
 *   <li>{@code admin_write}: successful (2xx) POST, PUT, PATCH and DELETE requests of the admin
 *       nginx access log per {@link AdminRouteClass route class} (Dockerflow probes left out), with
 *       distinct {@code remote_user}s;
 *   <li>{@code update_version}: the update requests of each product, channel and version counted in
 *       the day's ELB pass ({@link VersionHour}), with the version's share of its product and
 *       channel in the hour;
 *   <li>{@code update_health}: the update domains' {@code update} requests, their 5xx and p95
 *       latency, from the pass's request buckets (the same counts as {@code request_rates}; p95 of
 *       the merged bucket sketches).
 * </ul>
 *
 * Only the admin part runs in Spark (one small job over the kept scan); the rest is built from the
 * pass's tallies on the driver.
 */
public final class ReleaseActivity {
  /** {@code signal}: successful admin or agent API writes of one route class. */
  public static final String ADMIN_WRITE = "admin_write";

  /** {@code signal}: one version's update requests. */
  public static final String UPDATE_VERSION = "update_version";

  /** {@code signal}: all update requests of the update domains, their 5xx and latency. */
  public static final String UPDATE_HEALTH = "update_health";

  /** Admin nginx access scan columns {@link #compute} reads (all among the kept ones). */
  public static final List<String> ADMIN_COLUMNS =
      List.of("event_time", "method", "uri", "status", "remote_user");

  private static final UserDefinedFunction ROUTE_CLASS_OF =
      udf(
          (UDF1<String, String>) uri -> AdminRouteClass.of(RouteTemplate.of(uri)),
          DataTypes.StringType);
  private static final UserDefinedFunction DOCKERFLOW =
      udf((UDF1<String, Boolean>) RouteTemplate::isDockerflow, DataTypes.BooleanType);

  /** The ids of the update domains ({@link UpdateRequests#DOMAINS}), as buckets name sources. */
  private static final java.util.Set<String> UPDATE_DOMAIN_IDS =
      UpdateRequests.DOMAINS.stream()
          .map(LogSource::id)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private ReleaseActivity() {}

  /**
   * The {@link SummaryTables#RELEASE_ACTIVITY} rows of {@code day}: admin writes from the day's
   * admin nginx access scan (none without one), versions from {@code versions}, health from the
   * update domains' {@code update} buckets among {@code buckets}.
   */
  public static Dataset<Row> compute(
      SparkSession spark,
      Map<LogSource, Dataset<Row>> scans,
      List<VersionHour> versions,
      List<RateBucket> buckets,
      LocalDate day) {
    List<Row> rows = new ArrayList<>();
    Dataset<Row> admin = scans.get(LogSource.ADMIN_NGINX_ACCESS);
    if (admin != null) {
      rows.addAll(adminRows(admin, day));
    }
    rows.addAll(versionRows(versions));
    rows.addAll(healthRows(buckets));
    return spark.createDataFrame(rows, SparkSchemas.structType(SummaryTables.RELEASE_ACTIVITY));
  }

  /** The {@code admin_write} rows of {@code day} from admin nginx access scan rows. */
  static List<Row> adminRows(Dataset<Row> nginxAccessScan, LocalDate day) {
    List<Row> out = new ArrayList<>();
    for (Row r :
        ScanRows.eventsOf(nginxAccessScan, day)
            .where(DOCKERFLOW.apply(col("uri")).equalTo(false))
            .where(upper(col("method")).isin(AdminRouteClass.WRITE_METHODS.toArray()))
            .where(col("status").between(200, 299))
            .select(
                expr("date_trunc('HOUR', event_time)").as(HOUR),
                ROUTE_CLASS_OF.apply(col("uri")).as(ROUTE_CLASS),
                when(col("remote_user").notEqual("-"), col("remote_user")).as("user"))
            .groupBy(col(HOUR), col(ROUTE_CLASS))
            .agg(count(lit(1)).as(REQUESTS), count_distinct(col("user")).as(USERS))
            .orderBy(col(HOUR), col(ROUTE_CLASS))
            .collectAsList()) {
      Map<String, Object> v = new HashMap<>();
      v.put(HOUR, r.getAs(HOUR));
      v.put(SIGNAL, ADMIN_WRITE);
      v.put(ROUTE_CLASS, r.getAs(ROUTE_CLASS));
      v.put(REQUESTS, r.getAs(REQUESTS));
      v.put(USERS, r.getAs(USERS));
      out.add(row(v));
    }
    return out;
  }

  /**
   * The {@code update_version} rows: each version's requests and its share of its product and
   * channel's requests in the hour.
   */
  static List<Row> versionRows(List<VersionHour> versions) {
    Map<List<Object>, Long> totals = new HashMap<>();
    for (VersionHour v : versions) {
      totals.merge(List.of(v.hourStart(), v.product(), v.channel()), v.requests(), Long::sum);
    }
    List<Row> out = new ArrayList<>();
    for (VersionHour v : versions) {
      long total = totals.get(List.of(v.hourStart(), v.product(), v.channel()));
      Map<String, Object> m = new HashMap<>();
      m.put(HOUR, Instant.ofEpochSecond(v.hourStart()));
      m.put(SIGNAL, UPDATE_VERSION);
      m.put(PRODUCT, v.product());
      m.put(CHANNEL, v.channel());
      m.put(VERSION, v.version());
      m.put(REQUESTS, v.requests());
      m.put(SHARE, (double) v.requests() / total);
      out.add(row(m));
    }
    return out;
  }

  /**
   * The {@code update_health} rows: the update domains' {@code update} buckets summed per hour, p95
   * of their merged latency sketches.
   */
  static List<Row> healthRows(List<RateBucket> buckets) {
    Map<Long, long[]> counts = new TreeMap<>();
    Map<Long, LatencySketch> latency = new HashMap<>();
    for (RateBucket b : buckets) {
      if (!b.endpoint().equals(RequestKind.UPDATE.code()) || !isUpdateDomain(b.source())) {
        continue;
      }
      long hour = Math.floorDiv(b.bucketStart(), 3600L) * 3600L;
      long[] c = counts.computeIfAbsent(hour, k -> new long[2]);
      c[0] += b.requests();
      c[1] += b.status5xx();
      latency.computeIfAbsent(hour, k -> new LatencySketch()).merge(b.latency());
    }
    List<Row> out = new ArrayList<>();
    counts.forEach(
        (hour, c) -> {
          Map<String, Object> m = new HashMap<>();
          m.put(HOUR, Instant.ofEpochSecond(hour));
          m.put(SIGNAL, UPDATE_HEALTH);
          m.put(REQUESTS, c[0]);
          m.put(STATUS_5XX, c[1]);
          m.put(LATENCY_P95_MS, latency.get(hour).quantile(0.95));
          out.add(row(m));
        });
    return out;
  }

  private static boolean isUpdateDomain(String source) {
    return UPDATE_DOMAIN_IDS.contains(source);
  }

  private static Row row(Map<String, Object> values) {
    return RowFactory.create(
        SummaryTables.RELEASE_ACTIVITY.columnNames().stream().map(values::get).toArray());
  }
}
