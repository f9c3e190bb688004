package org.mozilla.balrog.logs.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hll_sketch_estimate;
import static org.apache.spark.sql.functions.hll_union_agg;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.report.ReportData.AuditRow;
import org.mozilla.balrog.logs.report.ReportData.ChannelVersions;
import org.mozilla.balrog.logs.report.ReportData.Deploy;
import org.mozilla.balrog.logs.report.ReportData.ErrorSignature;
import org.mozilla.balrog.logs.report.ReportData.NewSignature;
import org.mozilla.balrog.logs.report.ReportData.UpdateBucket;
import org.mozilla.balrog.logs.report.ReportData.Verdict;
import org.mozilla.balrog.logs.report.ReportData.VersionClients;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * Loads one date of the summary tables and aggregates it into {@link ReportData}: small
 * aggregations over the date's partitions, then plain rows collected to the driver. A table without
 * a partition for the date is listed in {@link ReportData#missingTables} and its sections are
 * empty; no table is required here (the caller decides what a missing {@code ingest_audit} means).
 *
 * <p>Driver only.
 */
public final class ReportLoader {
  /** Channels whose population the report charts, in this order. */
  public static final List<String> MAIN_CHANNELS =
      List.of("release", "beta", "nightly", "esr", "aurora");

  /** Versions shown per channel before the rest is grouped. */
  public static final int TOP_VERSIONS = 8;

  /** Error signatures shown by events. */
  public static final int TOP_ERRORS = 10;

  /**
   * Products whose update checks a browser makes for one of its components, with the browser's
   * version: counted with the browsers they would count the same installs twice.
   */
  static final List<String> COMPONENT_PRODUCTS = List.of("GMP", "SystemAddons");

  static final List<String> UPDATE_DOMAINS = List.of("aus3", "aus4", "aus5");
  static final List<String> UPDATE_ENDPOINTS = List.of("update", "json");

  private final SparkSession spark;
  private final String outputRoot;
  private final LocalDate date;
  private final List<String> missing = new ArrayList<>();

  private ReportLoader(SparkSession spark, String outputRoot, LocalDate date) {
    this.spark = spark;
    this.outputRoot = outputRoot;
    this.date = date;
  }

  /** The report data of {@code date} from the tables under {@code outputRoot}. */
  public static ReportData load(
      SparkSession spark, String outputRoot, LocalDate date, String toolVersion) {
    return new ReportLoader(spark, outputRoot, date).load(toolVersion);
  }

  /**
   * Whether {@code ingest_audit} has a partition for {@code date}, i.e. the daily job ran for it.
   */
  public static boolean hasAudit(SparkSession spark, String outputRoot, LocalDate date) {
    return PartitionWriter.exists(spark, SummaryTables.INGEST_AUDIT, outputRoot, date);
  }

  /** The latest date with an {@code ingest_audit} partition, if any. */
  public static Optional<LocalDate> latestAuditDate(SparkSession spark, String outputRoot) {
    Path dir = new Path(new Path(outputRoot), SummaryTables.INGEST_AUDIT.name());
    TreeSet<LocalDate> dates = new TreeSet<>();
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return Optional.empty();
      }
      String prefix = SummaryTable.PARTITION_COLUMN + "=";
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && name.startsWith(prefix)) {
          try {
            dates.add(LocalDate.parse(name.substring(prefix.length())));
          } catch (DateTimeParseException e) {
            // not a partition folder of ours
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    // newest first; a folder left by a failed write has no data file and does not count
    for (LocalDate d : dates.descendingSet()) {
      if (hasAudit(spark, outputRoot, d)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private ReportData load(String toolVersion) {
    Dataset<Row> rates = day(SummaryTables.REQUEST_RATES);
    Dataset<Row> deploys = day(SummaryTables.DEPLOYS);
    Dataset<Row> impact = day(SummaryTables.DEPLOY_IMPACT);
    Dataset<Row> population = day(SummaryTables.UPDATE_POPULATION);
    Dataset<Row> errors = day(SummaryTables.APP_ERRORS);
    Dataset<Row> audit = day(SummaryTables.INGEST_AUDIT);
    return new ReportData(
        date,
        toolVersion,
        missing,
        rates == null ? List.of() : updateBuckets(rates),
        deploys == null ? List.of() : deploys(deploys),
        impact == null ? List.of() : verdicts(impact),
        population == null ? List.of() : channels(population),
        errors == null ? List.of() : topErrors(errors),
        impact == null ? List.of() : newErrors(impact, errors),
        audit == null ? List.of() : audit(audit));
  }

  /**
   * The table's rows of the date, or null (and the table noted as missing) when it has no partition
   * for it.
   */
  private Dataset<Row> day(SummaryTable table) {
    if (!PartitionWriter.exists(spark, table, outputRoot, date)) {
      missing.add(table.name());
      return null;
    }
    return PartitionWriter.read(spark, table, outputRoot)
        .where(col(SummaryTable.PARTITION_COLUMN).equalTo(lit(date)));
  }

  /**
   * Per bucket over the update domains' update and json endpoints: requests and 5xx summed, and the
   * highest of the p95 values (an upper bound of the combined p95: every part has 95 % of its
   * requests at or below its own p95).
   */
  private List<UpdateBucket> updateBuckets(Dataset<Row> rates) {
    List<Row> rows =
        rates
            .where(
                col("source")
                    .isin(UPDATE_DOMAINS.toArray())
                    .and(col("endpoint").isin(UPDATE_ENDPOINTS.toArray())))
            .groupBy(col("bucket_start"))
            .agg(
                sum("requests").as("requests"),
                sum("status_5xx").as("status_5xx"),
                sum("lb_5xx").as("lb_5xx"),
                max("latency_p95_ms").as("latency_p95_ms"))
            .orderBy(col("bucket_start"))
            .collectAsList();
    List<UpdateBucket> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new UpdateBucket(
              instant(r.get(0)),
              r.getLong(1),
              r.getLong(2),
              r.getLong(3),
              r.isNullAt(4) ? null : r.getDouble(4)));
    }
    return out;
  }

  private static List<Deploy> deploys(Dataset<Row> deploys) {
    List<Deploy> out = new ArrayList<>();
    for (Row r : deploys.orderBy(col("started_at"), col("deploy_id")).collectAsList()) {
      out.add(
          new Deploy(
              r.getAs("deploy_id"),
              r.getAs("app"),
              instant(r.getAs("started_at")),
              instant(r.getAs("finished_at")),
              r.<Integer>getAs("hosts"),
              r.<Integer>getAs("hosts_total"),
              r.<Boolean>getAs("schema_migration"),
              r.getAs("source"),
              r.getAs("evidence")));
    }
    return out;
  }

  /** Per deploy (by start) its overall row, then the metrics by name. */
  private static List<Verdict> verdicts(Dataset<Row> impact) {
    List<Verdict> out = new ArrayList<>();
    List<Row> rows =
        impact
            .orderBy(
                col("deploy_started_at"),
                col("deploy_id"),
                when(col("metric").equalTo(Verdict.OVERALL), 0).otherwise(1),
                col("metric"))
            .collectAsList();
    for (Row r : rows) {
      out.add(
          new Verdict(
              r.getAs("deploy_id"),
              r.getAs("app"),
              instant(r.getAs("deploy_started_at")),
              r.getAs("metric"),
              r.getAs("before_value"),
              r.getAs("after_value"),
              r.<Long>getAs("before_events"),
              r.<Long>getAs("before_total"),
              r.<Long>getAs("after_events"),
              r.<Long>getAs("after_total"),
              r.getAs("change_ratio"),
              r.getAs("ci_low"),
              r.getAs("ci_high"),
              r.getAs("p_value"),
              r.getAs("verdict"),
              r.getAs("reason")));
    }
    return out;
  }

  /**
   * Clients per product version on each main channel (test channels excluded), the sketches of all
   * domains, OSes and architectures merged: the top {@link #TOP_VERSIONS} by clients, then the rest
   * (with the folded {@code other} cells) merged into one group, and the channel total.
   */
  private List<ChannelVersions> channels(Dataset<Row> population) {
    Dataset<Row> cells =
        population
            .where(
                col("is_test_channel")
                    .equalTo(false)
                    .and(col("channel").isin(MAIN_CHANNELS.toArray()))
                    .and(not(col("product").isin(COMPONENT_PRODUCTS.toArray()))))
            .groupBy(col("channel"), col("product"), col("version"))
            .agg(
                hll_union_agg(col("clients_sketch"), true).as("sketch"),
                sum("requests").as("requests"))
            .withColumn("clients", hll_sketch_estimate(col("sketch")))
            .withColumn(
                "rank",
                row_number()
                    .over(
                        Window.partitionBy(col("channel"))
                            .orderBy(
                                when(col("version").equalTo(SummaryTables.OTHER), 1).otherwise(0),
                                col("clients").desc(),
                                col("requests").desc(),
                                col("product"),
                                col("version"))))
            .withColumn(
                "top",
                col("rank").leq(TOP_VERSIONS).and(col("version").notEqual(SummaryTables.OTHER)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, List<VersionClients>> top = new HashMap<>();
      for (Row r : cells.where(col("top")).orderBy(col("channel"), col("rank")).collectAsList()) {
        top.computeIfAbsent(r.getAs("channel"), c -> new ArrayList<>())
            .add(
                new VersionClients(
                    r.getAs("product"),
                    r.getAs("version"),
                    r.<Long>getAs("clients"),
                    r.<Long>getAs("requests")));
      }
      Map<String, Row> rest = byChannel(cells.where(col("top").equalTo(false)));
      Map<String, Row> total = byChannel(cells);
      List<ChannelVersions> out = new ArrayList<>();
      for (String channel : MAIN_CHANNELS) {
        Row t = total.get(channel);
        if (t == null) {
          continue;
        }
        Row o = rest.get(channel);
        out.add(
            new ChannelVersions(
                channel,
                top.getOrDefault(channel, List.of()),
                o == null ? 0 : o.<Long>getAs("versions"),
                o != null && o.<Boolean>getAs("folded"),
                o == null ? 0 : o.<Long>getAs("clients"),
                o == null ? 0 : o.<Long>getAs("requests"),
                t.<Long>getAs("clients"),
                t.<Long>getAs("requests")));
      }
      return out;
    } finally {
      cells.unpersist();
    }
  }

  /**
   * Per channel: distinct clients over the merged sketches, requests, named versions, whether
   * folded cells.
   */
  private static Map<String, Row> byChannel(Dataset<Row> cells) {
    Map<String, Row> out = new TreeMap<>();
    cells
        .groupBy(col("channel"))
        .agg(
            hll_sketch_estimate(hll_union_agg(col("sketch"), true)).as("clients"),
            sum("requests").as("requests"),
            count(when(col("version").notEqual(SummaryTables.OTHER), 1)).as("versions"),
            max(col("version").equalTo(SummaryTables.OTHER)).as("folded"))
        .collectAsList()
        .forEach(r -> out.put(r.getAs("channel"), r));
    return out;
  }

  /** The day's signatures with the most events: hourly rows summed per app and signature. */
  private static List<ErrorSignature> topErrors(Dataset<Row> errors) {
    List<ErrorSignature> out = new ArrayList<>();
    for (Row r :
        signatures(errors)
            .orderBy(col("events").desc(), col("app"), col("signature"))
            .limit(TOP_ERRORS)
            .collectAsList()) {
      out.add(
          new ErrorSignature(
              r.getAs("app"),
              r.getAs("signature"),
              r.getAs("severity"),
              r.getAs("exception_type"),
              r.<Long>getAs("events"),
              r.<Long>getAs("max_hosts"),
              instant(r.getAs("first_seen")),
              instant(r.getAs("last_seen")),
              r.getAs("sample")));
    }
    return out;
  }

  /**
   * Per app and signature over the day: events, the most hosts in one hour, first and last seen,
   * the highest severity, an exception type, and the sample of the earliest hour. Ties are broken
   * on the values themselves so the result does not depend on row order.
   */
  private static Dataset<Row> signatures(Dataset<Row> errors) {
    Column severityRank =
        when(upper(col("severity")).isin("EMERG", "EMERGENCY"), 8)
            .when(upper(col("severity")).equalTo("ALERT"), 7)
            .when(upper(col("severity")).isin("CRIT", "CRITICAL", "FATAL"), 6)
            .when(upper(col("severity")).isin("ERROR", "ERR"), 5)
            .when(upper(col("severity")).isin("WARN", "WARNING"), 4)
            .when(upper(col("severity")).equalTo("NOTICE"), 3)
            .when(upper(col("severity")).equalTo("INFO"), 2)
            .otherwise(1);
    return errors
        .groupBy(col("app"), col("signature"))
        .agg(
            sum("events").as("events"),
            max("hosts").as("max_hosts"),
            min("first_seen").as("first_seen"),
            max("last_seen").as("last_seen"),
            max_by(col("severity"), struct(severityRank, col("severity"))).as("severity"),
            max("exception_type").as("exception_type"),
            min_by(col("sample"), struct(col("first_seen"), col("sample"))).as("sample"));
  }

  /**
   * The signatures deploy_impact lists as new after each deploy, with their events on the day from
   * app_errors (0 when app_errors has none for the date).
   */
  private static List<NewSignature> newErrors(Dataset<Row> impact, Dataset<Row> errors) {
    Dataset<Row> fresh =
        impact
            .select(
                col("deploy_id"),
                col("deploy_started_at"),
                explode(col("new_signatures")).as("signature"))
            .distinct();
    Dataset<Row> withEvents;
    if (errors == null) {
      withEvents =
          fresh.withColumn("events", lit(0L)).withColumn("first_seen", lit(null).cast("timestamp"));
    } else {
      Dataset<Row> perSignature =
          errors
              .groupBy(col("signature"))
              .agg(sum("events").as("events"), min("first_seen").as("first_seen"));
      withEvents =
          fresh
              .join(
                  perSignature,
                  fresh.col("signature").equalTo(perSignature.col("signature")),
                  "left")
              .select(
                  fresh.col("deploy_id"),
                  fresh.col("deploy_started_at"),
                  fresh.col("signature"),
                  coalesce(perSignature.col("events"), lit(0L)).as("events"),
                  perSignature.col("first_seen"));
    }
    List<NewSignature> out = new ArrayList<>();
    for (Row r :
        withEvents
            .orderBy(
                col("deploy_started_at"), col("deploy_id"), col("events").desc(), col("signature"))
            .collectAsList()) {
      out.add(
          new NewSignature(
              r.getAs("deploy_id"),
              r.getAs("signature"),
              r.<Long>getAs("events"),
              instant(r.getAs("first_seen"))));
    }
    return out;
  }

  /**
   * Audit rows in the input tables' usual order (LogSource), unknown sources after them by name.
   */
  private static List<AuditRow> audit(Dataset<Row> audit) {
    List<AuditRow> out = new ArrayList<>();
    for (Row r : audit.orderBy(col("source"), col("run_id")).collectAsList()) {
      Map<String, Long> reasons = new TreeMap<>();
      if (!r.isNullAt(r.fieldIndex("rejected_by_reason"))) {
        scala.jdk.javaapi.CollectionConverters.asJava(
                r.<scala.collection.Map<String, Long>>getAs("rejected_by_reason"))
            .forEach((k, v) -> reasons.put(k, v == null ? 0L : v));
      }
      out.add(
          new AuditRow(
              r.getAs("source"),
              r.getAs("run_id"),
              r.<Long>getAs("files"),
              r.<Long>getAs("bytes"),
              r.<Long>getAs("lines"),
              r.<Long>getAs("parsed"),
              r.<Long>getAs("rejected"),
              reasons,
              r.<Long>getAs("rows"),
              r.<Long>getAs("damaged_files"),
              instant(r.getAs("started_at")),
              instant(r.getAs("finished_at")),
              r.getAs("job_version")));
    }
    List<String> order = Arrays.stream(LogSource.values()).map(LogSource::id).toList();
    out.sort(
        Comparator.comparingInt(
                (AuditRow a) ->
                    order.contains(a.source()) ? order.indexOf(a.source()) : order.size())
            .thenComparing(AuditRow::source)
            .thenComparing(a -> a.runId() == null ? "" : a.runId()));
    return out;
  }

  /**
   * A collected TIMESTAMP: an Instant with the session's java8 API, a java.sql.Timestamp without
   * it.
   */
  private static Instant instant(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    throw new IllegalStateException("not a timestamp: " + v.getClass().getName());
  }
}
