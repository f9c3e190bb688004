package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.sink.AvroSchemas;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.LocalSpark;
import org.mozilla.balrog.logs.testing.ParquetAvroReader;

/**
 * {@code daily} on one generated day of 20 000 installs, with ground truth: client estimates
 * against exact distinct fingerprints and true clients, small-cell folding keeping totals, no IP
 * address in any output, every table readable by parquet-avro against its exported Avro schema, and
 * a rerun giving identical rows.
 */
class DailyJobSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  @TempDir static Path out;
  @TempDir static Path outFolded;
  static JsonNode manifest;
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
  static final Pattern IPV6 = Pattern.compile("\\b[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4}){2,7}\\b");

  @BeforeAll
  static void generateAndRun() throws IOException {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs,
                DAY,
                1,
                20_000,
                11L,
                false,
                false,
                List.of(org.mozilla.balrog.logs.gen.DeploySpec.parse("v9@" + DAY + "T12:00Z")),
                1.0),
            null);
    manifest = new ObjectMapper().readTree(logs.resolve("manifest.json").toFile());
    daily(out, 1);
    daily(outFolded, 50);
  }

  static List<DailyJob.DayResult> daily(Path output, long minClients) {
    JobConfig cfg = JobConfig.defaults().withInput(logs.toString()).withOutput(output.toString());
    return DailyJob.run(
        SPARK.session(),
        cfg,
        new DailyJob.Options(DAY, DAY, Sketches.DEFAULT_LG_K, minClients, 0.01),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  static Dataset<Row> table(Path output, SummaryTable t) {
    return PartitionWriter.read(SPARK.session(), t, output.toString());
  }

  @Test
  void clientEstimatesMatchTheGroundTruth() {
    table(out, SummaryTables.UPDATE_POPULATION).createOrReplaceTempView("pop");
    Map<String, Long> estimated = new HashMap<>();
    for (Row r :
        SPARK
            .session()
            .sql(
                "SELECT concat_ws('|', domain, product, version, channel),"
                    + " hll_sketch_estimate(hll_union_agg(clients_sketch)), sum(requests) FROM pop"
                    + " GROUP BY 1")
            .collectAsList()) {
      estimated.put(r.getString(0), r.getLong(1));
    }
    List<String> report = new ArrayList<>();
    int checked = 0;
    for (JsonNode g : manifest.path("population").path("by_normalized_channel")) {
      if (!g.path("log_date").asText().equals(DAY.toString())
          || g.path("clients").asLong() < 1000) {
        continue;
      }
      String key =
          String.join(
              "|",
              g.path("domain").asText(),
              g.path("product").asText(),
              g.path("version").asText(),
              g.path("channel_normalized").asText());
      long est = estimated.getOrDefault(key, 0L);
      double vsFingerprints = relErr(est, g.path("fingerprints").asLong());
      double vsClients = relErr(est, g.path("clients").asLong());
      report.add(
          String.format(
              Locale.ROOT,
              "%-45s clients=%6d fingerprints=%6d estimate=%6d err_fp=%+.2f%% err_true=%+.2f%%",
              key,
              g.path("clients").asLong(),
              g.path("fingerprints").asLong(),
              est,
              100 * vsFingerprints,
              100 * vsClients));
      assertThat(Math.abs(vsFingerprints)).as(key).isLessThanOrEqualTo(0.02);
      assertThat(Math.abs(vsClients)).as(key).isLessThanOrEqualTo(0.05);
      checked++;
    }
    report.forEach(System.out::println);
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  @Test
  void foldingKeepsRequestTotalsAndHidesSmallCells() {
    table(out, SummaryTables.UPDATE_POPULATION).createOrReplaceTempView("pop_all");
    table(outFolded, SummaryTables.UPDATE_POPULATION).createOrReplaceTempView("pop_folded");
    // requests add up per domain, and per product and channel where the channel was not folded
    String totals = "SELECT domain, sum(requests), sum(background_requests) FROM %s GROUP BY 1";
    assertThat(SPARK.session().sql(totals.formatted("pop_folded")).collectAsList())
        .containsExactlyInAnyOrderElementsOf(
            SPARK.session().sql(totals.formatted("pop_all")).collectAsList());
    String kept =
        "SELECT domain, product, channel, sum(requests) FROM %s WHERE (domain, product, channel) IN"
            + " (SELECT domain, product, channel FROM pop_folded WHERE product <> 'other' AND"
            + " channel <> 'other') GROUP BY 1, 2, 3";
    assertThat(SPARK.session().sql(kept.formatted("pop_folded")).collectAsList())
        .hasSizeGreaterThan(3)
        .containsExactlyInAnyOrderElementsOf(
            SPARK.session().sql(kept.formatted("pop_all")).collectAsList());
    // every unfolded cell and every named version is at least min_clients; folded rows say how many
    // cells they hold
    assertThat(
            SPARK
                .session()
                .sql("SELECT count(*) FROM pop_folded WHERE folded_cells = 0 AND clients < 50")
                .first()
                .getLong(0))
        .isZero();
    assertThat(
            SPARK
                .session()
                .sql(
                    "SELECT count(*) FROM (SELECT domain, product, channel, version FROM pop_folded"
                        + " WHERE version <> 'other' GROUP BY 1, 2, 3, 4"
                        + " HAVING hll_sketch_estimate(hll_union_agg(clients_sketch)) < 50)")
                .first()
                .getLong(0))
        .isZero();
    assertThat(
            SPARK
                .session()
                .sql("SELECT count(*) FROM pop_folded WHERE version = 'other' AND folded_cells > 0")
                .first()
                .getLong(0))
        .isPositive();
    // and the request total equals the ground truth
    long truth = 0;
    for (JsonNode g : manifest.path("population").path("by_normalized_channel")) {
      if (g.path("log_date").asText().equals(DAY.toString())) {
        truth += g.path("requests").asLong();
      }
    }
    assertThat(SPARK.session().sql("SELECT sum(requests) FROM pop_folded").first().getLong(0))
        .isEqualTo(truth);
  }

  @Test
  void noOutputContainsAnIpAddress() {
    for (Path root : List.of(out, outFolded)) {
      for (SummaryTable t : SummaryTables.all()) {
        Dataset<Row> d = table(root, t);
        for (StructField f : d.schema().fields()) {
          String type = f.dataType().simpleString();
          String expr =
              type.equals("string")
                  ? "`" + f.name() + "`"
                  : type.startsWith("map<string")
                      ? "concat_ws(',', map_keys(`" + f.name() + "`))"
                      : type.startsWith("array<string")
                          ? "concat_ws(',', `" + f.name() + "`)"
                          : null;
          if (expr == null) {
            continue;
          }
          for (Row r : d.selectExpr(expr).distinct().collectAsList()) {
            String v = r.getString(0);
            if (v != null) {
              assertThat(IPV4.matcher(v).find() || IPV6.matcher(v).find())
                  .as("%s.%s = %s", t.name(), f.name(), v)
                  .isFalse();
            }
          }
        }
      }
    }
  }

  @Test
  void parquetAvroReadsEveryTableWithItsExportedSchema() throws IOException {
    for (SummaryTable t : SummaryTables.all()) {
      Path partition = out.resolve(t.name()).resolve("log_date=" + DAY);
      assertThat(
              ParquetAvroReader.schema(partition).getFields().stream().map(f -> f.name()).toList())
          .as(t.name())
          .isEqualTo(t.columnNames());
      List<GenericRecord> records = ParquetAvroReader.read(partition);
      assertThat(records).as(t.name()).isNotEmpty();
      assertThat(records.size()).isEqualTo((int) table(out, t).count());
      assertThat(AvroSchemas.schema(t).getFields().stream().map(f -> f.name()).toList())
          .isEqualTo(t.columnNames());
    }
    // the audit accounts for every line the generator wrote
    long lines = 0;
    for (GenericRecord r :
        ParquetAvroReader.read(out.resolve("ingest_audit").resolve("log_date=" + DAY))) {
      assertThat((Long) r.get("parsed") + (Long) r.get("rejected"))
          .isEqualTo((Long) r.get("lines"));
      lines += (Long) r.get("lines");
    }
    assertThat(lines).isPositive();
  }

  /**
   * The first run interprets its SQL and runs it without adaptive execution (the day's nginx and
   * syslog files are small: {@link SmallDaySql}); the rerun compiles it and runs it adaptively,
   * because the session was given one setting of each group. Both give the same rows, and daily
   * leaves the session's settings as it found them.
   */
  @Test
  void rerunGivesIdenticalRowsAndCompiledAdaptiveSqlTheSameAsInterpreted() throws IOException {
    Map<String, List<String>> before = snapshot(outFolded);
    SparkSession spark = SPARK.session();
    String wholeStage = "spark.sql.codegen.wholeStage";
    assertThat(SmallDaySql.INTERPRETED).containsKey(wholeStage);
    assertThat(SmallDaySql.INTERPRETED.keySet()).noneMatch(spark.conf()::contains);
    assertThat(spark.conf().contains(SmallDaySql.ADAPTIVE)).isFalse();
    String partitions = spark.conf().get(SmallDaySql.SHUFFLE_PARTITIONS);
    spark.conf().set(wholeStage, "true");
    spark.conf().set(SmallDaySql.ADAPTIVE, "true");
    try {
      List<DailyJob.DayResult> again = daily(outFolded, 50);
      assertThat(again.get(0).rowsWritten().get("update_population")).isPositive();
      assertThat(spark.conf().get(wholeStage)).isEqualTo("true");
      assertThat(spark.conf().get(SmallDaySql.ADAPTIVE)).isEqualTo("true");
      assertThat(spark.conf().get(SmallDaySql.SHUFFLE_PARTITIONS)).isEqualTo(partitions);
      assertThat(SmallDaySql.INTERPRETED.keySet())
          .filteredOn(k -> !k.equals(wholeStage))
          .noneMatch(spark.conf()::contains);
    } finally {
      spark.conf().unset(wholeStage);
      spark.conf().unset(SmallDaySql.ADAPTIVE);
    }
    Map<String, List<String>> after = snapshot(outFolded);
    assertThat(after).isEqualTo(before);
  }

  /**
   * Sorted rows (sketches as hex) of the tables computed from the logs (the audit has times and a
   * run id).
   */
  private static Map<String, List<String>> snapshot(Path output) {
    Map<String, List<String>> m = new TreeMap<>();
    for (SummaryTable t :
        List.of(
            SummaryTables.UPDATE_POPULATION,
            SummaryTables.UPDATE_POPULATION_SKETCHES,
            SummaryTables.UPDATE_POPULATION_ROLLING,
            SummaryTables.UPDATE_POPULATION_FOLDS,
            SummaryTables.REQUEST_RATES,
            SummaryTables.APP_ERRORS,
            SummaryTables.ADMIN_ACTIVITY,
            SummaryTables.RELEASE_ACTIVITY,
            SummaryTables.DEPLOYS,
            SummaryTables.DEPLOY_IMPACT)) {
      List<String> rows = new ArrayList<>();
      for (Row r : table(output, t).collectAsList()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.size(); i++) {
          Object v = r.get(i);
          sb.append(
                  v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : String.valueOf(v))
              .append('|');
        }
        rows.add(sb.toString());
      }
      rows.sort(null);
      m.put(t.name(), rows);
    }
    return m;
  }

  private static double relErr(long est, long truth) {
    return (double) (est - truth) / truth;
  }

  static long countFiles(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).count();
    }
  }
}
