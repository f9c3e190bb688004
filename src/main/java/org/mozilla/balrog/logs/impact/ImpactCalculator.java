package org.mozilla.balrog.logs.impact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mozilla.balrog.logs.sink.ImpactRow;

/**
 * Turns the per-minute counts of a deploy's windows into its {@code deploy_impact} rows: one per
 * metric of its app ({@link ImpactMetric#forApp}) and one {@code overall} row. Pure; thread-safe.
 *
 * <ul>
 *   <li>Rates: bad over all requests in each window, compared with {@link PoissonRates} (values are
 *       fractions).
 *   <li>Event rates: error events over the window's minutes that have logs ({@link Coverage}),
 *       compared with {@link PoissonRates} per minute; values are events per hour.
 *   <li>Latency: the per-minute p95s of each window, compared with {@link MannWhitney}; values are
 *       the medians of those p95s, events and totals the number of minutes with requests.
 *   <li>New signatures (event-rate rows and the overall row): seen in the after window, not in the
 *       before window, not anywhere in the scanned logs before the deploy started, and not in
 *       {@code app_errors} of the previous days.
 *   <li>The overall verdict is {@link Verdict#overall} of the metrics' verdicts.
 * </ul>
 */
public final class ImpactCalculator {
  /** Minutes of a window that have logs for a metric (event rates need the exposure in minutes). */
  @FunctionalInterface
  public interface Coverage {
    Duration covered(String metric, Instant from, Instant to);

    /** Every minute covered. */
    static Coverage full() {
      return (metric, from, to) -> Duration.between(from, to);
    }
  }

  private final Map<ImpactRule.Kind, ImpactRule> rules;

  public ImpactCalculator(Map<ImpactRule.Kind, ImpactRule> rules) {
    this.rules = new EnumMap<>(ImpactRule.Kind.class);
    for (ImpactRule.Kind k : ImpactRule.Kind.values()) {
      this.rules.put(k, rules.getOrDefault(k, ImpactRule.defaults(k)));
    }
  }

  /** The default rules ({@link ImpactRule#defaults}). */
  public ImpactCalculator() {
    this(Map.of());
  }

  /**
   * The rows of deploy {@code d}.
   *
   * @param minutes this deploy's minute counts (others are ignored)
   * @param signatures this deploy's signature counts (others are ignored)
   * @param firstSeen per metric and signature, the first time it was seen in the scanned logs
   * @param known per error app ({@code app_errors.app}), the signatures of the previous days'
   *     {@code app_errors}
   */
  public List<ImpactRow> rows(
      ImpactSubject d,
      ImpactWindows w,
      List<MinuteCount> minutes,
      List<SignatureCount> signatures,
      Map<String, Map<String, Instant>> firstSeen,
      Map<String, Set<String>> known,
      Coverage coverage) {
    Map<String, List<MinuteCount>> byMetric = new HashMap<>();
    for (MinuteCount m : minutes) {
      if (m.deployId().equals(d.id())) {
        byMetric.computeIfAbsent(m.metric(), k -> new ArrayList<>()).add(m);
      }
    }
    List<ImpactRow> out = new ArrayList<>();
    List<Verdict> verdicts = new ArrayList<>();
    Map<String, List<String>> regressed = new LinkedHashMap<>();
    Set<String> allNew = new LinkedHashSet<>();
    for (ImpactMetric metric : ImpactMetric.forApp(d.app())) {
      List<MinuteCount> counts = byMetric.getOrDefault(metric.name(), List.of());
      List<String> fresh =
          metric.kind() == ImpactRule.Kind.EVENT_RATE
              ? newSignatures(d, metric.name(), signatures, firstSeen, known)
              : List.of();
      ImpactRow row =
          switch (metric.kind()) {
            case RATE -> rate(d, w, metric, counts);
            case EVENT_RATE -> eventRate(d, w, metric, counts, fresh, coverage);
            case LATENCY -> latency(d, w, metric, counts);
          };
      out.add(row);
      Verdict v = Verdict.fromSqlName(row.verdict());
      verdicts.add(v);
      regressed.computeIfAbsent(row.verdict(), k -> new ArrayList<>()).add(metric.name());
      allNew.addAll(fresh);
    }
    Verdict overall = Verdict.overall(verdicts);
    out.add(
        row(
            d,
            w,
            ImpactMetric.OVERALL,
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
            overall,
            overallReason(regressed, allNew),
            List.copyOf(allNew)));
    return out;
  }

