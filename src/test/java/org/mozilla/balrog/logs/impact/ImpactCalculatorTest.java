package org.mozilla.balrog.logs.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.deploy.Deploy;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.SummaryTables;

class ImpactCalculatorTest {
  static final Instant START = Instant.parse("2026-11-02T10:00:20Z");
  static final Instant END = Instant.parse("2026-11-02T10:03:44Z");
  static final Deploy WEB =
      new Deploy("v2", BalrogApp.WEB, START, END, 4, 4, false, Deploy.Source.DETECTED, "x");
  static final Deploy ADMIN =
      new Deploy("a1", BalrogApp.ADMIN, START, END, 2, 2, false, Deploy.Source.DETECTED, "x");
  static final ImpactWindows W =
      ImpactWindows.of(START, END, Duration.ofMinutes(60), Duration.ofMinutes(60));
  final ImpactCalculator calc = new ImpactCalculator();

  /** {@code n} minutes of one side with the same counts. */
  static List<MinuteCount> minutes(
      String deploy, WindowSide side, String metric, int n, long events, long total, Double p95) {
    List<MinuteCount> out = new ArrayList<>();
    for (int m = 0; m < n; m++) {
      out.add(new MinuteCount(deploy, side, metric, m, events, total, p95));
    }
    return out;
  }

  static ImpactRow row(List<ImpactRow> rows, String metric) {
    return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
  }

  List<ImpactRow> rows(
      Deploy d,
      List<MinuteCount> m,
      List<SignatureCount> s,
      Map<String, Map<String, Instant>> firstSeen,
      Map<String, Set<String>> known) {
    return calc.rows(d, W, m, s, firstSeen, known, ImpactCalculator.Coverage.full());
  }

  @Test
  void oneRowPerMetricOfTheAppThenOverall() {
    List<ImpactRow> web = rows(WEB, List.of(), List.of(), Map.of(), Map.of());
    assertThat(web)
        .extracting(ImpactRow::metric)
        .containsExactly(
            "update_5xx_rate:aus3",
            "update_5xx_rate:aus4",
            "update_5xx_rate:aus5",
            "lb_5xx_rate",
            "latency_p95:aus3",
            "latency_p95:aus4",
            "latency_p95:aus5",
            "app_error_rate:web",
            "overall");
    assertThat(rows(ADMIN, List.of(), List.of(), Map.of(), Map.of()))
        .extracting(ImpactRow::metric)
        .containsExactly(
            "admin_5xx_rate", "app_error_rate:admin", "app_error_rate:admin-nginx", "overall");
    assertThat(web)
        .allSatisfy(
            r -> {
              assertThat(r.deployId()).isEqualTo("v2");
              assertThat(r.app()).isEqualTo("web");
              assertThat(r.beforeStart()).isEqualTo(START.minus(Duration.ofHours(1)));
              assertThat(r.beforeEnd()).isEqualTo(START);
              assertThat(r.afterStart()).isEqualTo(END);
              assertThat(r.afterEnd()).isEqualTo(END.plus(Duration.ofHours(1)));
            });
  }

  @Test
  void noDataAtAllIsInsufficientData() {
    List<ImpactRow> r = rows(WEB, List.of(), List.of(), Map.of(), Map.of());
    // the error rate is judged on minutes, which it has: no errors on either side is OK
    assertThat(row(r, "app_error_rate:web").verdict()).isEqualTo("ok");
    assertThat(row(r, "update_5xx_rate:aus5").verdict()).isEqualTo("insufficient_data");
    assertThat(row(r, "update_5xx_rate:aus5").beforeValue()).isNull();
    assertThat(row(r, "latency_p95:aus5").verdict()).isEqualTo("insufficient_data");
    assertThat(row(r, "overall").verdict()).isEqualTo("ok");
  }

  @Test
  void aRateRegressionNeedsSignificanceAndSize() {
    List<MinuteCount> m =
        new ArrayList<>(minutes("v2", WindowSide.BEFORE, "update_5xx_rate:aus5", 60, 0, 200, null));
    m.add(new MinuteCount("v2", WindowSide.BEFORE, "update_5xx_rate:aus5", 3, 3, 0, null));
    m.addAll(minutes("v2", WindowSide.AFTER, "update_5xx_rate:aus5", 60, 6, 200, null));
    // counts of another deploy and another metric change nothing
    m.addAll(minutes("other", WindowSide.AFTER, "update_5xx_rate:aus5", 60, 100, 100, null));
    ImpactRow r = row(rows(WEB, m, List.of(), Map.of(), Map.of()), "update_5xx_rate:aus5");
    assertThat(r.beforeEvents()).isEqualTo(3);
    assertThat(r.beforeTotal()).isEqualTo(12_000);
    assertThat(r.afterEvents()).isEqualTo(360);
    assertThat(r.afterTotal()).isEqualTo(12_000);
    assertThat(r.beforeValue()).isEqualTo(3 / 12_000.0);
    assertThat(r.afterValue()).isEqualTo(0.03);
    assertThat(r.changeRatio()).isCloseTo(120.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.ciLow()).isGreaterThan(30);
    assertThat(r.ciHigh()).isGreaterThan(r.changeRatio());
    assertThat(r.pValue()).isLessThan(1e-50);
    assertThat(r.verdict()).isEqualTo("regression");
    assertThat(r.newSignatures()).isEmpty();
    assertThat(row(rows(WEB, m, List.of(), Map.of(), Map.of()), "overall").verdict())
        .isEqualTo("regression");
  }

