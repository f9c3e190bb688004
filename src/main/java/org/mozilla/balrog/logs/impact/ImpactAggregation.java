package org.mozilla.balrog.logs.impact;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * The Spark side of deploy impact: turns scanned admin nginx and error events into observations
 * (one row per request or error event and metric: time, deploy app, metric, bad 0/1, latency,
 * signature), keeps those inside some deploy's windows and counts them per deploy, window, metric
 * and minute of the window (the ELB sources' minutes are counted in their scan tasks: {@link
 * ElbMinutes}). What the counts mean is decided in {@link ImpactCalculator}; this class only
 * counts. Driver only.
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

  /** The column of {@link #countInWindows}' one action that tells its three counts apart. */
  private static final String PART = "part";

  private static final String PART_MINUTE = "minute";

  private static final String PART_SIGNATURE = "signature";

  private static final String PART_FIRST_SEEN = "first_seen";

  private ImpactAggregation() {}

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
   * seen anywhere in the observations. One small Spark action.
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
      // the three counts in one Spark action: each part's own columns, the others null (a union
      // by name that allows missing columns), told apart by PART
      Dataset<Row> perMinute =
          inWindows
              .groupBy(col("deploy_id"), col("side"), col("metric"), col("minute"))
              .agg(
                  sum(col("bad")).as("events"),
                  count(lit(1)).as("total"),
                  expr("percentile(latency_ms, 0.95)").as("p95"))
              .withColumn(PART, lit(PART_MINUTE));
      Dataset<Row> perSignature =
          inWindows
              .where(col("signature").isNotNull())
              .groupBy(col("deploy_id"), col("side"), col("metric"), col("signature"))
              .agg(count(lit(1)).as("events"))
              .withColumn(PART, lit(PART_SIGNATURE));
      Dataset<Row> firstTimes =
          observations
              .where(col("signature").isNotNull())
              .groupBy(col("metric"), col("signature"))
              .agg(min(col("t")).as("first"))
              .withColumn(PART, lit(PART_FIRST_SEEN));
      Dataset<Row> all =
          perMinute
              .unionByName(perSignature, true)
              .unionByName(firstTimes, true)
              .select(
                  col(PART),
                  col("deploy_id"),
                  col("side"),
                  col("metric"),
                  col("minute"),
                  col("signature"),
                  col("events"),
                  col("total"),
                  col("p95"),
                  col("first"));
      List<MinuteCount> minutes = new ArrayList<>();
      List<SignatureCount> signatures = new ArrayList<>();
      Map<String, Map<String, Instant>> firstSeen = new HashMap<>();
      for (Row r : all.collectAsList()) {
        switch (r.getString(0)) {
          case PART_MINUTE ->
              minutes.add(
                  new MinuteCount(
                      r.getString(1),
                      WindowSide.parse(r.getString(2)),
                      r.getString(3),
                      r.getLong(4),
                      r.getLong(6),
                      r.getLong(7),
                      r.isNullAt(8) ? null : r.getDouble(8)));
          case PART_SIGNATURE ->
              signatures.add(
                  new SignatureCount(
                      r.getString(1),
                      WindowSide.parse(r.getString(2)),
                      r.getString(3),
                      r.getString(5),
                      r.getLong(6)));
          default ->
              firstSeen
                  .computeIfAbsent(r.getString(3), k -> new HashMap<>())
                  .put(r.getString(5), r.getAs(9));
        }
      }
      firstSeen.replaceAll((k, v) -> Map.copyOf(v));
      return new Counts(minutes, signatures, firstSeen);
    } finally {
      inWindows.unpersist();
    }
  }
}
