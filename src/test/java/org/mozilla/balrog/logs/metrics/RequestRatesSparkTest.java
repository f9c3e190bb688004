package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.source.RawLogViews;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * {@link RequestRates} on a generated day with a web regression and an admin deploy (LB-generated
 * 5xx during the rollouts, backend 5xx after the regression): totals equal the raw views, hourly
 * figures equal the generator's ground truth, added Dockerflow traffic changes no update row,
 * latencies are real percentiles of the requests.
 */
class RequestRatesSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  @TempDir static Path withProbes;
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
  static JsonNode manifest;
  static Dataset<Row> rates;

  @BeforeAll
  static void generate() throws IOException {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs,
                DAY,
                1,
                3000,
                9L,
                false,
                false,
                List.of(
                    DeploySpec.parse("w1@2026-11-01T12:00:00Z:regression"),
                    DeploySpec.parse("admin1@2026-11-01T14:00:00Z")),
                1.0),
            null);
    manifest = new ObjectMapper().readTree(logs.resolve("manifest.json").toFile());
    rates = compute(logs).cache();
  }

  static Dataset<Row> compute(Path root) {
    Map<LogSource, Dataset<Row>> scans = new EnumMap<>(LogSource.class);
    new InputDiscovery(SPARK.session().sparkContext().hadoopConfiguration())
        .discover(root.toString(), RequestRates.SOURCES, DAY, DAY)
        .forEach((s, fs) -> scans.put(s, LogScan.scan(SPARK.session(), s.format(), fs)));
    return RequestRates.compute(SPARK.session(), scans, DAY);
  }

  @Test
  void hasTheTableColumnsAndEverySource() {
    MetricsAssertions.assertTableColumns(rates, SummaryTables.REQUEST_RATES);
    assertThat(rates.select("source").distinct().collectAsList().stream().map(r -> r.getString(0)))
        .containsExactlyInAnyOrder("aus3", "aus4", "aus5", "aus_api", "admin", "agent");
    assertThat(
            rates
                .where(
                    "bucket_start < TIMESTAMP '2026-11-01 00:00:00Z' OR bucket_start >= TIMESTAMP"
                        + " '2026-11-02 00:00:00Z' OR minute(bucket_start) % 5 <> 0 OR"
                        + " second(bucket_start) <> 0")
                .count())
        .isZero();
    // status classes partition the requests, and lb + backend the 5xx
    assertThat(
            rates
                .where(
                    "status_2xx + status_3xx + status_4xx + status_5xx + status_other <> requests"
                        + " OR lb_5xx + backend_5xx <> status_5xx")
                .count())
        .isZero();
  }

  @Test
  void totalsEqualTheRawViewCountsPerSource() {
    RawLogViews.register(
        SPARK.session(), logs.toString(), EnumSet.copyOf(RequestRates.SOURCES), DAY, DAY);
    Map<String, Long> raw = new HashMap<>();
    for (LogSource s : List.of(LogSource.AUS3, LogSource.AUS4, LogSource.AUS5, LogSource.AUS_API)) {
      raw.put(
          s.id(),
          SPARK
              .session()
              .sql("SELECT count(*) FROM " + s.viewName() + " WHERE log_date = DATE '" + DAY + "'")
              .first()
              .getLong(0));
    }
    for (Row r :
        SPARK
            .session()
            .sql(
                "SELECT server, count(*) FROM "
                    + LogSource.ADMIN_NGINX_ACCESS.viewName()
                    + " WHERE log_date = DATE '"
                    + DAY
                    + "' GROUP BY 1")
            .collectAsList()) {
      raw.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> table = new HashMap<>();
    for (Row r : rates.groupBy("source").sum("requests").collectAsList()) {
      table.put(r.getString(0), r.getLong(1));
    }
    assertThat(table).isEqualTo(raw);
    assertThat(raw.values()).allMatch(n -> n > 0);
  }

  @Test
  void hourlyFiguresEqualTheGroundTruth() {
    rates.createOrReplaceTempView("rates");
    Map<String, Map<String, Long>> actual = new TreeMap<>();
    for (Row r :
        SPARK
            .session()
            .sql(
                "SELECT source, date_trunc('hour', bucket_start), sum(if(endpoint <> 'dockerflow',"
                    + " requests, 0)), sum(if(endpoint <> 'dockerflow', status_5xx, 0)),"
                    + " sum(if(endpoint <> 'dockerflow', lb_5xx, 0)), sum(if(endpoint <>"
                    + " 'dockerflow', backend_5xx, 0)), sum(if(endpoint = 'dockerflow', requests,"
                    + " 0)), sum(if(endpoint IN ('update', 'json'), requests, 0)), sum(if(endpoint"
                    + " IN ('update', 'json'), status_5xx, 0)) FROM rates GROUP BY 1, 2")
            .collectAsList()) {
      Map<String, Long> m = new TreeMap<>();
      String[] names = {
        "requests",
        "status_5xx",
        "lb_5xx",
        "backend_5xx",
        "dockerflow",
        "update_requests",
        "update_5xx"
      };
      for (int i = 0; i < names.length; i++) {
        if (i < 5 || r.getString(0).startsWith("aus")) {
          m.put(names[i], r.getLong(i + 2));
        }
      }
      actual.put(r.getString(0) + " " + r.getInstant(1), m);
    }
    Map<String, Map<String, Long>> expected = new TreeMap<>();
    long lb = 0;
    long backend = 0;
    for (var source : manifest.path("hourly").properties()) {
      for (var hour : source.getValue().properties()) {
        if (!Instant.parse(hour.getKey()).toString().startsWith(DAY.toString())) {
          continue;
        }
        Map<String, Long> m = new TreeMap<>();
        hour.getValue().properties().forEach(e -> m.put(e.getKey(), e.getValue().asLong()));
        lb += m.get("lb_5xx");
        backend += m.get("backend_5xx");
        if (m.values().stream().anyMatch(n -> n > 0)) {
          expected.put(source.getKey() + " " + hour.getKey(), m);
        }
      }
    }
    assertThat(expected).hasSizeGreaterThan(24 * 3);
    assertThat(lb).as("the day has LB-generated 5xx").isGreaterThanOrEqualTo(5);
    assertThat(backend).as("the day has backend 5xx").isPositive();
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void dockerflowTrafficChangesNoUpdateRow() throws IOException {
    copy(logs, withProbes);
    Path folder;
    try (Stream<Path> s = Files.walk(withProbes.resolve("elb/aus5"))) {
      folder = s.filter(p -> p.endsWith(Path.of("2026/11/01"))).findFirst().orElseThrow();
    }
    // heartbeats every 2 s for an hour across the regression deploy: healthy, LB-generated 503s,
    // backend 502s
    List<String> lines = new ArrayList<>();
    long start = Instant.parse("2026-11-01T11:30:00Z").getEpochSecond();
    for (int i = 0; i < 1800; i++) {
      String ts = Instant.ofEpochSecond(start + 2L * i, 123_000L).toString();
      String path =
          i % 3 == 0 ? "/__heartbeat__" : i % 3 == 1 ? "/__lbheartbeat__" : "/__version__";
      String backend =
          i % 10 == 3
              ? "- -1 -1 -1 503 -"
              : i % 10 == 7
                  ? "10.0.4.21:8000 0.000040 0.900000 0.000020 502 502"
                  : "10.0.4.21:8000 0.000040 0.002000 0.000020 200 200";
      lines.add(
          String.format(
              Locale.ROOT,
              "%s aus5-prod 198.51.100.9:%d %s 0 3 \"GET https://aus5.mozilla.org:443%s"
                  + " HTTP/1.1\" \"kube-probe/1.27\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2",
              ts,
              1024 + i,
              backend,
              path));
    }
    Files.write(
        folder.resolve(
            "361527076523_elasticloadbalancing_us-west-2_aus5-prod_20261101T1230Z_10.0.9.9_probes.log"),
        lines);

    Dataset<Row> after = compute(withProbes);
    String update = "source = 'aus5' AND endpoint IN ('update', 'json')";
    assertThat(after.where(update).collectAsList())
        .containsExactlyInAnyOrderElementsOf(rates.where(update).collectAsList());
    String others = "NOT (source = 'aus5' AND endpoint = 'dockerflow')";
    assertThat(after.where(others).collectAsList())
        .containsExactlyInAnyOrderElementsOf(rates.where(others).collectAsList());
    long probesBefore =
        rates
            .where("source = 'aus5' AND endpoint = 'dockerflow'")
            .agg(org.apache.spark.sql.functions.sum("requests"))
            .first()
            .getLong(0);
    Row probes =
        after
            .where("source = 'aus5' AND endpoint = 'dockerflow'")
            .selectExpr("sum(requests)", "sum(lb_5xx)", "sum(backend_5xx)")
            .first();
    assertThat(probes.getLong(0)).isEqualTo(probesBefore + 1800);
    assertThat(probes.getLong(1)).isGreaterThanOrEqualTo(180);
    assertThat(probes.getLong(2)).isGreaterThanOrEqualTo(180);
  }

  @Test
  void latencyPercentilesAreOfTheDispatchedRequests() {
    RawLogViews.register(
        SPARK.session(),
        logs.toString(),
        EnumSet.of(LogSource.AUS5, LogSource.ADMIN_NGINX_ACCESS),
        DAY,
        DAY);
    // the busiest aus5 update bucket: against the sorted latencies of its dispatched requests
    Row elb =
        rates
            .where("source = 'aus5' AND endpoint = 'update'")
            .orderBy(col("requests").desc())
            .first();
    checkPercentiles(
        elb,
        "SELECT (request_processing_time + backend_processing_time + client_response_time) * 1000"
            + " FROM balrog_elb_logs_aus5 WHERE endpoint = 'update' AND request_processing_time >="
            + " 0 AND backend_processing_time >= 0 AND client_response_time >= 0 AND request_time",
        3);
    // the busiest admin API bucket (release automation's bursts)
    Row admin =
        rates
            .where("source = 'admin' AND endpoint = 'api'")
            .orderBy(col("requests").desc())
            .first();
    checkPercentiles(
        admin,
        "SELECT request_time * 1000 FROM log_balrog_admin_nginx_access WHERE server = 'admin'"
            + " AND uri LIKE '/api/%' AND event_time",
        50);
    // a bucket whose requests were all answered by the load balancer has no latency
    assertThat(rates.where("requests = lb_5xx AND latency_p50_ms IS NOT NULL").count()).isZero();
    assertThat(
            rates
                .where("latency_p50_ms > latency_p95_ms OR latency_p95_ms > latency_p99_ms")
                .count())
        .isZero();
  }

  /**
   * Each percentile of {@code row} is a latency of its bucket at (within one of) the quantile's
   * rank.
   */
  private static void checkPercentiles(Row row, String latenciesWhereTime, int minRequests) {
    Instant bucket = row.getAs("bucket_start");
    List<Double> sorted = new ArrayList<>();
    for (Row r :
        SPARK
            .session()
            .sql(
                latenciesWhereTime
                    + " >= TIMESTAMP '"
                    + bucket
                    + "' AND "
                    + latenciesWhereTime.substring(latenciesWhereTime.lastIndexOf(' ') + 1)
                    + " < TIMESTAMP '"
                    + bucket
                    + "' + INTERVAL 5 MINUTES"
                    + " ORDER BY 1")
            .collectAsList()) {
      sorted.add(r.getDouble(0));
    }
    assertThat(sorted).hasSizeGreaterThan(minRequests);
    for (String[] p :
        new String[][] {
          {"latency_p50_ms", "0.5"}, {"latency_p95_ms", "0.95"}, {"latency_p99_ms", "0.99"}
        }) {
      double v = row.getAs(p[0]);
      int first = sorted.indexOf(v);
      int last = sorted.lastIndexOf(v);
      assertThat(first).as(p[0]).isNotNegative();
      double want = Double.parseDouble(p[1]) * sorted.size() - 1;
      // a value of the bucket whose rank (ties span first..last) is within one of the quantile's
      assertThat(want >= first - 1 && want <= last + 1)
          .as("%s = %s, ranks %d-%d of %d", p[0], v, first, last, sorted.size())
          .isTrue();
    }
  }

  @Test
  void nginxAnswersAreTheLoadBalancersAndUpstreamAnswersTheBackends() throws IOException {
    Path file = withProbes.resolveSibling(withProbes.getFileName() + "-nginx.log");
    long t = Instant.parse("2026-11-01T10:00:00Z").getEpochSecond();
    Files.write(
        file,
        List.of(
            "admin "
                + t
                + ".001 \"10.0.1.12\" \"GET /api/rules HTTP/1.1\" 502 300 157 - 0.001 0.000, 0.000"
                + " \"UA\" \"-\"",
            "admin "
                + t
                + ".002 \"10.0.1.12\" \"GET /api/rules HTTP/1.1\" 503 300 157 - 0.000 - \"UA\""
                + " \"-\"",
            "admin "
                + t
                + ".003 \"10.0.1.12\" \"GET /api/rules/1 HTTP/1.1\" 500 300 291 - 0.050 0.049"
                + " \"UA\" \"-\"",
            "admin "
                + t
                + ".004 \"10.0.1.12\" \"PUT /api/rules/1 HTTP/1.1\" 504 300 167 - 60.001 60.000"
                + " \"UA\" \"-\"",
            "admin "
                + t
                + ".005 \"10.0.1.12\" \"GET /api/rules HTTP/1.1\" 200 300 61000 - 0.080 0.079"
                + " \"UA\" \"-\"",
            "admin "
                + t
                + ".006 \"10.0.1.5\" \"GET /__heartbeat__ HTTP/1.1\" 502 300 40 - 0.002 0.001"
                + " \"UA\" \"-\"",
            "agent "
                + t
                + ".007 \"127.0.0.1\" \"GET /static/app.js HTTP/1.1\" 404 300 10 - 0.001 - \"UA\""
                + " \"-\""));
    InputFile in =
        new InputFile(
            file.toString(),
            LogSource.ADMIN_NGINX_ACCESS,
            LogFormat.NGINX_ACCESS,
            DAY,
            Files.size(file));
    Dataset<Row> scan = LogScan.scan(SPARK.session(), LogFormat.NGINX_ACCESS, List.of(in));
    List<String> rows = new ArrayList<>();
    for (Row r :
        RequestRates.compute(SPARK.session(), Map.of(LogSource.ADMIN_NGINX_ACCESS, scan), DAY)
            .orderBy("source", "endpoint")
            .collectAsList()) {
      rows.add(
          String.format(
              Locale.ROOT,
              "%s %s %s n=%d 2xx=%d 4xx=%d 5xx=%d lb=%d backend=%d p50=%.0f bytes=%d",
              r.getAs("bucket_start"),
              r.getAs("source"),
              r.getAs("endpoint"),
              (Long) r.getAs("requests"),
              (Long) r.getAs("status_2xx"),
              (Long) r.getAs("status_4xx"),
              (Long) r.getAs("status_5xx"),
              (Long) r.getAs("lb_5xx"),
              (Long) r.getAs("backend_5xx"),
              (Double) r.getAs("latency_p50_ms"),
              (Long) r.getAs("bytes_sent")));
    }
    assertThat(rows)
        .containsExactly(
            "2026-11-01T10:00:00Z admin api n=5 2xx=1 4xx=0 5xx=4 lb=2 backend=2 p50=50"
                + " bytes=61772",
            "2026-11-01T10:00:00Z admin dockerflow n=1 2xx=0 4xx=0 5xx=1 lb=1 backend=0 p50=2"
                + " bytes=40",
            "2026-11-01T10:00:00Z agent other n=1 2xx=0 4xx=1 5xx=0 lb=0 backend=0 p50=1 bytes=10");
  }

  @Test
  void noStringHoldsAnIpAddress() {
    for (Row r : rates.select("source", "endpoint").distinct().collectAsList()) {
      assertThat(IPV4.matcher(r.getString(0) + " " + r.getString(1)).find()).isFalse();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