  @Test
  void thresholdsComeFromTheRules() {
    List<MinuteCount> m =
        new ArrayList<>(minutes("v2", WindowSide.BEFORE, "lb_5xx_rate", 60, 1, 200, null));
    m.addAll(minutes("v2", WindowSide.AFTER, "lb_5xx_rate", 60, 2, 200, null));
    // x2 and +0.5 pp: a regression by default, OK when 3x is required
    assertThat(row(rows(WEB, m, List.of(), Map.of(), Map.of()), "lb_5xx_rate").verdict())
        .isEqualTo("regression");
    ImpactCalculator strict =
        new ImpactCalculator(
            Map.of(
                ImpactRule.Kind.RATE, ImpactRule.defaults(ImpactRule.Kind.RATE).withMinRatio(3)));
    assertThat(
            row(
                    strict.rows(
                        WEB, W, m, List.of(), Map.of(), Map.of(), ImpactCalculator.Coverage.full()),
                    "lb_5xx_rate")
                .verdict())
        .isEqualTo("warn");
  }

  @Test
  void latencyComparesThePerMinuteP95s() {
    List<MinuteCount> m = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      m.add(new MinuteCount("v2", WindowSide.BEFORE, "latency_p95:aus5", i, 0, 10, 20.0 + i % 7));
      m.add(new MinuteCount("v2", WindowSide.AFTER, "latency_p95:aus5", i, 0, 10, 120.0 + i % 5));
    }
    // a minute without latency (no request reached a backend) is no bucket
    m.add(new MinuteCount("v2", WindowSide.AFTER, "latency_p95:aus5", 31, 0, 3, null));
    ImpactRow r = row(rows(WEB, m, List.of(), Map.of(), Map.of()), "latency_p95:aus5");
    assertThat(r.beforeEvents()).isEqualTo(30);
    assertThat(r.beforeTotal()).isEqualTo(30);
    assertThat(r.afterTotal()).isEqualTo(30);
    assertThat(r.beforeValue()).isEqualTo(23.0);
    assertThat(r.afterValue()).isEqualTo(122.0);
    assertThat(r.changeRatio()).isCloseTo(122.0 / 23.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.ciLow()).isNull();
    assertThat(r.pValue()).isLessThan(1e-6);
    assertThat(r.verdict()).isEqualTo("regression");
  }

  @Test
  void errorRatesAreEventsPerHourOverTheMinutesWithLogs() {
    List<MinuteCount> m =
        new ArrayList<>(minutes("v2", WindowSide.BEFORE, "app_error_rate:web", 2, 1, 1, null));
    m.addAll(minutes("v2", WindowSide.AFTER, "app_error_rate:web", 30, 20, 20, null));
    ImpactRow r = row(rows(WEB, m, List.of(), Map.of(), Map.of()), "app_error_rate:web");
    assertThat(r.beforeEvents()).isEqualTo(2);
    assertThat(r.beforeTotal()).isEqualTo(60);
    assertThat(r.afterEvents()).isEqualTo(600);
    assertThat(r.afterTotal()).isEqualTo(60);
    assertThat(r.beforeValue()).isEqualTo(2.0);
    assertThat(r.afterValue()).isEqualTo(600.0);
    assertThat(r.verdict()).isEqualTo("regression");

    // the logs of the after window end halfway: half the exposure, same events, a higher rate
    ImpactCalculator.Coverage half =
        (metric, from, to) ->
            from.equals(END) ? Duration.ofMinutes(30) : Duration.between(from, to);
    ImpactRow cut =
        row(calc.rows(WEB, W, m, List.of(), Map.of(), Map.of(), half), "app_error_rate:web");
    assertThat(cut.afterTotal()).isEqualTo(30);
    assertThat(cut.afterValue()).isEqualTo(1200.0);
    assertThat(cut.reason()).contains("after window has logs for 30 of 60 min");
    // no logs at all after: nothing to judge
    ImpactCalculator.Coverage none =
        (metric, from, to) -> from.equals(END) ? Duration.ZERO : Duration.between(from, to);
    ImpactRow missing =
        row(calc.rows(WEB, W, m, List.of(), Map.of(), Map.of(), none), "app_error_rate:web");
    assertThat(missing.verdict()).isEqualTo("insufficient_data");
    assertThat(missing.afterValue()).isNull();
  }

  @Test
  void newSignaturesAreSeenAfterAndNowhereBefore() {
    String metric = "app_error_rate:web";
    List<SignatureCount> s =
        List.of(
            new SignatureCount("v2", WindowSide.AFTER, metric, "TypeError @ a.py:f", 300),
            new SignatureCount("v2", WindowSide.AFTER, metric, "KeyError @ b.py:g", 5),
            // in the before window too
            new SignatureCount("v2", WindowSide.BEFORE, metric, "OSError @ c.py:h", 1),
            new SignatureCount("v2", WindowSide.AFTER, metric, "OSError @ c.py:h", 4),
            // seen earlier that day, outside the before window
            new SignatureCount("v2", WindowSide.AFTER, metric, "ValueError @ d.py:i", 2),
            // in app_errors of a previous day
            new SignatureCount("v2", WindowSide.AFTER, metric, "DBError @ e.py:j", 2),
            // another deploy's
            new SignatureCount("v1", WindowSide.AFTER, metric, "Other @ x.py:y", 2));
    Map<String, Map<String, Instant>> firstSeen =
        Map.of(
            metric,
            Map.of(
                "TypeError @ a.py:f", END.plusSeconds(20),
                "KeyError @ b.py:g", START.plusSeconds(30), // first during the rollout: still new
                "OSError @ c.py:h", START.minusSeconds(600),
                "ValueError @ d.py:i", START.minus(Duration.ofHours(5)),
                "DBError @ e.py:j", END.plusSeconds(60)));
    List<ImpactRow> r =
        rows(WEB, List.of(), s, firstSeen, Map.of("web", Set.of("DBError @ e.py:j")));
    assertThat(row(r, metric).newSignatures())
        .containsExactly("TypeError @ a.py:f", "KeyError @ b.py:g");
    assertThat(row(r, metric).reason())
        .contains("2 new signatures: TypeError @ a.py:f | KeyError @ b.py:g");
    assertThat(row(r, "overall").newSignatures())
        .containsExactly("TypeError @ a.py:f", "KeyError @ b.py:g");
    assertThat(row(r, "overall").reason()).contains("2 new signatures");
    assertThat(row(r, "lb_5xx_rate").newSignatures()).isEmpty();
  }

  @Test
  void adminNginxErrorsJudgeAdminDeploys() {
    List<SignatureCount> s =
        List.of(
            new SignatureCount(
                "a1", WindowSide.AFTER, "app_error_rate:admin-nginx", "connect() failed", 3));
    List<ImpactRow> r = rows(ADMIN, List.of(), s, Map.of(), Map.of());
    assertThat(row(r, "app_error_rate:admin-nginx").newSignatures())
        .containsExactly("connect() failed");
    assertThat(
            rows(ADMIN, List.of(), s, Map.of(), Map.of("admin-nginx", Set.of("connect() failed"))))
        .allSatisfy(x -> assertThat(x.newSignatures()).isEmpty());
  }

  @Test
  void overallRowSummarisesTheVerdicts() {
    List<MinuteCount> m =
        new ArrayList<>(minutes("v2", WindowSide.BEFORE, "app_error_rate:web", 60, 0, 0, null));
    m.addAll(minutes("v2", WindowSide.AFTER, "app_error_rate:web", 60, 10, 10, null));
    ImpactRow o = row(rows(WEB, m, List.of(), Map.of(), Map.of()), "overall");
    assertThat(o.verdict()).isEqualTo("regression");
    assertThat(o.reason())
        .startsWith("regression: app_error_rate:web;")
        .contains("7 insufficient_data");
    assertThat(o.beforeValue()).isNull();
    assertThat(o.changeRatio()).isNull();
    assertThat(o.pValue()).isNull();
    assertThat(o.isOverall()).isTrue();
  }

  @Test
  void rowComponentsAreTheTableColumns() {
    List<String> components =
        Arrays.stream(ImpactRow.class.getRecordComponents())
            .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT))
            .collect(Collectors.toList());
    assertThat(components).isEqualTo(SummaryTables.DEPLOY_IMPACT.columnNames());
    ImpactRow r = rows(WEB, List.of(), List.of(), Map.of(), Map.of()).get(0);
    assertThat(r.values()).hasSize(components.size());
    assertThat(r.values()[0]).isEqualTo("v2");
    assertThat(r.values()[components.indexOf("verdict")]).isEqualTo(r.verdict());
  }
}
