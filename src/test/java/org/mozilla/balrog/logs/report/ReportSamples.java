package org.mozilla.balrog.logs.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mozilla.balrog.logs.report.ReportData.ChannelVersions;
import org.mozilla.balrog.logs.report.ReportData.ErrorSignature;
import org.mozilla.balrog.logs.report.ReportData.NewSignature;
import org.mozilla.balrog.logs.report.ReportData.PushWindow;
import org.mozilla.balrog.logs.report.ReportData.UpdateBucket;
import org.mozilla.balrog.logs.report.ReportData.VersionClients;
import org.mozilla.balrog.logs.sink.DeployRow;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.IngestAuditRow;

/**
 * Hand-built report data for the renderer tests: every section filled, with hostile text where text
 * is shown.
 */
final class ReportSamples {
  static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

  /** Text that breaks HTML, attributes, JSON in a script element and SVG if it is not escaped. */
  static final String HOSTILE = "<script>alert(\"x\")</script> & 'q' </script><!-- ]]> \u2028";

  private ReportSamples() {}

  /** A deploy_impact row with the columns the report shows; no windows, no new signatures. */
  static ImpactRow verdict(
      String deployId,
      String app,
      Instant deployStartedAt,
      String metric,
      Double beforeValue,
      Double afterValue,
      long beforeEvents,
      long beforeTotal,
      long afterEvents,
      long afterTotal,
      Double changeRatio,
      Double ciLow,
      Double ciHigh,
      Double pValue,
      String verdict,
      String reason) {
    return new ImpactRow(
        deployId,
        app,
        deployStartedAt,
        null,
        metric,
        null,
        null,
        null,
        null,
        beforeValue,
        afterValue,
        beforeEvents,
        beforeTotal,
        afterEvents,
        afterTotal,
        changeRatio,
        ciLow,
        ciHigh,
        pValue,
        verdict,
        reason,
        List.of());
  }

  static Instant at(String hhmm) {
    return Instant.parse("2026-11-02T" + hhmm + ":00Z");
  }

  /**
   * Buckets every 5 minutes except 03:00-03:25 (a gap), 1000 requests each, 2 5xx before 12:00 and
   * 30 after (10 of them from the load balancer), p95 80 ms before and 240 ms after; the 23:55
   * bucket has no latency.
   */
  static List<UpdateBucket> buckets() {
    List<UpdateBucket> out = new ArrayList<>();
    for (int i = 0; i < 288; i++) {
      Instant t = START.plus(Duration.ofMinutes(5L * i));
      if (i >= 36 && i < 42) {
        continue;
      }
      boolean after = i >= 144;
      out.add(
          new UpdateBucket(
              t, 1000, after ? 30 : 2, after ? 10 : 0, i == 287 ? null : after ? 240.0 : 80.0));
    }
    return out;
  }

