package org.mozilla.balrog.logs.impact;

/**
 * Compares two Poisson rates, after a deploy against before it (docs/design.md#deploy-impact), with
 * the exact conditional method.
 *
 * <p>With {@code x0} events over exposure {@code t0} before and {@code x1} over {@code t1} after,
 * and {@code R = rate1 / rate0}, the after count given the total {@code n = x0 + x1} is binomial:
 * {@code x1 | n ~ Binomial(n, p)} with {@code p = t1 R / (t0 + t1 R)}, free of the unknown base
 * rate. So
 *
 * <ul>
 *   <li>the p-value for "after is worse" is {@code P(X >= x1)} for {@code X ~ Binomial(n, p0)},
 *       {@code p0 = t1 / (t0 + t1)} (R = 1);
 *   <li>the confidence interval of R is the Clopper–Pearson interval of p, mapped through {@code R
 *       = p / (1 - p) * t0 / t1}.
 * </ul>
 *
 * The test and the interval are dual: {@code ciLow > 1} exactly when {@code pValue < (1 -
 * confidence) / 2}. Both are conservative (an exact discrete test), which is what a deploy alarm
 * wants.
 *
 * <p>Edge cases (see {@link RateComparison} for which values can be infinite): no events after
 * gives ratio 0 and {@code ciLow = 0}; no events before gives ratio {@code +Infinity} and {@code
 * ciHigh = +Infinity}; no events at all gives ratio NaN, interval {@code [0, +Infinity]} and
 * p-value 1. A zero, negative or non-finite exposure, a negative count or a confidence outside (0,
 * 1) is an {@link IllegalArgumentException}: a rate over nothing is not a rate.
 *
 * <p>Static and thread-safe.
 */
final class PoissonRates {
  /** The confidence level of {@link #compare(long, double, long, double)}. */
  public static final double DEFAULT_CONFIDENCE = 0.95;

  private PoissonRates() {}

  /** {@link #compare(long, double, long, double, double)} with a 95% interval. */
  public static RateComparison compare(
      long beforeEvents, double beforeExposure, long afterEvents, double afterExposure) {
    return compare(beforeEvents, beforeExposure, afterEvents, afterExposure, DEFAULT_CONFIDENCE);
  }

  /**
   * Compares the after rate {@code afterEvents / afterExposure} with the before rate.
   *
   * @param confidence two-sided confidence level of the interval, in (0, 1), e.g. 0.95
   * @throws IllegalArgumentException for a negative count, an exposure that is not a finite
   *     positive number, or a confidence outside (0, 1)
   */
  public static RateComparison compare(
      long beforeEvents,
      double beforeExposure,
      long afterEvents,
      double afterExposure,
      double confidence) {
    requireCount("beforeEvents", beforeEvents);
    requireCount("afterEvents", afterEvents);
    requireExposure("beforeExposure", beforeExposure);
    requireExposure("afterExposure", afterExposure);
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException(
          "confidence must be between 0 and 1 exclusive (got " + confidence + ")");
    }
    long x0 = beforeEvents;
    long x1 = afterEvents;
    long n = Math.addExact(x0, x1);
    double t0 = beforeExposure;
    double t1 = afterExposure;

    double beforeRate = x0 / t0;
    double afterRate = x1 / t1;
    double ratio =
        afterRate / beforeRate; // x0 = 0: +Infinity, or NaN when x1 = 0 too (IEEE division)

    double p0 = t1 / (t0 + t1);
    double pValue = n == 0 ? 1.0 : Distributions.binomialUpperTail(x1, n, p0);

    // Clopper–Pearson: lower bound of p = Beta(x1, x0 + 1) quantile at alpha/2, upper = Beta(x1 +
    // 1, x0) at
    // 1 - alpha/2. The odds p / (1 - p) need 1 - p with relative precision too, so each complement
    // is solved for
    // directly (1 - Beta(a, b) ~ Beta(b, a)) rather than subtracted from 1.
    double halfAlpha = (1 - confidence) / 2;
    double scale = t0 / t1;
    double ciLow;
    if (x1 == 0) {
      ciLow = 0;
    } else {
      double pLow = Distributions.betaQuantile(x1, x0 + 1, halfAlpha);
      double oneMinusPLow = Distributions.betaQuantile(x0 + 1, x1, 1 - halfAlpha);
      ciLow = pLow / oneMinusPLow * scale;
    }
    double ciHigh;
    if (x0 == 0) {
      ciHigh = Double.POSITIVE_INFINITY;
    } else {
      double pHigh = Distributions.betaQuantile(x1 + 1, x0, 1 - halfAlpha);
      double oneMinusPHigh = Distributions.betaQuantile(x0, x1 + 1, halfAlpha);
      ciHigh = pHigh / oneMinusPHigh * scale;
    }
    return new RateComparison(
        x0, t0, x1, t1, beforeRate, afterRate, ratio, ciLow, ciHigh, pValue, confidence);
  }

  private static void requireCount(String name, long count) {
    if (count < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 (got " + count + ")");
    }
  }

  private static void requireExposure(String name, double exposure) {
    if (!(exposure > 0) || Double.isInfinite(exposure)) {
      throw new IllegalArgumentException(
          name + " must be a positive finite number of requests or minutes (got " + exposure + ")");
    }
  }
}
