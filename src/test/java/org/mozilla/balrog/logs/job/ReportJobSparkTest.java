package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mozilla.balrog.logs.report.ReportTables.audit;
import static org.mozilla.balrog.logs.report.ReportTables.row;
import static org.mozilla.balrog.logs.report.ReportTables.sketch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.report.HtmlReport;
import org.mozilla.balrog.logs.report.ReportData.PushWindow;
import org.mozilla.balrog.logs.report.ReportJson;
import org.mozilla.balrog.logs.report.ReportTables;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.NoInputException;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * {@code report} over small real partitions of every table the report reads, for the reported date
 * and the day before: the page holds exactly the reported date's figures, aggregated as documented,
 * and nothing of the other day.
 */
class ReportJobSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  static final LocalDate DAY = LocalDate.parse("2026-11-02");
  static final LocalDate OTHER = LocalDate.parse("2026-11-01");
  static final LocalDate PARTIAL = LocalDate.parse("2026-11-04");

  @TempDir static Path tmp;
  static String root;
  static String partialRoot;

  static Instant t(String iso) {
    return Instant.parse(iso);
  }

  static Map<String, Object> rate(
      String bucket,
      String source,
      String endpoint,
      long requests,
      long s5xx,
      long lb,
      Double p95) {
    return row(
        "bucket_start",
        t(bucket),
        "source",
        source,
        "endpoint",
        endpoint,
        "requests",
        requests,
        "status_2xx",
        requests - s5xx,
        "status_3xx",
        0L,
        "status_4xx",
        0L,
        "status_5xx",
        s5xx,
        "status_other",
        0L,
        "lb_5xx",
        lb,
        "backend_5xx",
        s5xx - lb,
        "latency_p50_ms",
        p95 == null ? null : p95 / 2,
        "latency_p95_ms",
        p95,
        "latency_p99_ms",
        p95 == null ? null : p95 * 2,
        "bytes_sent",
        requests * 1000);
  }

  static Map<String, Object> population(
      String channel,
      boolean test,
      String product,
      String version,
      String os,
      long fromClient,
      long toClient) {
    long clients = toClient - fromClient + 1;
    return row(
        "domain",
        "aus5",
        "product",
        product,
        "channel",
        channel,
        "is_test_channel",
        test,
        "version",
        version,
        "os",
        os,
        "arch",
        "x86_64",
        "requests",
        3 * clients,
        "background_requests",
        2 * clients,
        "clients",
        clients,
        "clients_sketch",
        sketch(fromClient, toClient),
        "folded_cells",
        version.equals("other") ? 4 : 0);
  }

  static Map<String, Object> error(
      String hour,
      String app,
      String signature,
      String severity,
      long events,
      long hosts,
      String sample) {
    Instant h = t(hour);
    return row(
        "bucket_start",
        h,
        "app",
        app,
        "signature",
        signature,
        "severity",
        severity,
        "logger",
        "app",
        "exception_type",
        signature.startsWith("KeyError") ? "KeyError" : null,
        "events",
        events,
        "hosts",
        hosts,
        "first_seen",
        h.plusSeconds(60),
        "last_seen",
        h.plusSeconds(3000),
        "sample",
        sample);
  }

  static Map<String, Object> impact(
      String deploy, String started, String metric, String verdict, List<String> newSignatures) {
    Instant s = t(started);
    boolean overall = metric.equals("overall");
    return row(
        "deploy_id",
        deploy,
        "app",
        "web",
        "deploy_started_at",
        s,
        "deploy_finished_at",
        s.plusSeconds(600),
        "metric",
        metric,
        "before_start",
        s.minusSeconds(7200),
        "before_end",
        s,
        "after_start",
        s.plusSeconds(600),
        "after_end",
        s.plusSeconds(7800),
        "before_value",
        overall ? null : 0.001,
        "after_value",
        overall ? null : 0.02,
        "before_events",
        overall ? 0L : 12L,
        "before_total",
        overall ? 0L : 12000L,
        "after_events",
        overall ? 0L : 240L,
        "after_total",
        overall ? 0L : 12000L,
        "change_ratio",
        overall ? null : 20.0,
        "ci_low",
        overall ? null : 13.0,
        "ci_high",
        overall ? null : 30.0,
        "p_value",
        overall ? null : 1e-9,
        "verdict",
        verdict,
        "reason",
        "because " + metric,
        "new_signatures",
        newSignatures);
  }

  static Map<String, Object> deploy(String id, String started, String finished) {
    return row(
        "deploy_id",
        id,
        "app",
        "web",
        "started_at",
        t(started),
        "finished_at",
        t(finished),
        "hosts",
        4,
        "hosts_total",
        4,
        "schema_migration",
        false,
        "source",
        "declared",
        "evidence",
        "4 restart banners");
  }

  @BeforeAll
  static void tables() throws IOException {
    root = tmp.resolve("summary").toString();
    ReportTables w = new ReportTables(SPARK.session(), root);
    w.write(
        SummaryTables.REQUEST_RATES,
        DAY,
        rate("2026-11-02T00:00:00Z", "aus5", "update", 1000, 10, 4, 100.0),
        rate("2026-11-02T00:00:00Z", "aus5", "json", 500, 5, 0, 300.0),
        rate("2026-11-02T00:00:00Z", "aus5", "dockerflow", 9999, 9999, 9999, 9000.0),
        rate("2026-11-02T00:00:00Z", "aus_api", "api", 50, 50, 0, 5000.0),
        rate("2026-11-02T00:00:00Z", "admin", "api", 60, 60, 0, 6000.0),
        rate("2026-11-02T00:05:00Z", "aus5", "update", 1000, 10, 4, 100.0),
        rate("2026-11-02T12:00:00Z", "aus4", "update", 200, 0, 0, null),
        rate("2026-11-02T12:00:00Z", "aus3", "other", 7, 7, 7, 7000.0));
    w.write(
        SummaryTables.REQUEST_RATES,
        OTHER,
        rate("2026-11-01T10:00:00Z", "aus5", "update", 777, 77, 7, 77.0));

    List<Map<String, Object>> pop = new ArrayList<>();
    // ten release versions with 1000, 900 ... 100 distinct clients; 133.0 split over two OSes
    for (int v = 0; v < 10; v++) {
      long from = 100_000L * (v + 1);
      long n = 1000 - 100L * v;
      if (v == 0) {
        pop.add(population("release", false, "Firefox", "133.0", "WINNT", from, from + 599));
        pop.add(
            population("release", false, "Firefox", "133.0", "Darwin", from + 600, from + n - 1));
      } else {
        pop.add(
            population("release", false, "Firefox", (133 - v) + ".0", "WINNT", from, from + n - 1));
      }
    }
    pop.add(population("release", false, "Firefox", "other", "other", 5_000_000, 5_000_049));
    pop.add(
        population("release-localtest", true, "Firefox", "555.0", "WINNT", 6_000_000, 6_000_999));
    pop.add(population("release", true, "Firefox", "556.0", "WINNT", 6_100_000, 6_100_999));
    pop.add(population("default", false, "Firefox", "557.0", "WINNT", 6_200_000, 6_200_999));
    pop.add(population("release", false, "GMP", "133.0", "WINNT", 100_000, 100_999));
    pop.add(population("beta", false, "Firefox", "134.0b9", "WINNT", 7_000_000, 7_000_249));
    pop.add(population("beta", false, "Thunderbird", "134.0b2", "WINNT", 7_100_000, 7_100_049));
    w.write(SummaryTables.UPDATE_POPULATION, DAY, pop);
    w.write(
        SummaryTables.UPDATE_POPULATION,
        OTHER,
        population("release", false, "Firefox", "999.0", "WINNT", 1, 5000));

    w.write(
        SummaryTables.APP_ERRORS,
        DAY,
        error(
            "2026-11-02T12:00:00Z",
            "web",
            "KeyError @ auslib/blobs/apprelease.py:_getPartialsXML",
            "ERROR",
            5,
            2,
            "KeyError: 'partials' from 198.51.100.7 <b>"),
        error(
            "2026-11-02T13:00:00Z",
            "web",
            "KeyError @ auslib/blobs/apprelease.py:_getPartialsXML",
            "CRITICAL",
            7,
            3,
            "later sample"),
        error(
            "2026-11-02T04:00:00Z",
            "admin",
            "OperationalError @ auslib/db.py:execute",
            "WARNING",
            3,
            1,
            "db"));
    w.write(
        SummaryTables.APP_ERRORS,
        OTHER,
        error("2026-11-01T04:00:00Z", "web", "OldDaySignature @ x.py:y", "ERROR", 1000, 9, "old"));

    w.write(
        SummaryTables.DEPLOYS,
        DAY,
        deploy("v3.122", "2026-11-02T12:00:00Z", "2026-11-02T12:10:00Z"));
    w.write(
        SummaryTables.DEPLOYS,
        OTHER,
        deploy("v3.121", "2026-11-01T15:00:00Z", "2026-11-01T15:08:00Z"));
    List<String> fresh =
        List.of(
            "KeyError @ auslib/blobs/apprelease.py:_getPartialsXML", "TypeError @ never.py:seen");
    w.write(
        SummaryTables.DEPLOY_IMPACT,
        DAY,
        impact("v3.122", "2026-11-02T12:00:00Z", "update_5xx_rate:aus5", "regression", List.of()),
        impact("v3.122", "2026-11-02T12:00:00Z", "overall", "regression", fresh),
        impact("v3.122", "2026-11-02T12:00:00Z", "app_error_rate:web", "regression", fresh));
    w.write(
        SummaryTables.DEPLOY_IMPACT,
        OTHER,
        impact("v3.121", "2026-11-01T15:00:00Z", "overall", "ok", List.of("OldDayNewSignature")));

    w.write(
        SummaryTables.INGEST_AUDIT,
        DAY,
        audit("syslog_web", 4000, 0, t("2026-11-03T01:00:00Z")),
        audit("aus5", 50_000, 12, t("2026-11-03T01:00:00Z")),
        audit("aus3", 1000, 0, t("2026-11-03T01:00:00Z")));
    w.write(
        SummaryTables.INGEST_AUDIT, OTHER, audit("aus5", 66_666, 666, t("2026-11-02T01:00:00Z")));
    // a later folder left by a failed write (no data file) is not a date the job ran
    Files.createDirectories(tmp.resolve("summary/ingest_audit/log_date=2026-11-05"));

    partialRoot = tmp.resolve("partial").toString();
    new ReportTables(SPARK.session(), partialRoot)
        .write(
            SummaryTables.INGEST_AUDIT, PARTIAL, audit("aus5", 10, 0, t("2026-11-05T01:00:00Z")));
  }

  static JsonNode data(String html) throws IOException {
    String open = "<script type=\"application/json\" id=\"" + HtmlReport.DATA_ELEMENT_ID + "\">";
    int start = html.indexOf(open) + open.length();
    return new ObjectMapper().readTree(html.substring(start, html.indexOf("</script>", start)));
  }

  private static JsonNode run(String outputRoot, LocalDate date, Path out) throws IOException {
    ReportJob.Result r =
        ReportJob.run(SPARK.session(), JobConfig.defaults().withOutput(outputRoot), date, out);
    String html = Files.readString(out);
    // the embedded JSON is exactly the data the job returned
    assertThat(ReportJson.read(ReportJson.write(r.data()))).isEqualTo(r.data());
    assertThat(ReportJson.write(r.data()))
        .isEqualTo(ReportJson.write(ReportJson.read(data(html).toString())));
    return data(html);
  }

  @Test
  void holdsExactlyTheDatesFigures() throws IOException {
    Path out = tmp.resolve("day.html");
    JsonNode d = run(root, DAY, out);
    String html = Files.readString(out);
    assertThat(d.get("date").asText()).isEqualTo("2026-11-02");
    assertThat(d.get("missing_tables")).isEmpty();

    // update and json of the update domains only; p95 the highest of the parts; no latency stays
    // null
    JsonNode b = d.get("update_buckets");
    assertThat(b).hasSize(3);
    assertBucket(b.get(0), "2026-11-02T00:00:00Z", 1500, 15, 4, 300.0);
    assertBucket(b.get(1), "2026-11-02T00:05:00Z", 1000, 10, 4, 100.0);
    assertBucket(b.get(2), "2026-11-02T12:00:00Z", 200, 0, 0, null);

    assertThat(d.get("deploys")).hasSize(1);
    assertThat(d.get("deploys").get(0).get("deploy_id").asText()).isEqualTo("v3.122");
    assertThat(d.get("deploys").get(0).get("finished_at").asText())
        .isEqualTo("2026-11-02T12:10:00Z");
    List<String> metrics = new ArrayList<>();
    d.get("verdicts").forEach(v -> metrics.add(v.get("metric").asText()));
    assertThat(metrics).containsExactly("overall", "app_error_rate:web", "update_5xx_rate:aus5");
    assertThat(d.get("verdicts").get(2).get("change_ratio").asDouble()).isEqualTo(20.0);
    assertThat(d.get("verdicts").get(0).get("change_ratio").isNull()).isTrue();

    // the new signatures of the day's deploy once each, with the day's events (0 when app_errors
    // has none)
    JsonNode fresh = d.get("new_errors");
    assertThat(fresh).hasSize(2);
    assertThat(fresh.get(0).get("signature").asText())
        .isEqualTo("KeyError @ auslib/blobs/apprelease.py:_getPartialsXML");
    assertThat(fresh.get(0).get("events").asLong()).isEqualTo(12);
    assertThat(fresh.get(0).get("first_seen").asText()).isEqualTo("2026-11-02T12:01:00Z");
    assertThat(fresh.get(1).get("signature").asText()).isEqualTo("TypeError @ never.py:seen");
    assertThat(fresh.get(1).get("events").asLong()).isZero();

    // hourly rows summed per signature: events, most hosts in an hour, highest severity, earliest
    // sample
    JsonNode errors = d.get("top_errors");
    assertThat(errors).hasSize(2);
    JsonNode top = errors.get(0);
    assertThat(top.get("app").asText()).isEqualTo("web");
    assertThat(top.get("events").asLong()).isEqualTo(12);
    assertThat(top.get("max_hosts_per_hour").asLong()).isEqualTo(3);
    assertThat(top.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(top.get("exception_type").asText()).isEqualTo("KeyError");
    assertThat(top.get("first_seen").asText()).isEqualTo("2026-11-02T12:01:00Z");
    assertThat(top.get("last_seen").asText()).isEqualTo("2026-11-02T13:50:00Z");
    assertThat(top.get("sample").asText()).isEqualTo("KeyError: 'partials' from <ip> <b>");
    assertThat(errors.get(1).get("signature").asText())
        .isEqualTo("OperationalError @ auslib/db.py:execute");

    // ingest audit in source order
    List<String> sources = new ArrayList<>();
    d.get("audit").forEach(a -> sources.add(a.get("source").asText()));
    assertThat(sources).containsExactly("aus3", "aus5", "syslog_web");
    assertThat(d.get("audit").get(1).get("rejected").asLong()).isEqualTo(12);
    assertThat(d.get("audit").get(1).get("rejected_by_reason").get("bad_status").asLong())
        .isEqualTo(12);

    // nothing of the other day (but its push windows), no raw address, no markup from the data
    assertThat(d.get("update_buckets").toString()).doesNotContain("2026-11-01T10:00:00Z");
    assertThat(html)
        .doesNotContain(
            "999.0",
            "OldDaySignature",
            "OldDayNewSignature",
            "v3.121",
            "66,666",
            "198.51.100.7",
            "<b>");
    assertThat(html).contains("KeyError: &#39;partials&#39; from &lt;ip&gt; &lt;b&gt;");
  }

  @Test
  void pushWindowsJudgeEveryHourOfTheLastSevenDays() throws IOException {
    Path out = tmp.resolve("windows.html");
    JobConfig cfg = JobConfig.defaults().withOutput(root);
    ReportJob.Result r = ReportJob.run(SPARK.session(), cfg, DAY, out);
    List<PushWindow> windows = r.data().pushWindows();
    assertThat(windows).hasSize(7 * 24);
    assertThat(windows.get(0).at()).isEqualTo(t("2026-10-27T00:00:00Z"));
    assertThat(windows.get(167).at()).isEqualTo(t("2026-11-02T23:00:00Z"));
    for (PushWindow w : windows) {
      DayOfWeek dow = w.at().atZone(ZoneOffset.UTC).getDayOfWeek();
      if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
        assertThat(w.verdict()).as("%s", w.at()).isEqualTo("no-go");
        assertThat(w.notGo()).as("%s", w.at()).contains("calendar");
      }
      // no request_rates before 2026-11-01: nothing to judge on
      if (w.at().isBefore(t("2026-11-01T10:05:00Z"))) {
        assertThat(w.notGo()).as("%s", w.at()).contains("freshness");
      }
    }
    // the regression of v3.122 (12:00 on the day) is open from then on
    assertThat(window(windows, "2026-11-02T11:00:00Z").notGo()).doesNotContain("open-regression");
    assertThat(window(windows, "2026-11-02T13:00:00Z").verdict()).isEqualTo("no-go");
    assertThat(window(windows, "2026-11-02T13:00:00Z").notGo()).contains("open-regression");
    // what deploy-window --at 2026-10-27T00:00Z --to 2026-11-03T00:00Z --step 1h answers, through
    // Spark
    List<PushWindow> spark =
        DeployWindowJob.grid(
                SPARK.session(),
                cfg,
                DeployWindowJob.request(cfg, "2026-10-27T00:00Z", "30m", "table"),
                t("2026-11-03T00:00:00Z"),
                Duration.ofHours(1))
            .stream()
            .map(x -> ReportJob.pushWindow(x.verdict()))
            .toList();
    assertThat(windows).isEqualTo(spark);

    String html = Files.readString(out);
    String section = html.substring(html.indexOf("<section id=\"windows\""));
    section = section.substring(0, section.indexOf("</section>"));
    assertThat(section.split("<tr class=\"push-row\">", -1)).hasSize(7 + 1);
    assertThat(section.split("<td class=\"push p-", -1)).hasSize(168 + 1);
    long go = windows.stream().filter(w -> w.verdict().equals("go")).count();
    long caution = windows.stream().filter(w -> w.verdict().equals("caution")).count();
    assertThat(section)
        .contains(
            "168 pushes: "
                + go
                + " go, "
                + caution
                + " caution, "
                + (168 - go - caution)
                + " no-go.");
  }

  private static PushWindow window(List<PushWindow> windows, String at) {
    return windows.stream().filter(w -> w.at().equals(t(at))).findFirst().orElseThrow();
  }

  @Test
  void clientsByVersionMergeSketchesAndGroupTheRest() throws IOException {
    JsonNode channels = run(root, DAY, tmp.resolve("clients.html")).get("channels");
    // main channels in their fixed order; test channels and other channels left out
    assertThat(channels).hasSize(2);
    JsonNode release = channels.get(0);
    assertThat(release.get("channel").asText()).isEqualTo("release");
    JsonNode topVersions = release.get("top");
    assertThat(topVersions).hasSize(8);
    List<String> versions = new ArrayList<>();
    topVersions.forEach(v -> versions.add(v.get("version").asText()));
    assertThat(versions)
        .containsExactly("133.0", "132.0", "131.0", "130.0", "129.0", "128.0", "127.0", "126.0");
    // 133.0's two OS cells merged: 1000 distinct clients; HLL estimates within 2 %
    assertThat(topVersions.get(0).get("clients").asLong()).isBetween(980L, 1020L);
    assertThat(topVersions.get(0).get("requests").asLong()).isEqualTo(3000);
    assertThat(topVersions.get(7).get("clients").asLong()).isBetween(294L, 306L);
    // 125.0 (200), 124.0 (100) and the folded 'other' row (50) as one group; the GMP checks left
    // out
    assertThat(release.get("other_versions").asLong()).isEqualTo(2);
    assertThat(release.get("other_folded").asBoolean()).isTrue();
    assertThat(release.get("other_clients").asLong()).isBetween(343L, 357L);
    assertThat(release.get("other_requests").asLong()).isEqualTo(3 * 350);
    assertThat(release.get("total_clients").asLong()).isBetween(5537L, 5663L);
    assertThat(release.get("total_requests").asLong()).isEqualTo(3 * 5550);
    JsonNode beta = channels.get(1);
    assertThat(beta.get("channel").asText()).isEqualTo("beta");
    assertThat(beta.get("top")).hasSize(2);
    assertThat(beta.get("top").get(1).get("product").asText()).isEqualTo("Thunderbird");
    assertThat(beta.get("other_versions").asLong()).isZero();
    assertThat(beta.get("other_folded").asBoolean()).isFalse();
  }

  @Test
  void missingTablesGiveNoDataSections() throws IOException {
    Path out = tmp.resolve("partial.html");
    JsonNode d = run(partialRoot, PARTIAL, out);
    List<String> missing = new ArrayList<>();
    d.get("missing_tables").forEach(m -> missing.add(m.asText()));
    assertThat(missing)
        .containsExactlyInAnyOrder(
            "request_rates", "deploys", "deploy_impact", "update_population", "app_errors");
    String html = Files.readString(out);
    assertThat(html)
        .contains(
            "No data: the table <code>request_rates</code> has no partition for 2026-11-04",
            "<code>update_population</code> has no partition",
            "<code>app_errors</code> has no partition");
    assertThat(html).doesNotContain("<svg");
    assertThat(d.get("audit")).hasSize(1);
    // no request_rates at all (no release_activity either): every push of the week is no-go on
    // stale data
    assertThat(d.get("push_windows")).hasSize(168);
    d.get("push_windows")
        .forEach(
            w -> {
              assertThat(w.get("verdict").asText()).isEqualTo("no-go");
              assertThat(w.get("not_go").toString()).contains("\"freshness\"");
            });
    assertThat(html).contains("168 pushes: 0 go, 0 caution, 168 no-go.");
  }

  @Test
  void defaultDateIsTheLatestAuditedDay() throws IOException {
    assertThat(run(root, null, tmp.resolve("latest.html")).get("date").asText())
        .isEqualTo("2026-11-02");
    assertThat(run(partialRoot, null, tmp.resolve("latest2.html")).get("date").asText())
        .isEqualTo("2026-11-04");
  }

  @Test
  void noAuditPartitionIsNoInput() {
    Path out = tmp.resolve("none.html");
    assertThatThrownBy(
            () ->
                ReportJob.run(
                    SPARK.session(),
                    JobConfig.defaults().withOutput(root),
                    LocalDate.parse("2026-11-05"),
                    out))
        .isInstanceOf(NoInputException.class)
        .hasMessage(
            "no ingest_audit partition for 2026-11-05 under "
                + root
                + ": nothing ran that day (run 'balrog-logs daily --date 2026-11-05' first)");
    String empty = tmp.resolve("empty-root").toString();
    assertThatThrownBy(
            () -> ReportJob.run(SPARK.session(), JobConfig.defaults().withOutput(empty), null, out))
        .isInstanceOf(NoInputException.class)
        .hasMessageContaining("no ingest_audit partition under " + empty);
    assertThat(out).doesNotExist();
  }

  @Test
  void replacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws IOException {
    Path dir = tmp.resolve("out/nested");
    Path out = dir.resolve("r.html");
    Files.createDirectories(dir);
    Files.writeString(out, "old report");
    run(root, DAY, out);
    String first = Files.readString(out);
    assertThat(first).startsWith("<!DOCTYPE html>");
    run(root, DAY, out);
    // same tables, same page
    assertThat(Files.readString(out)).isEqualTo(first);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("r.html");
    }
    assertThatThrownBy(
            () -> ReportJob.run(SPARK.session(), JobConfig.defaults().withOutput(root), DAY, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a folder");
  }

  private static void assertBucket(
      JsonNode b, String start, long requests, long s5xx, long lb, Double p95) {
    assertThat(b.get("start").asText()).isEqualTo(start);
    assertThat(b.get("requests").asLong()).isEqualTo(requests);
    assertThat(b.get("status5xx").asLong()).isEqualTo(s5xx);
    assertThat(b.get("lb5xx").asLong()).isEqualTo(lb);
    if (p95 == null) {
      assertThat(b.get("latency_p95_ms").isNull()).isTrue();
    } else {
      assertThat(b.get("latency_p95_ms").asDouble()).isEqualTo(p95);
    }
  }
}
