package org.mozilla.balrog.logs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
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
 * {@link AdminActivity} on a generated day (people, release automation and the agents on the admin
 * API) and on a few hand-written lines with HTTP Basic users.
 */
class AdminActivitySparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  @TempDir static Path handWritten;
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  static JsonNode manifest;
  static Dataset<Row> activity;

  @BeforeAll
  static void generate() throws IOException {
    new SampleGenerator()
        .run(new GeneratorConfig(logs, DAY, 1, 100, 3L, false, false, List.of(), 1.0), null);
    manifest = new ObjectMapper().readTree(logs.resolve("manifest.json").toFile());
    List<InputFile> files =
        new InputDiscovery(SPARK.session().sparkContext().hadoopConfiguration())
            .discover(logs.toString(), EnumSet.of(LogSource.ADMIN_NGINX_ACCESS), DAY, DAY)
            .get(LogSource.ADMIN_NGINX_ACCESS);
    activity =
        AdminActivity.compute(LogScan.scan(SPARK.session(), LogFormat.NGINX_ACCESS, files), DAY)
            .cache();
  }

  @Test
  void routesAreTemplatesOfTheAdminApi() {
    MetricsAssertions.assertTableColumns(activity, SummaryTables.ADMIN_ACTIVITY);
    Set<String> admin = routes("admin");
    assertThat(admin)
        .contains(
            "/api/rules",
            "/api/rules/{id}",
            "/api/rules/{id}/revisions",
            "/api/releases",
            "/api/releases/{release}",
            "/api/releases/{release}/builds/{platform}/{locale}",
            "/api/scheduled_changes/rules",
            "/api/scheduled_changes/rules/{sc_id}",
            "/api/scheduled_changes/rules/{sc_id}/signoffs",
            "/api/required_signoffs/product",
            "/api/users/{username}",
            "/api/csrf_token");
    assertThat(admin)
        .allMatch(r -> !r.matches(".*\\d.*"), "no ids")
        .noneMatch(r -> r.startsWith("/__"));
    assertThat(routes("agent"))
        .containsExactlyInAnyOrder(
            "/api/scheduled_changes/rules",
            "/api/scheduled_changes/releases",
            "/api/scheduled_changes/emergency_shutoff",
            "/api/scheduled_changes/rules/{sc_id}/enact");
    assertThat(activity.where("method NOT IN ('GET', 'PUT', 'POST', 'DELETE')").count()).isZero();
    assertThat(activity.where("users <> 0").count()).as("no HTTP Basic users after 2019").isZero();
    assertThat(activity.where("latency_p95_ms IS NULL OR latency_p95_ms < 0").count()).isZero();
  }

  @Test
  void requestsAreTheNonDockerflowLinesOfTheDay() {
    RawLogViews.register(
        SPARK.session(), logs.toString(), EnumSet.of(LogSource.ADMIN_NGINX_ACCESS), DAY, DAY);
    for (String app : List.of("admin", "agent")) {
      long raw =
          SPARK
              .session()
              .sql(
                  "SELECT count(*) FROM log_balrog_admin_nginx_access WHERE log_date = DATE '"
                      + DAY
                      + "' AND server = '"
                      + app
                      + "' AND uri NOT IN ('/__heartbeat__', '/__lbheartbeat__', '/__version__')")
              .first()
              .getLong(0);
      long table =
          activity
              .where("app = '" + app + "'")
              .agg(org.apache.spark.sql.functions.sum("requests"))
              .first()
              .getLong(0);
      assertThat(table).as(app).isEqualTo(raw).isPositive();
      // and the 5xx equal the ground truth
      long truth = 0;
      for (var hour : manifest.path("hourly").path(app).properties()) {
        if (Instant.parse(hour.getKey()).toString().startsWith(DAY.toString())) {
          truth += hour.getValue().path("status_5xx").asLong();
        }
      }
      assertThat(
              activity
                  .where("app = '" + app + "' AND status_class = '5xx'")
                  .agg(
                      org.apache.spark.sql.functions.coalesce(
                          org.apache.spark.sql.functions.sum("requests"),
                          org.apache.spark.sql.functions.lit(0L)))
                  .first()
                  .getLong(0))
          .as(app)
          .isEqualTo(truth);
    }
  }

  @Test
  void usersAreDistinctRemoteUsers() throws IOException {
    Path file = handWritten.resolve("access.log");
    long t = Instant.parse("2026-11-01T10:00:00Z").getEpochSecond();
    List<String> lines = new ArrayList<>();
    String[][] requests = {
      {"alice", "GET /api/rules/12", "200"},
      {"bob", "GET /api/rules/13?x=1", "200"},
      {"alice", "GET /api/rules/14", "200"},
      {"-", "GET /api/rules/15", "401"},
      {"carol", "PUT /api/rules/12", "500"},
      {"-", "GET /__heartbeat__", "200"},
      {"dave", "BREW /api/rules/1", "405"},
      {"erin", "GET /api/users/erin@example.com", "200"},
    };
    for (int i = 0; i < requests.length; i++) {
      String[] r = requests[i];
      lines.add(
          String.format(
              Locale.ROOT,
              "admin %d.%03d \"10.0.1.12\" \"%s HTTP/1.1\" %s 300 10 %s 0.%03d 0.010 \"UA\""
                  + " \"-\"",
              t,
              i,
              r[1],
              r[2],
              r[0],
              10 * (i + 1)));
    }
    Files.write(file, lines);
    InputFile in =
        new InputFile(
            file.toString(),
            LogSource.ADMIN_NGINX_ACCESS,
            LogFormat.NGINX_ACCESS,
            DAY,
            Files.size(file));
    List<String> rows = new ArrayList<>();
    for (Row r :
        AdminActivity.compute(
                SPARK.session(),
                Map.of(
                    LogSource.ADMIN_NGINX_ACCESS,
                    LogScan.scan(SPARK.session(), LogFormat.NGINX_ACCESS, List.of(in))),
                DAY)
            .orderBy("app", "method", "route", "status_class")
            .collectAsList()) {
      rows.add(
          String.format(
              Locale.ROOT,
              "%s %s %s %s n=%d users=%d p95=%.0f",
              r.getAs("app"),
              r.getAs("method"),
              r.getAs("route"),
              r.getAs("status_class"),
              (Long) r.getAs("requests"),
              (Long) r.getAs("users"),
              (Double) r.getAs("latency_p95_ms")));
    }
    assertThat(rows)
        .containsExactly(
            "admin GET /api/rules/{id} 2xx n=3 users=2 p95=30",
            "admin GET /api/rules/{id} 4xx n=1 users=0 p95=40",
            "admin GET /api/users/{username} 2xx n=1 users=1 p95=80",
            "admin PUT /api/rules/{id} 5xx n=1 users=1 p95=50",
            "admin other /api/rules/{id} 4xx n=1 users=1 p95=70");
  }

  @Test
  void linesOfAStandardNginxLayoutCountAsAppOther() throws IOException {
    Path file = handWritten.resolve("combined.log");
    Files.write(
        file,
        List.of(
            "10.0.1.12 - - [01/Nov/2026:10:00:00 +0000] \"GET /api/rules/12 HTTP/1.1\" 200 10 \"-\""
                + " \"UA\" 0.020 0.010",
            "10.0.1.12 - bob [01/Nov/2026:11:00:00 +0100] \"GET /api/rules/13 HTTP/1.1\" 200 10"
                + " \"-\" \"UA\"",
            "admin 1793527200.000 \"10.0.1.12\" \"GET /api/rules/14 HTTP/1.1\" 200 300 10 - 0.030"
                + " 0.010 \"UA\" \"-\""));
    InputFile in =
        new InputFile(
            file.toString(),
            LogSource.ADMIN_NGINX_ACCESS,
            LogFormat.NGINX_ACCESS,
            DAY,
            Files.size(file));
    Map<LogSource, Dataset<Row>> scans =
        Map.of(
            LogSource.ADMIN_NGINX_ACCESS,
            LogScan.scan(SPARK.session(), LogFormat.NGINX_ACCESS, List.of(in)));
    List<String> rows = new ArrayList<>();
    for (Row r :
        AdminActivity.compute(SPARK.session(), scans, DAY).orderBy("app").collectAsList()) {
      rows.add(
          r.getAs("app")
              + " "
              + r.getAs("route")
              + " n="
              + r.getAs("requests")
              + " users="
              + r.getAs("users"));
    }
    assertThat(rows)
        .containsExactly("admin /api/rules/{id} n=1 users=0", "other /api/rules/{id} n=2 users=1");
    assertThat(
            RequestRates.compute(SPARK.session(), scans, DAY)
                .select("source")
                .distinct()
                .collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("admin", "other");
  }

  @Test
  void noDataGivesNoRows() {
    assertThat(AdminActivity.compute(SPARK.session(), Map.of(), DAY).count()).isZero();
  }

  private static Set<String> routes(String app) {
    return new TreeSet<>(
        activity.where("app = '" + app + "'").select("route").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .toList());
  }
}
