package org.mozilla.balrog.logs.impact;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.mozilla.balrog.logs.metrics.admin.RouteTemplate;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * The Spark side of deploy impact: turns scanned events into observations (one row per request or
 * error event and metric: time, deploy app, metric, bad 0/1, latency, signature), keeps those
 * inside some deploy's windows and counts them per deploy, window, metric and minute of the window.
 * What the counts mean is decided in {@link ImpactCalculator}; this class only counts. Driver only.
 */
public final class ImpactAggregation {
  /** Columns of an observation. */
  public static final StructType OBSERVATION =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("t", DataTypes.TimestampType, false),
              DataTypes.createStructField("app", DataTypes.StringType, false),
              DataTypes.createStructField("metric", DataTypes.StringType, false),
              DataTypes.createStructField("bad", DataTypes.IntegerType, false),
              DataTypes.createStructField("latency_ms", DataTypes.DoubleType, true),
              DataTypes.createStructField("signature", DataTypes.StringType, true)));

  private static final StructType WINDOW =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("deploy_id", DataTypes.StringType, false),
              DataTypes.createStructField("w_app", DataTypes.StringType, false),
              DataTypes.createStructField("side", DataTypes.StringType, false),
              DataTypes.createStructField("w_from", DataTypes.TimestampType, false),
              DataTypes.createStructField("w_to", DataTypes.TimestampType, false)));

  private static final UserDefinedFunction IS_DOCKERFLOW =
      udf((UDF1<String, Boolean>) RouteTemplate::isDockerflow, DataTypes.BooleanType);

  private ImpactAggregation() {}

  /**
   * Observations of an ELB source's events (view columns): every non-Dockerflow request for {@code
   * lb_5xx_rate} (bad = a 5xx the load balancer generated), and for the update domains every update
   * request for {@code update_5xx_rate:<domain>} (bad = any 5xx the client got) and, when it
   * reached a backend, {@code latency_p95:<domain>} (request + backend + response processing time).
   */
  public static Dataset<Row> elb(Dataset<Row> events, LogSource source) {
    Column t = col("request_time");
    Column is5xx = coalesce(col("elb_response_code").startsWith("5"), lit(false));
    Column lbBad = coalesce(col("is_lb_generated"), lit(false)).and(is5xx);
    Column latency =
        when(
            col("request_processing_time")
                .geq(0)
                .and(col("backend_processing_time").geq(0))
                .and(col("client_response_time").geq(0)),
            col("request_processing_time")
                .plus(col("backend_processing_time"))
                .plus(col("client_response_time"))
                .multiply(1000.0));
    List<Column> parts = new ArrayList<>();
    parts.add(obs(lit(ImpactMetric.LB_5XX_RATE), lbBad, lit(null).cast(DataTypes.DoubleType)));
    if (ImpactMetric.UPDATE_DOMAINS.contains(source.id())) {
      Column update = col("endpoint").isin("update", "json");
      parts.add(
          when(
              update,
              obs(
                  lit(ImpactMetric.update5xxRate(source.id())),
                  is5xx,
                  lit(null).cast(DataTypes.DoubleType))));
      parts.add(
          when(
              update.and(latency.isNotNull()),
              obs(lit(ImpactMetric.latencyP95(source.id())), lit(false), latency)));
    }
    return events
        .where(t.isNotNull().and(coalesce(col("endpoint"), lit("other")).notEqual("dockerflow")))
        .select(t.as("t"), explode(array(parts.toArray(Column[]::new))).as("o"))
        .where(col("o").isNotNull())
        .select(
            col("t"),
            lit(BalrogApp.WEB.code()).as("app"),
            col("o.metric").as("metric"),
            col("o.bad").as("bad"),
            col("o.latency_ms").as("latency_ms"),
            lit(null).cast(DataTypes.StringType).as("signature"));
  }

  /** Observations of the admin nginx access log: non-Dockerflow requests, bad = a 5xx answer. */
  public static Dataset<Row> adminAccess(Dataset<Row> events) {
    return events
        .where(col("event_time").isNotNull().and(IS_DOCKERFLOW.apply(col("uri")).equalTo(false)))
        .select(
            col("event_time").as("t"),
            lit(BalrogApp.ADMIN.code()).as("app"),
            lit(ImpactMetric.ADMIN_5XX_RATE).as("metric"),
            when(col("status").between(500, 599), 1).otherwise(0).as("bad"),
            lit(null).cast(DataTypes.DoubleType).as("latency_ms"),
            lit(null).cast(DataTypes.StringType).as("signature"));
  }

  /**
   * Observations of error events ({@code AppErrors.EVENT_SCHEMA}) of one error app: every event is
   * bad.
   */
  public static Dataset<Row> errors(Dataset<Row> errorEvents, String errorApp) {
    return errorEvents.select(
        col("event_time").as("t"),
        lit(ImpactMetric.deployAppOfErrors(errorApp).code()).as("app"),
        lit(ImpactMetric.appErrorRate(errorApp)).as("metric"),
        lit(1).as("bad"),
        lit(null).cast(DataTypes.DoubleType).as("latency_ms"),
        col("signature"));
  }

  private static Column obs(Column metric, Column bad, Column latency) {
    return struct(
        metric.as("metric"), when(bad, 1).otherwise(0).as("bad"), latency.as("latency_ms"));
  }

  /** What {@link #countInWindows} collected. */
  public record Counts(
      List<MinuteCount> minutes,
      List<SignatureCount> signatures,
      Map<String, Map<String, Instant>> firstSeen) {
    public Counts {
      minutes = List.copyOf(minutes);
      signatures = List.copyOf(signatures);
      firstSeen = Map.copyOf(firstSeen);
    }

    /** These counts and the minutes {@code more} (of metrics these counts do not have). */
    public Counts plus(List<MinuteCount> more) {
      List<MinuteCount> all = new ArrayList<>(minutes);
      all.addAll(more);
      return new Counts(all, signatures, firstSeen);
    }
  }

  /**
   * Counts {@code observations} ({@link #OBSERVATION} columns) inside the windows of {@code
   * deploys}: per deploy, side, metric and minute of the window (bad, all, p95 latency); per
   * deploy, side, metric and signature (events); and per metric and signature the first time it was
   * seen anywhere in the observations. Three small Spark actions.
   */
  public static Counts countInWindows(
      SparkSession spark,
      Dataset<Row> observations,
      Map<? extends ImpactSubject, ImpactWindows> deploys) {
    List<Row> windows = new ArrayList<>();
    deploys.forEach(
        (d, w) -> {
          windows.add(
              RowFactory.create(
                  d.id(),
                  d.app().code(),
                  WindowSide.BEFORE.code(),
                  w.beforeStart(),
                  w.beforeEnd()));
          windows.add(
              RowFactory.create(
                  d.id(), d.app().code(), WindowSide.AFTER.code(), w.afterStart(), w.afterEnd()));
        });
    Dataset<Row> win = spark.createDataFrame(windows, WINDOW);
    Dataset<Row> inWindows =
        observations
            .join(
                broadcast(win),
                col("app")
                    .equalTo(col("w_app"))
                    .and(col("t").geq(col("w_from")))
                    .and(col("t").lt(col("w_to"))))
            .select(
                col("deploy_id"),
                col("side"),
                col("metric"),
                col("bad"),
                col("latency_ms"),
                col("signature"),
                floor(unix_micros(col("t")).minus(unix_micros(col("w_from"))).divide(60_000_000L))
                    .as("minute"))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<MinuteCount> minutes = new ArrayList<>();
      for (Row r :
          inWindows
              .groupBy(col("deploy_id"), col("side"), col("metric"), col("minute"))
              .agg(
                  sum(col("bad")).as("events"),
                  count(lit(1)).as("total"),
                  expr("percentile(latency_ms, 0.95)").as("p95"))
              .collectAsList()) {
        minutes.add(
            new MinuteCount(
                r.getString(0),
                WindowSide.parse(r.getString(1)),
                r.getString(2),
                r.getLong(3),
                r.getLong(4),
                r.getLong(5),
                r.isNullAt(6) ? null : r.getDouble(6)));
      }
      List<SignatureCount> signatures = new ArrayList<>();
      for (Row r :
          inWindows
              .where(col("signature").isNotNull())
              .groupBy(col("deploy_id"), col("side"), col("metric"), col("signature"))
              .agg(count(lit(1)))
              .collectAsList()) {
        signatures.add(
            new SignatureCount(
                r.getString(0),
                WindowSide.parse(r.getString(1)),
                r.getString(2),
                r.getString(3),
                r.getLong(4)));
      }
      Map<String, Map<String, Instant>> firstSeen = new HashMap<>();
      for (Row r :
          observations
              .where(col("signature").isNotNull())
              .groupBy(col("metric"), col("signature"))
              .agg(min(col("t")))
              .collectAsList()) {
        firstSeen
            .computeIfAbsent(r.getString(0), k -> new HashMap<>())
            .put(r.getString(1), r.getAs(2));
      }
      firstSeen.replaceAll((k, v) -> Map.copyOf(v));
      return new Counts(minutes, signatures, firstSeen);
    } finally {
      inWindows.unpersist();
    }
  }
}