  private ImpactRow rate(
      ImpactSubject d, ImpactWindows w, ImpactMetric metric, List<MinuteCount> counts) {
    long[] before = sums(counts, WindowSide.BEFORE);
    long[] after = sums(counts, WindowSide.AFTER);
    Judgement j =
        rules
            .get(ImpactRule.Kind.RATE)
            .judgeRate(metric.name(), before[0], before[1], after[0], after[1]);
    RateComparison c =
        before[1] > 0 && after[1] > 0
            ? PoissonRates.compare(before[0], before[1], after[0], after[1])
            : null;
    return row(
        d,
        w,
        metric.name(),
        fraction(before),
        fraction(after),
        before[0],
        before[1],
        after[0],
        after[1],
        c == null ? null : RateComparison.finiteOrNull(c.ratio()),
        c == null ? null : RateComparison.finiteOrNull(c.ciLow()),
        c == null ? null : RateComparison.finiteOrNull(c.ciHigh()),
        c == null ? null : RateComparison.finiteOrNull(c.pValue()),
        j.verdict(),
        j.reason(),
        List.of());
  }

  private ImpactRow eventRate(
      ImpactSubject d,
      ImpactWindows w,
      ImpactMetric metric,
      List<MinuteCount> counts,
      List<String> fresh,
      Coverage coverage) {
    long x0 = sums(counts, WindowSide.BEFORE)[0];
    long x1 = sums(counts, WindowSide.AFTER)[0];
    double t0 = minutes(coverage.covered(metric.name(), w.beforeStart(), w.beforeEnd()));
    double t1 = minutes(coverage.covered(metric.name(), w.afterStart(), w.afterEnd()));
    Judgement j = rules.get(ImpactRule.Kind.EVENT_RATE).judgeRate(metric.name(), x0, t0, x1, t1);
    RateComparison c = t0 > 0 && t1 > 0 ? PoissonRates.compare(x0, t0, x1, t1) : null;
    String reason = j.reason();
    if (!fresh.isEmpty()) {
      reason +=
          "; "
              + fresh.size()
              + " new signature"
              + (fresh.size() == 1 ? "" : "s")
              + ": "
              + String.join(" | ", fresh);
    }
    if (t1 < minutes(w.after()) && t1 > 0) {
      reason +=
          "; after window has logs for "
              + Math.round(t1)
              + " of "
              + Math.round(minutes(w.after()))
              + " min";
    }
    return row(
        d,
        w,
        metric.name(),
        t0 > 0 ? x0 / t0 * 60 : null,
        t1 > 0 ? x1 / t1 * 60 : null,
        x0,
        Math.round(t0),
        x1,
        Math.round(t1),
        c == null ? null : RateComparison.finiteOrNull(c.ratio()),
        c == null ? null : RateComparison.finiteOrNull(c.ciLow()),
        c == null ? null : RateComparison.finiteOrNull(c.ciHigh()),
        c == null ? null : RateComparison.finiteOrNull(c.pValue()),
        j.verdict(),
        reason,
        fresh);
  }

  private ImpactRow latency(
      ImpactSubject d, ImpactWindows w, ImpactMetric metric, List<MinuteCount> counts) {
    double[] before = p95s(counts, WindowSide.BEFORE);
    double[] after = p95s(counts, WindowSide.AFTER);
    RankTest t = MannWhitney.greater(before, after);
    Judgement j = rules.get(ImpactRule.Kind.LATENCY).judge(metric.name(), t);
    return row(
        d,
        w,
        metric.name(),
        RateComparison.finiteOrNull(t.beforeMedian()),
        RateComparison.finiteOrNull(t.afterMedian()),
        before.length,
        before.length,
        after.length,
        after.length,
        RateComparison.finiteOrNull(t.medianRatio()),
        null,
        null,
        RateComparison.finiteOrNull(t.pValue()),
        j.verdict(),
        j.reason(),
        List.of());
  }