  static ReportData full() {
    List<DeployRow> deploys =
        List.of(
            new DeployRow(
                "v3.121",
                "web",
                at("06:30"),
                at("06:45"),
                12,
                12,
                true,
                "declared+detected",
                "12 restart banners; alembic migration 42 -> 43"),
            new DeployRow(
                "v3.122",
                "web",
                at("12:00"),
                at("12:10"),
                12,
                12,
                false,
                "declared",
                "restart banners"),
            new DeployRow(
                "detected-admin-2026-11-02T12:05:00Z",
                "admin",
                at("12:05"),
                null,
                3,
                3,
                false,
                "detected",
                "3 of 3 hosts restarted " + HOSTILE));
    List<ImpactRow> verdicts =
        List.of(
            verdict(
                "v3.121",
                "web",
                at("06:30"),
                "overall",
                null,
                null,
                0,
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                "ok",
                "no metric got worse"),
            verdict(
                "v3.121",
                "web",
                at("06:30"),
                "update_5xx_rate:aus5",
                0.002,
                0.0021,
                24,
                12000,
                25,
                12000,
                1.05,
                0.6,
                1.8,
                0.43,
                "ok",
                "no significant change"),
            verdict(
                "v3.122",
                "web",
                at("12:00"),
                "overall",
                null,
                null,
                0,
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                "regression",
                "update_5xx_rate:aus5 regressed"),
            verdict(
                "v3.122",
                "web",
                at("12:00"),
                "latency_p95:aus5",
                80.0,
                240.0,
                12,
                12,
                12,
                12,
                3.0,
                2.5,
                3.5,
                0.00001,
                "regression",
                "p95 tripled"),
            verdict(
                "v3.122",
                "web",
                at("12:00"),
                "update_5xx_rate:aus5",
                0.002,
                0.03,
                24,
                12000,
                360,
                12000,
                15.0,
                10.2,
                21.9,
                1e-12,
                "regression",
                "5xx x15 " + HOSTILE));
    List<ChannelVersions> channels =
        List.of(
            new ChannelVersions(
                "release",
                List.of(
                    new VersionClients("Firefox", "133.0", 15000, 45000),
                    new VersionClients("Firefox", "132.0.2", 4000, 12000),
                    new VersionClients("Thunderbird", "128.5.2esr", 900, 2700)),
                5,
                true,
                700,
                2100,
                20400,
                61800),
            new ChannelVersions(
                "beta",
                List.of(new VersionClients("Firefox", "134.0b9", 2500, 7500)),
                0,
                false,
                0,
                0,
                2500,
                7500));
    List<ErrorSignature> errors =
        List.of(
            new ErrorSignature(
                "web",
                "KeyError @ auslib/blobs/apprelease.py:_getPartialsXML",
                "ERROR",
                "KeyError",
                420,
                8,
                at("12:01"),
                at("23:58"),
                "Traceback (most recent call last):\n  File \"x.py\", line 3\n"
                    + "KeyError: 'partials' "
                    + HOSTILE),
            new ErrorSignature(
                "admin-nginx",
                "upstream timed out " + HOSTILE,
                "error",
                null,
                17,
                1,
                at("04:00"),
                at("05:00"),
                "upstream timed out, client: <ip>, server: admin"));
    List<NewSignature> fresh =
        List.of(
            new NewSignature(
                "v3.122",
                "KeyError @ auslib/blobs/apprelease.py:_getPartialsXML",
                420,
                at("12:01")),
            new NewSignature("v3.122", "TypeError @ auslib/web/common.py:" + HOSTILE, 0, null));
    List<IngestAuditRow> audit =
        List.of(
            new IngestAuditRow(
                "aus5",
                "daily-2026-11-02-abc",
                288,
                123_456_789L,
                500_000,
                499_990,
                10,
                Map.of("bad_status", 7L, "truncated", 3L),
                499_990,
                0,
                at("01:00"),
                at("01:02"),
                "0.1.0"),
            new IngestAuditRow(
                "syslog_web",
                "daily-2026-11-02-abc",
                24,
                9_876_543L,
                80_000,
                80_000,
                0,
                Map.of(),
                79_000,
                1,
                at("01:00"),
                at("01:02"),
                "0.1.0"));
    return new ReportData(
        DAY,
        "0.1.0-test",
        List.of(),
        buckets(),
        deploys,
        verdicts,
        channels,
        errors,
        fresh,
        audit,
        pushWindows());
  }

  /**
   * A push every hour of the 7 days ending on {@link #DAY} (Tue 2026-10-27 .. Mon 2026-11-02):
   * no-go (calendar) at night and on the weekend, caution at 12:00 and 13:00 of {@link #DAY}
   * (health.5xx and a hostile rule id), go in the other working hours 08:00-15:00: 38 go, 2
   * caution, 128 no-go.
   */
  static List<PushWindow> pushWindows() {
    List<PushWindow> out = new ArrayList<>();
    for (int d = 6; d >= 0; d--) {
      LocalDate day = DAY.minusDays(d);
      boolean weekend = day.getDayOfWeek().getValue() >= 6;
      for (int h = 0; h < 24; h++) {
        Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(h));
        if (weekend || h < 8 || h > 15) {
          out.add(new PushWindow(at, "no-go", List.of("calendar")));
        } else if (d == 0 && (h == 12 || h == 13)) {
          out.add(new PushWindow(at, "caution", List.of("health.5xx", HOSTILE)));
        } else {
          out.add(new PushWindow(at, "go", List.of()));
        }
      }
    }
    return out;
  }

  /** Every table but ingest_audit missing, and ingest_audit empty. */
  static ReportData allMissing() {
    return new ReportData(
        DAY,
        "0.1.0-test",
        List.of("request_rates", "app_errors", "deploys", "deploy_impact", "update_population"),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /** Every table present with no rows. */
  static ReportData allEmpty() {
    return new ReportData(
        DAY,
        "0.1.0-test",
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }
}
