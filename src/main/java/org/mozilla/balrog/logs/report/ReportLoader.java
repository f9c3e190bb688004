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
import static org.mozilla.balrog.logs.sink.RowValues.instant;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.mozilla.balrog.logs.report.ReportData.ChannelVersions;
import org.mozilla.balrog.logs.report.ReportData.ErrorSignature;
import org.mozilla.balrog.logs.report.ReportData.NewSignature;
import org.mozilla.balrog.logs.report.ReportData.UpdateBucket;
import org.mozilla.balrog.logs.report.ReportData.VersionClients;
import org.mozilla.balrog.logs.sink.AppErrorsTable;
import org.mozilla.balrog.logs.sink.DeployImpactTable;
import org.mozilla.balrog.logs.sink.DeployRow;
import org.mozilla.balrog.logs.sink.DeploysTable;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.IngestAuditRow;
import org.mozilla.balrog.logs.sink.IngestAuditTable;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.RequestRatesTable;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.sink.UpdatePopulationTable;

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

  // columns the loader's own aggregations add
  private static final String SKETCH = "sketch";
  private static final String RANK = "rank";
  private static final String TOP = "top";
  private static final String VERSIONS = "versions";
  private static final String FOLDED = "folded";
  private static final String MAX_HOSTS = "max_hosts";

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

  /**
   * The report data of {@code date} from the tables under {@code outputRoot}, without {@link
   * ReportData#pushWindows} (the {@code report} job judges them with the deploy-window rules).
   */
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
        audit == null ? List.of() : audit(audit),
        List.of());
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
                col(RequestRatesTable.SOURCE)
                    .isin(UPDATE_DOMAINS.toArray())
                    .and(col(RequestRatesTable.ENDPOINT).isin(UPDATE_ENDPOINTS.toArray())))
            .groupBy(col(RequestRatesTable.BUCKET_START))
            .agg(
                sum(RequestRatesTable.REQUESTS).as(RequestRatesTable.REQUESTS),
                sum(RequestRatesTable.STATUS_5XX).as(RequestRatesTable.STATUS_5XX),
                sum(RequestRatesTable.LB_5XX).as(RequestRatesTable.LB_5XX),
                max(RequestRatesTable.LATENCY_P95_MS).as(RequestRatesTable.LATENCY_P95_MS))
            .orderBy(col(RequestRatesTable.BUCKET_START))
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

  private static List<DeployRow> deploys(Dataset<Row> deploys) {
    return deploys
        .orderBy(col(DeploysTable.STARTED_AT), col(DeploysTable.DEPLOY_ID))
        .collectAsList()
        .stream()
        .map(DeployRow::fromRow)
        .toList();
  }

  /** Per deploy (by start) its overall row, then the metrics by name. */
  private static List<ImpactRow> verdicts(Dataset<Row> impact) {
    Column metric = col(DeployImpactTable.METRIC);
    return impact
        .orderBy(
            col(DeployImpactTable.DEPLOY_STARTED_AT),
            col(DeployImpactTable.DEPLOY_ID),
            when(metric.equalTo(ImpactRow.OVERALL), 0).otherwise(1),
            metric)
        .collectAsList()
        .stream()
        .map(ImpactRow::fromRow)
        .toList();
  }

  /**
   * Clients per product version on each main channel (test channels excluded), the sketches of all
   * domains, OSes and architectures merged: the top {@link #TOP_VERSIONS} by clients, then the rest
   * (with the folded {@code other} cells) merged into one group, and the channel total.
   */
  private List<ChannelVersions> channels(Dataset<Row> population) {
    Column channel = col(UpdatePopulationTable.CHANNEL);
    Column version = col(UpdatePopulationTable.VERSION);
    Dataset<Row> cells =
        population
            .where(
                col(UpdatePopulationTable.IS_TEST_CHANNEL)
                    .equalTo(false)
                    .and(channel.isin(MAIN_CHANNELS.toArray()))
                    .and(
                        not(col(UpdatePopulationTable.PRODUCT).isin(COMPONENT_PRODUCTS.toArray()))))
            .groupBy(channel, col(UpdatePopulationTable.PRODUCT), version)
            .agg(
                hll_union_agg(col(UpdatePopulationTable.CLIENTS_SKETCH), true).as(SKETCH),
                sum(UpdatePopulationTable.REQUESTS).as(UpdatePopulationTable.REQUESTS))
            .withColumn(UpdatePopulationTable.CLIENTS, hll_sketch_estimate(col(SKETCH)))
            .withColumn(
                RANK,
                row_number()
                    .over(
                        Window.partitionBy(channel)
                            .orderBy(
                                when(version.equalTo(SummaryTables.OTHER), 1).otherwise(0),
                                col(UpdatePopulationTable.CLIENTS).desc(),
                                col(UpdatePopulationTable.REQUESTS).desc(),
                                col(UpdatePopulationTable.PRODUCT),
                                version)))
            .withColumn(TOP, col(RANK).leq(TOP_VERSIONS).and(version.notEqual(SummaryTables.OTHER)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, List<VersionClients>> top = new HashMap<>();
      for (Row r : cells.where(col(TOP)).orderBy(channel, col(RANK)).collectAsList()) {
        top.computeIfAbsent(r.getAs(UpdatePopulationTable.CHANNEL), c -> new ArrayList<>())
            .add(
                new VersionClients(
                    r.getAs(UpdatePopulationTable.PRODUCT),
                    r.getAs(UpdatePopulationTable.VERSION),
                    r.<Long>getAs(UpdatePopulationTable.CLIENTS),
                    r.<Long>getAs(UpdatePopulationTable.REQUESTS)));
      }
      Map<String, Row> rest = byChannel(cells.where(col(TOP).equalTo(false)));
      Map<String, Row> total = byChannel(cells);
      List<ChannelVersions> out = new ArrayList<>();
      for (String name : MAIN_CHANNELS) {
        Row t = total.get(name);
        if (t == null) {
          continue;
        }
        Row o = rest.get(name);
        out.add(
            new ChannelVersions(
                name,
                top.getOrDefault(name, List.of()),
                o == null ? 0 : o.<Long>getAs(VERSIONS),
                o != null && o.<Boolean>getAs(FOLDED),
                o == null ? 0 : o.<Long>getAs(UpdatePopulationTable.CLIENTS),
                o == null ? 0 : o.<Long>getAs(UpdatePopulationTable.REQUESTS),
                t.<Long>getAs(UpdatePopulationTable.CLIENTS),
                t.<Long>getAs(UpdatePopulationTable.REQUESTS)));
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
    Column version = col(UpdatePopulationTable.VERSION);
    Map<String, Row> out = new TreeMap<>();
    cells
        .groupBy(col(UpdatePopulationTable.CHANNEL))
        .agg(
            hll_sketch_estimate(hll_union_agg(col(SKETCH), true)).as(UpdatePopulationTable.CLIENTS),
            sum(UpdatePopulationTable.REQUESTS).as(UpdatePopulationTable.REQUESTS),
            count(when(version.notEqual(SummaryTables.OTHER), 1)).as(VERSIONS),
            max(version.equalTo(SummaryTables.OTHER)).as(FOLDED))
        .collectAsList()
        .forEach(r -> out.put(r.getAs(UpdatePopulationTable.CHANNEL), r));
    return out;
  }

  /** The day's signatures with the most events: hourly rows summed per app and signature. */
  private static List<ErrorSignature> topErrors(Dataset<Row> errors) {
    List<ErrorSignature> out = new ArrayList<>();
    for (Row r :
        signatures(errors)
            .orderBy(
                col(AppErrorsTable.EVENTS).desc(),
                col(AppErrorsTable.APP),
                col(AppErrorsTable.SIGNATURE))
            .limit(TOP_ERRORS)
            .collectAsList()) {
      out.add(
          new ErrorSignature(
              r.getAs(AppErrorsTable.APP),
              r.getAs(AppErrorsTable.SIGNATURE),
              r.getAs(AppErrorsTable.SEVERITY),
              r.getAs(AppErrorsTable.EXCEPTION_TYPE),
              r.<Long>getAs(AppErrorsTable.EVENTS),
              r.<Long>getAs(MAX_HOSTS),
              instant(r.getAs(AppErrorsTable.FIRST_SEEN)),
              instant(r.getAs(AppErrorsTable.LAST_SEEN)),
              r.getAs(AppErrorsTable.SAMPLE)));
    }
    return out;
  }

  /**
   * Per app and signature over the day: events, the most hosts in one hour, first and last seen,
   * the highest severity, an exception type, and the sample of the earliest hour. Ties are broken
   * on the values themselves so the result does not depend on row order.
   */
  private static Dataset<Row> signatures(Dataset<Row> errors) {
    Column severity = col(AppErrorsTable.SEVERITY);
    Column severityRank =
        when(upper(severity).isin("EMERG", "EMERGENCY"), 8)
            .when(upper(severity).equalTo("ALERT"), 7)
            .when(upper(severity).isin("CRIT", "CRITICAL", "FATAL"), 6)
            .when(upper(severity).isin("ERROR", "ERR"), 5)
            .when(upper(severity).isin("WARN", "WARNING"), 4)
            .when(upper(severity).equalTo("NOTICE"), 3)
            .when(upper(severity).equalTo("INFO"), 2)
            .otherwise(1);
    return errors
        .groupBy(col(AppErrorsTable.APP), col(AppErrorsTable.SIGNATURE))
        .agg(
            sum(AppErrorsTable.EVENTS).as(AppErrorsTable.EVENTS),
            max(AppErrorsTable.HOSTS).as(MAX_HOSTS),
            min(AppErrorsTable.FIRST_SEEN).as(AppErrorsTable.FIRST_SEEN),
            max(AppErrorsTable.LAST_SEEN).as(AppErrorsTable.LAST_SEEN),
            max_by(severity, struct(severityRank, severity)).as(AppErrorsTable.SEVERITY),
            max(AppErrorsTable.EXCEPTION_TYPE).as(AppErrorsTable.EXCEPTION_TYPE),
            min_by(
                    col(AppErrorsTable.SAMPLE),
                    struct(col(AppErrorsTable.FIRST_SEEN), col(AppErrorsTable.SAMPLE)))
                .as(AppErrorsTable.SAMPLE));
  }

  /**
   * The signatures deploy_impact lists as new after each deploy, with their events on the day from
   * app_errors (0 when app_errors has none for the date).
   */
  private static List<NewSignature> newErrors(Dataset<Row> impact, Dataset<Row> errors) {
    Dataset<Row> fresh =
        impact
            .select(
                col(DeployImpactTable.DEPLOY_ID),
                col(DeployImpactTable.DEPLOY_STARTED_AT),
                explode(col(DeployImpactTable.NEW_SIGNATURES)).as(AppErrorsTable.SIGNATURE))
            .distinct();
    Dataset<Row> withEvents;
    if (errors == null) {
      withEvents =
          fresh
              .withColumn(AppErrorsTable.EVENTS, lit(0L))
              .withColumn(AppErrorsTable.FIRST_SEEN, lit(null).cast("timestamp"));
    } else {
      Dataset<Row> perSignature =
          errors
              .groupBy(col(AppErrorsTable.SIGNATURE))
              .agg(
                  sum(AppErrorsTable.EVENTS).as(AppErrorsTable.EVENTS),
                  min(AppErrorsTable.FIRST_SEEN).as(AppErrorsTable.FIRST_SEEN));
      withEvents =
          fresh
              .join(
                  perSignature,
                  fresh
                      .col(AppErrorsTable.SIGNATURE)
                      .equalTo(perSignature.col(AppErrorsTable.SIGNATURE)),
                  "left")
              .select(
                  fresh.col(DeployImpactTable.DEPLOY_ID),
                  fresh.col(DeployImpactTable.DEPLOY_STARTED_AT),
                  fresh.col(AppErrorsTable.SIGNATURE),
                  coalesce(perSignature.col(AppErrorsTable.EVENTS), lit(0L))
                      .as(AppErrorsTable.EVENTS),
                  perSignature.col(AppErrorsTable.FIRST_SEEN));
    }
    List<NewSignature> out = new ArrayList<>();
    for (Row r :
        withEvents
            .orderBy(
                col(DeployImpactTable.DEPLOY_STARTED_AT),
                col(DeployImpactTable.DEPLOY_ID),
                col(AppErrorsTable.EVENTS).desc(),
                col(AppErrorsTable.SIGNATURE))
            .collectAsList()) {
      out.add(
          new NewSignature(
              r.getAs(DeployImpactTable.DEPLOY_ID),
              r.getAs(AppErrorsTable.SIGNATURE),
              r.<Long>getAs(AppErrorsTable.EVENTS),
              instant(r.getAs(AppErrorsTable.FIRST_SEEN))));
    }
    return out;
  }

  /**
   * Audit rows in the input tables' usual order (LogSource), unknown sources after them by name.
   */
  private static List<IngestAuditRow> audit(Dataset<Row> audit) {
    List<IngestAuditRow> out =
        new ArrayList<>(
            audit
                .orderBy(col(IngestAuditTable.SOURCE), col(IngestAuditTable.RUN_ID))
                .collectAsList()
                .stream()
                .map(IngestAuditRow::fromRow)
                .toList());
    List<String> order = Arrays.stream(LogSource.values()).map(LogSource::id).toList();
    out.sort(
        Comparator.comparingInt(
                (IngestAuditRow a) ->
                    order.contains(a.source()) ? order.indexOf(a.source()) : order.size())
            .thenComparing(IngestAuditRow::source)
            .thenComparing(a -> a.runId() == null ? "" : a.runId()));
    return out;
  }
}
