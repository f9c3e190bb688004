package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * {@link AppErrors} on a generated day with a regression deploy of each app: the regression's new
 * signature appears after its rollout and not before, one signature per error across hosts and line
 * numbers, restart banners and migration lines are not errors, no IP address in any string.
 */
class AppErrorsSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  static final Instant WEB_DEPLOY = Instant.parse("2026-11-01T12:00:00Z");
  static final Instant ADMIN_DEPLOY = Instant.parse("2026-11-01T14:00:00Z");
  static final Instant AGENT_DEPLOY = Instant.parse("2026-11-01T15:00:00Z");
  static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
  static Map<LogSource, List<InputFile>> files;
  static Dataset<Row> events;

  @BeforeAll
  static void generate() {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs,
                DAY,
                1,
                200,
                5L,
                false,
                false,
                List.of(
                    new DeploySpec("w1", WEB_DEPLOY, true, false),
                    new DeploySpec("admin1", ADMIN_DEPLOY, true, true),
                    new DeploySpec("agent1", AGENT_DEPLOY, true, false)),
                1.0),
            null);
    files =
        new InputDiscovery(SPARK.session().sparkContext().hadoopConfiguration())
            .discover(logs.toString(), EnumSet.allOf(LogSource.class), DAY, DAY);
    Dataset<Row> all = null;
    for (LogSource s :
        List.of(
            LogSource.SYSLOG_WEB,
            LogSource.SYSLOG_ADMIN,
            LogSource.SYSLOG_AGENT,
            LogSource.ADMIN_NGINX_ERROR)) {
      Dataset<Row> e =
          AppErrors.errorEvents(
              LogScan.scan(SPARK.session(), s.format(), files.get(s)), AppErrors.appOf(s));
      all = all == null ? e : all.unionByName(e);
    }
    events = all.cache();
  }

  @Test
  void errorEventsHaveTheDocumentedColumns() {
    assertThat(events.schema().fieldNames()).containsExactly(AppErrors.EVENT_SCHEMA.fieldNames());
    assertThat(events.select("app").distinct().collectAsList().stream().map(r -> r.getString(0)))
        .containsExactlyInAnyOrder("web", "admin", "agent", "admin-nginx");
  }

  @Test
  void theRegressionSignatureAppearsAfterTheDeployAndNotBefore() {
    for (Object[] c :
        new Object[][] {
          {"web", "KeyError @ auslib/blobs/apprelease.py:_getPartialsXML", WEB_DEPLOY},
          {"admin", "sqlalchemy.exc.IntegrityError @ auslib/db.py:insert", ADMIN_DEPLOY},
          {
            "agent",
            "aiohttp.client_exceptions.ContentTypeError @ balrogagent/client.py:request",
            AGENT_DEPLOY
          },
        }) {
      Dataset<Row> sig = events.where(col("app").equalTo(c[0]).and(col("signature").equalTo(c[1])));
      assertThat(sig.count()).as("%s events of %s", c[0], c[1]).isGreaterThan(3);
      Instant first =
          sig.agg(org.apache.spark.sql.functions.min("event_time")).first().getInstant(0);
      assertThat(first).as("first %s", c[1]).isAfter((Instant) c[2]);
    }
  }

  @Test
  void inTheHourlyTableTheRegressionStartsInTheDeployHour() {
    Dataset<Row> hourly = AppErrors.compute(events);
    String sig = "KeyError @ auslib/blobs/apprelease.py:_getPartialsXML";
    Row span =
        hourly
            .where(col("app").equalTo("web").and(col("signature").equalTo(sig)))
            .selectExpr("min(bucket_start)", "max(bucket_start)", "count(*)")
            .first();
    assertThat(span.getInstant(0)).isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
    assertThat(span.getInstant(1)).isEqualTo(Instant.parse("2026-11-01T23:00:00Z"));
    assertThat(span.getLong(2)).isEqualTo(12);
    // the errors that existed before are there before and after
    Row base =
        hourly
            .where(
                col("app")
                    .equalTo("web")
                    .and(
                        col("signature")
                            .equalTo("sqlalchemy.exc.OperationalError @ auslib/db.py:select")))
            .selectExpr("min(bucket_start)", "max(bucket_start)")
            .first();
    assertThat(base.getInstant(0)).isBefore(WEB_DEPLOY);
  }

  @Test
  void theDailyProjectionGivesTheSameErrors() {
    for (LogSource s : AppErrors.SOURCES) {
      Dataset<Row> scan = LogScan.scan(SPARK.session(), s.format(), files.get(s));
      Dataset<Row> narrow = ScanProjection.narrow(scan, s);
      assertThat(narrow.columns()).doesNotContain("client", "remote_addr", "request_ip");
      assertThat(AppErrors.errorEvents(narrow, AppErrors.appOf(s)).collectAsList())
          .as(s.id())
          .containsExactlyInAnyOrderElementsOf(
              AppErrors.errorEvents(scan, AppErrors.appOf(s)).collectAsList());
    }
  }

  @Test
  void oneSignaturePerErrorAcrossHostsAndLineNumbers() {
    // the web regression is logged as JSON and as stderr tracebacks by four hosts: one signature
    Dataset<Row> web =
        events.where(col("app").equalTo("web").and(col("signature").startsWith("KeyError")));
    assertThat(web.select("signature").distinct().count()).isEqualTo(1);
    assertThat(web.select("host").distinct().count()).isEqualTo(4);
    // the web app's whole day has a handful of signatures, not one per host or request
    Set<String> webSigs =
        new TreeSet<>(
            events
                .where(col("app").equalTo("web"))
                .select("signature")
                .distinct()
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .toList());
    assertThat(webSigs)
        .containsExactlyInAnyOrder(
            "KeyError @ auslib/blobs/apprelease.py:_getPartialsXML",
            "sqlalchemy.exc.OperationalError @ auslib/db.py:select",
            "OSError @ werkzeug/wrappers/response.py:_iter_encoded");
    Set<String> nginx =
        new TreeSet<>(
            events
                .where(col("app").equalTo("admin-nginx"))
                .select("signature")
                .distinct()
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .toList());
    assertThat(nginx)
        .contains("connect() failed (111: Connection refused) while connecting to upstream");
    assertThat(nginx).allMatch(s -> !s.contains("buffered"), "warn lines are not errors");
  }

  @Test
  void restartBannersMigrationsAndWarningsAreNotErrors() {
    assertThat(
            events
                .where(
                    col("sample")
                        .contains("uWSGI")
                        .or(col("sample").contains("alembic"))
                        .or(col("sample").contains("Forbidden domain"))
                        .or(col("sample").contains("Bad input")))
                .count())
        .isZero();
    assertThat(
            events.select("severity").distinct().collectAsList().stream().map(r -> r.getString(0)))
        .isSubsetOf("ERROR", "CRITICAL");
  }

  @Test
  void hourlyTableAddsUpAndHasTheTableColumns() {
    Dataset<Row> hourly = AppErrors.compute(events);
    MetricsAssertions.assertTableColumns(hourly, SummaryTables.APP_ERRORS);
    assertThat(hourly.agg(org.apache.spark.sql.functions.sum("events")).first().getLong(0))
        .isEqualTo(events.count());
    Row web =
        hourly
            .where(
                col("app")
                    .equalTo("web")
                    .and(col("signature").startsWith("KeyError"))
                    .and(
                        col("bucket_start")
                            .equalTo(
                                org.apache.spark.sql.functions.lit(
                                    Instant.parse("2026-11-01T18:00:00Z")))))
            .first();
    assertThat(web.getAs("hosts").equals(4L)).isTrue();
    assertThat((String) web.getAs("exception_type")).isEqualTo("KeyError");
    assertThat((String) web.getAs("logger")).isEqualTo("auslib.web.public.base");
    assertThat((Instant) web.getAs("first_seen"))
        .isAfterOrEqualTo(Instant.parse("2026-11-01T18:00:00Z"));
    assertThat((Instant) web.getAs("last_seen"))
        .isAfterOrEqualTo((Instant) web.getAs("first_seen"));
    assertThat(
            hourly
                .where(
                    col("first_seen")
                        .lt(col("bucket_start"))
                        .or(
                            col("last_seen")
                                .geq(
                                    org.apache.spark.sql.functions.expr(
                                        "bucket_start + INTERVAL 1 HOUR"))))
                .count())
        .isZero();
    // deterministic: computing twice gives the same rows
    assertThat(AppErrors.compute(events).collectAsList())
        .containsExactlyInAnyOrderElementsOf(hourly.collectAsList());
  }

  @Test
  void noStringColumnHoldsAnIpAddress() {
    for (String c : List.of("app", "signature", "severity", "logger", "exception_type", "sample")) {
      for (Row r : events.select(c).distinct().collectAsList()) {
        String v = r.getString(0);
        assertThat(v == null || !IPV4.matcher(v).find()).as("%s = %s", c, v).isTrue();
      }
    }
  }
}
