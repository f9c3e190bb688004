package org.mozilla.balrog.logs.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Judges one metric of a deploy: thresholds that turn a {@link RateComparison} or a {@link
 * RankTest} into a {@link Judgement} (docs/design.md#deploy-impact). Immutable; change a threshold
 * with the {@code with...} methods, starting from {@link #defaults(Kind)}.
 *
 * <p>The rule, in order:
 *
 * <ol>
 *   <li><b>INSUFFICIENT_DATA</b> when a side has less exposure than {@code minExposure} (requests,
 *       minutes or latency buckets); and, for the two rate kinds, when fewer than {@code minEvents}
 *       events were seen after <em>and</em> even the smallest change that would count as a
 *       regression, {@code max(before * minRatio, before + minAbsolute)}, would be expected to
 *       bring fewer than {@code minEvents} events after. So a quiet service with three errors is
 *       not judged, while a busy one with no errors on either side is judged (OK): it had the
 *       traffic to show a regression.
 *   <li><b>REGRESSION</b> needs statistical significance, {@code p < alpha}, and a practical
 *       effect: the ratio (point estimate) at least {@code minRatio} and the absolute change at
 *       least {@code minAbsolute}; for rates also the lower confidence bound of the ratio above 1
 *       (implied by {@code p < alpha} with the defaults, since {@code ciLow > 1} exactly when
 *       {@code p < (1 - confidence) / 2}). Both conditions matter: a big service makes a harmless
 *       +5% significant, a quiet one makes a x3 jump of a few errors large but not significant.
 *   <li><b>WARN</b> when significant but the effect is too small, or when the effect is large
 *       enough but the evidence is only {@code p < warnAlpha}.
 *   <li><b>OK</b> otherwise, including every improvement.
 * </ol>
 *
 * <p>Defaults ({@link #defaults(Kind)}), chosen so that one deploy a day does not raise false
 * alarms and a broken deploy cannot hide:
 *
 * <table>
 *   <caption>Default thresholds by kind</caption>
 *   <tr><th></th><th>RATE</th><th>EVENT_RATE</th><th>LATENCY</th></tr>
 *   <tr><td>alpha</td><td>0.001</td><td>0.001</td><td>0.001</td></tr>
 *   <tr><td>warnAlpha</td><td>0.05</td><td>0.05</td><td>0.05</td></tr>
 *   <tr><td>minRatio</td><td>1.5</td><td>1.5</td><td>1.3</td></tr>
 *   <tr><td>minAbsolute</td><td>0.002 (0.2 percentage points)</td><td>0.5 events/minute</td><td>50 ms</td></tr>
 *   <tr><td>minExposure</td><td>200 requests</td><td>10 minutes</td><td>6 buckets</td></tr>
 *   <tr><td>minEvents</td><td>5</td><td>5</td><td>(unused)</td></tr>
 * </table>
 *
 * Note that with 6 latency buckets on each side even complete separation gives only the exact p =
 * 1/C(12, 6) = 0.0011: a regression needs at least 7 buckets on one side; 6 and 6 can at most WARN.
 *
 * @param kind what is measured, which decides the test and the units of the thresholds
 * @param alpha p-value below which a worsening is significant
 * @param warnAlpha p-value below which a large worsening still warns (at least {@code alpha})
 * @param minRatio smallest after/before ratio that matters (at least 1)
 * @param minAbsolute smallest absolute increase that matters: a fraction of requests (RATE), events
 *     per minute (EVENT_RATE) or milliseconds of median p95 (LATENCY)
 * @param minExposure least exposure on each side: requests (RATE), minutes (EVENT_RATE), buckets
 *     (LATENCY)
 * @param minEvents least events after, unless the smallest regression would show that many (rates
 *     only)
 */
public record ImpactRule(
    Kind kind,
    double alpha,
    double warnAlpha,
    double minRatio,
    double minAbsolute,
    double minExposure,
    long minEvents) {

  /** What a metric measures; decides the test, the units and how the reason prints values. */
  public enum Kind {
    /**
     * Errors per request (a fraction), compared with {@link PoissonRates}; exposure in requests.
     */
    RATE("requests", "errors"),
    /** Events per minute, compared with {@link PoissonRates}; exposure in minutes. */
    EVENT_RATE("minutes", "events"),
    /**
     * Latency in ms (per-minute p95 values), compared with {@link MannWhitney}; exposure in
     * buckets.
     */
    LATENCY("buckets", "buckets");

    private final String exposureUnit;
    private final String eventNoun;

    Kind(String exposureUnit, String eventNoun) {
      this.exposureUnit = exposureUnit;
      this.eventNoun = eventNoun;
    }

    String value(double v) {
      return switch (this) {
        case RATE -> ReasonFormat.sig(v * 100, 3) + "%";
        case EVENT_RATE -> ReasonFormat.sig(v, 3) + "/min";
        case LATENCY -> ReasonFormat.sig(v, 3) + " ms";
      };
    }

    String change(double d) {
      String sign = d >= 0 ? "+" : "";
      return switch (this) {
        case RATE -> sign + ReasonFormat.sig(d * 100, 3) + " pp";
        case EVENT_RATE -> sign + ReasonFormat.sig(d, 3) + "/min";
        case LATENCY -> sign + ReasonFormat.sig(d, 3) + " ms";
      };
    }
  }

  public static final double DEFAULT_ALPHA = 0.001;
  public static final double DEFAULT_WARN_ALPHA = 0.05;
  public static final long DEFAULT_MIN_EVENTS = 5;

  public ImpactRule {
    Objects.requireNonNull(kind, "kind");
    if (!(alpha > 0 && alpha <= warnAlpha && warnAlpha < 1)) {
      throw new IllegalArgumentException(
          "need 0 < alpha <= warnAlpha < 1 (got alpha=" + alpha + ", warnAlpha=" + warnAlpha + ")");
    }
    if (!(minRatio >= 1) || Double.isInfinite(minRatio)) {
      throw new IllegalArgumentException(
          "minRatio must be a finite number >= 1 (got " + minRatio + ")");
    }
    if (!(minAbsolute >= 0) || Double.isInfinite(minAbsolute)) {
      throw new IllegalArgumentException(
          "minAbsolute must be a finite number >= 0 (got " + minAbsolute + ")");
    }
    if (!(minExposure >= 0) || Double.isInfinite(minExposure)) {
      throw new IllegalArgumentException(
          "minExposure must be a finite number >= 0 (got " + minExposure + ")");
    }
    if (minEvents < 0) {
      throw new IllegalArgumentException("minEvents must be >= 0 (got " + minEvents + ")");
    }
  }

  /** The documented default thresholds for a kind (see the class comment). */
  public static ImpactRule defaults(Kind kind) {
    return switch (kind) {
      case RATE ->
          new ImpactRule(
              kind, DEFAULT_ALPHA, DEFAULT_WARN_ALPHA, 1.5, 0.002, 200, DEFAULT_MIN_EVENTS);
      case EVENT_RATE ->
          new ImpactRule(kind, DEFAULT_ALPHA, DEFAULT_WARN_ALPHA, 1.5, 0.5, 10, DEFAULT_MIN_EVENTS);
      case LATENCY -> new ImpactRule(kind, DEFAULT_ALPHA, DEFAULT_WARN_ALPHA, 1.3, 50, 6, 0);
    };
  }

  public ImpactRule withAlpha(double value) {
    return new ImpactRule(kind, value, warnAlpha, minRatio, minAbsolute, minExposure, minEvents);
  }

  public ImpactRule withWarnAlpha(double value) {
    return new ImpactRule(kind, alpha, value, minRatio, minAbsolute, minExposure, minEvents);
  }

  public ImpactRule withMinRatio(double value) {
    return new ImpactRule(kind, alpha, warnAlpha, value, minAbsolute, minExposure, minEvents);
  }

  public ImpactRule withMinAbsolute(double value) {
    return new ImpactRule(kind, alpha, warnAlpha, minRatio, value, minExposure, minEvents);
  }

  public ImpactRule withMinExposure(double value) {
    return new ImpactRule(kind, alpha, warnAlpha, minRatio, minAbsolute, value, minEvents);
  }

  public ImpactRule withMinEvents(long value) {
    return new ImpactRule(kind, alpha, warnAlpha, minRatio, minAbsolute, minExposure, value);
  }

  /**
   * Judges counts directly: INSUFFICIENT_DATA when an exposure is 0 or below {@code minExposure}
   * (where {@link PoissonRates#compare} would refuse a zero), otherwise {@link #judge(String,
   * RateComparison)} of the 95% comparison.
   *
   * @throws IllegalArgumentException for negative counts or an exposure that is negative, NaN or
   *     infinite
   */
  public Judgement judgeRate(
      String metric,
      long beforeEvents,
      double beforeExposure,
      long afterEvents,
      double afterExposure) {
    if (beforeExposure >= 0
        && afterExposure >= 0
        && !exposureSuffices(beforeExposure, afterExposure)) {
      return tooLittleExposure(metric, beforeExposure, afterExposure);
    }
    return judge(
        metric, PoissonRates.compare(beforeEvents, beforeExposure, afterEvents, afterExposure));
  }

  /**
   * Judges a rate comparison (kinds RATE and EVENT_RATE).
   *
   * @param metric what the reason text calls the metric, e.g. "5xx rate"
   * @throws IllegalArgumentException when this is a LATENCY rule
   */
  public Judgement judge(String metric, RateComparison c) {
    if (kind == Kind.LATENCY) {
      throw new IllegalArgumentException(
          "a LATENCY rule judges a RankTest, not a rate comparison (" + metric + ")");
    }
    if (!exposureSuffices(c.beforeExposure(), c.afterExposure())) {
      return tooLittleExposure(metric, c.beforeExposure(), c.afterExposure());
    }
    double smallestRegressionRate =
        Math.max(c.beforeRate() * minRatio, c.beforeRate() + minAbsolute);
    double smallestRegressionEvents = smallestRegressionRate * c.afterExposure();
    if (c.afterEvents() < minEvents && smallestRegressionEvents < minEvents) {
      return new Judgement(
          Verdict.INSUFFICIENT_DATA,
          String.format(
              "%s: too few %s to judge: %d before, %d after in %s %s; even the smallest regression"
                  + " (%s -> %s) would be expected to bring only %s %s, fewer than %d",
              metric,
              kind.eventNoun,
              c.beforeEvents(),
              c.afterEvents(),
              ReasonFormat.sig(c.afterExposure(), 6),
              kind.exposureUnit,
              kind.value(c.beforeRate()),
              kind.value(smallestRegressionRate),
              ReasonFormat.sig(smallestRegressionEvents, 2),
              kind.eventNoun,
              minEvents));
    }
    String head =
        metric + " " + kind.value(c.beforeRate()) + " -> " + kind.value(c.afterRate()) + " (";
    if (c.totalEvents() == 0) {
      head += "no " + kind.eventNoun + " before or after)";
    } else {
      String ratio =
          Double.isInfinite(c.ratio()) ? "up from 0" : "x" + ReasonFormat.sig(c.ratio(), 3);
      head +=
          ratio
              + ", "
              + ReasonFormat.sig(c.confidence() * 100, 3)
              + "% CI "
              + ReasonFormat.sig(c.ciLow(), 3)
              + "-"
              + ReasonFormat.sig(c.ciHigh(), 3)
              + ")";
    }
    return decide(head, c.pValue(), c.ratio(), c.absoluteChange(), c.ciLow() > 1);
  }

  /**
   * Judges a latency rank test (kind LATENCY); the effect is measured on the medians of the
   * buckets.
   *
   * @param metric what the reason text calls the metric, e.g. "latency p95"
   * @throws IllegalArgumentException when this is not a LATENCY rule
   */
  public Judgement judge(String metric, RankTest t) {
    if (kind != Kind.LATENCY) {
      throw new IllegalArgumentException(
          "a " + kind + " rule judges a rate comparison, not a RankTest (" + metric + ")");
    }
    if (!exposureSuffices(t.nBefore(), t.nAfter())) {
      return tooLittleExposure(metric, t.nBefore(), t.nAfter());
    }
    String head =
        String.format(
            "%s %s -> %s (x%s, medians of %d and %d buckets)",
            metric,
            kind.value(t.beforeMedian()),
            kind.value(t.afterMedian()),
            ReasonFormat.sig(t.medianRatio(), 3),
            t.nBefore(),
            t.nAfter());
    return decide(head, t.pValue(), t.medianRatio(), t.medianChange(), true);
  }

  /** {@link Verdict#overall}: the verdict of a deploy from those of its metrics. */
  public static Verdict overall(List<Verdict> verdicts) {
    return Verdict.overall(verdicts);
  }

  private boolean exposureSuffices(double before, double after) {
    return before > 0 && after > 0 && before >= minExposure && after >= minExposure;
  }

  private Judgement tooLittleExposure(String metric, double before, double after) {
    return new Judgement(
        Verdict.INSUFFICIENT_DATA,
        String.format(
            "%s: too little data: %s %s before, %s after (need %s on each side)",
            metric,
            ReasonFormat.sig(before, 6),
            kind.exposureUnit,
            ReasonFormat.sig(after, 6),
            minExposure > 0 ? "at least " + ReasonFormat.sig(minExposure, 6) : "some"));
  }

  private Judgement decide(
      String head, double p, double ratio, double change, boolean intervalAboveOne) {
    boolean significant = p < alpha;
    boolean bigRatio = ratio >= minRatio; // false for NaN (0 -> 0), true for +Infinity (up from 0)
    boolean bigChange = change >= minAbsolute;
    String prefix = head + ", " + ReasonFormat.pValue(p) + ": ";
    if (significant && bigRatio && bigChange) {
      return intervalAboveOne
          ? new Judgement(Verdict.REGRESSION, prefix + "significant and practical")
          : new Judgement(
              Verdict.WARN,
              prefix + "significant and practical, but the confidence interval reaches x1");
    }
    if (significant) {
      return new Judgement(
          Verdict.WARN, prefix + "significant but small (" + shortfall(ratio, change) + ")");
    }
    String notSignificant = "p >= " + ReasonFormat.sig(alpha, 3);
    if (bigRatio && bigChange && p < warnAlpha) {
      return new Judgement(
          Verdict.WARN, prefix + "practical but only weakly significant (" + notSignificant + ")");
    }
    if (change < 0) {
      return new Judgement(Verdict.OK, prefix + "lower after");
    }
    if (p < warnAlpha) {
      return new Judgement(
          Verdict.OK,
          prefix
              + "only weakly significant ("
              + notSignificant
              + ") and small ("
              + shortfall(ratio, change)
              + ")");
    }
    return new Judgement(Verdict.OK, prefix + "no significant increase");
  }

  /** Which practical threshold was missed, e.g. "x1.05 < x1.5, +0.005 pp < +0.2 pp". */
  private String shortfall(double ratio, double change) {
    List<String> parts = new ArrayList<>();
    if (!(ratio >= minRatio)) {
      parts.add("x" + ReasonFormat.sig(ratio, 3) + " < x" + ReasonFormat.sig(minRatio, 3));
    }
    if (!(change >= minAbsolute)) {
      parts.add(kind.change(change) + " < " + kind.change(minAbsolute));
    }
    return String.join(", ", parts);
  }
}