  /**
   * Signatures of {@code metric} with events after and none before, first seen at or after the
   * deploy's start.
   */
  static List<String> newSignatures(
      ImpactSubject d,
      String metric,
      List<SignatureCount> signatures,
      Map<String, Map<String, Instant>> firstSeen,
      Map<String, Set<String>> known) {
    String errorApp = metric.substring(metric.indexOf(':') + 1);
    Set<String> knownBefore = known.getOrDefault(errorApp, Set.of());
    Map<String, Instant> seen = firstSeen.getOrDefault(metric, Map.of());
    Map<String, Long> after = new TreeMap<>();
    Set<String> before = new java.util.HashSet<>();
    for (SignatureCount s : signatures) {
      if (!s.deployId().equals(d.id()) || !s.metric().equals(metric)) {
        continue;
      }
      if (s.side() == WindowSide.AFTER) {
        after.merge(s.signature(), s.events(), Long::sum);
      } else if (s.events() > 0) {
        before.add(s.signature());
      }
    }
    return after.entrySet().stream()
        .filter(
            e ->
                e.getValue() > 0
                    && !before.contains(e.getKey())
                    && !knownBefore.contains(e.getKey()))
        .filter(
            e -> {
              Instant first = seen.get(e.getKey());
              return first == null || !first.isBefore(d.startedAt());
            })
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static String overallReason(Map<String, List<String>> byVerdict, Set<String> fresh) {
    List<String> parts = new ArrayList<>();
    for (Verdict v : List.of(Verdict.REGRESSION, Verdict.WARN)) {
      List<String> m = byVerdict.get(v.sqlName());
      if (m != null) {
        parts.add(v.sqlName() + ": " + String.join(", ", m));
      }
    }
    for (Verdict v : List.of(Verdict.OK, Verdict.INSUFFICIENT_DATA)) {
      List<String> m = byVerdict.get(v.sqlName());
      if (m != null) {
        parts.add(m.size() + " " + v.sqlName());
      }
    }
    String s = String.join("; ", parts);
    if (!fresh.isEmpty()) {
      s += "; " + fresh.size() + " new signature" + (fresh.size() == 1 ? "" : "s");
    }
    return s;
  }

  private static ImpactRow row(
      ImpactSubject d,
      ImpactWindows w,
      String metric,
      Double beforeValue,
      Double afterValue,
      long beforeEvents,
      long beforeTotal,
      long afterEvents,
      long afterTotal,
      Double ratio,
      Double ciLow,
      Double ciHigh,
      Double p,
      Verdict verdict,
      String reason,
      List<String> fresh) {
    return new ImpactRow(
        d.id(),
        d.app().code(),
        d.startedAt(),
        d.finishedAt(),
        metric,
        w.beforeStart(),
        w.beforeEnd(),
        w.afterStart(),
        w.afterEnd(),
        beforeValue,
        afterValue,
        beforeEvents,
        beforeTotal,
        afterEvents,
        afterTotal,
        ratio,
        ciLow,
        ciHigh,
        p,
        verdict.sqlName(),
        reason,
        fresh);
  }

  /** {events, total} of one side. */
  private static long[] sums(List<MinuteCount> counts, WindowSide side) {
    long[] s = new long[2];
    for (MinuteCount m : counts) {
      if (m.side() == side) {
        s[0] += m.events();
        s[1] += m.total();
      }
    }
    return s;
  }

  private static double[] p95s(List<MinuteCount> counts, WindowSide side) {
    return counts.stream()
        .filter(m -> m.side() == side && m.p95() != null && !m.p95().isNaN())
        .sorted(Comparator.comparingLong(MinuteCount::minute))
        .mapToDouble(MinuteCount::p95)
        .toArray();
  }

  private static Double fraction(long[] s) {
    return s[1] > 0 ? (double) s[0] / s[1] : null;
  }

  private static double minutes(Duration d) {
    return d.toMillis() / 60_000.0;
  }
}
