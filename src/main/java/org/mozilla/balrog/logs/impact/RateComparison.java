package org.mozilla.balrog.logs.impact;

/**
 * Two Poisson rates compared, after against before: the result of {@link PoissonRates#compare}.
 *
 * <p>Exposure is the denominator of a rate: requests for an error rate, minutes for an event rate.
 * Rates are {@code events / exposure} (a fraction for error rates, events per minute for event
 * rates).
 *
 * <p><b>Non-finite values</b> (callers writing Parquet may turn them into null with {@link
 * #finiteOrNull}):
 *
 * <ul>
 *   <li>{@code ratio} is {@code +Infinity} when there were no events before and some after, and
 *       {@code NaN} when there were none on either side (0/0: no rate to compare); it is 0 when
 *       there were none after only.
 *   <li>{@code ciHigh} is {@code +Infinity} whenever there were no events before (nothing bounds
 *       the ratio from above), including when there were none at all.
 *   <li>{@code ciLow} is 0 whenever there were no events after; it is never infinite or NaN.
 *   <li>{@code beforeRate}, {@code afterRate} and {@code pValue} are always finite.
 * </ul>
 *
 * @param ratio after rate / before rate (point estimate)
 * @param ciLow lower bound of the two-sided {@code confidence} interval of the ratio (exact,
 *     Clopper–Pearson based)
 * @param ciHigh upper bound of that interval
 * @param pValue one-sided exact conditional p-value for "the after rate is higher than the before
 *     rate"; 1 when there were no events at all
 * @param confidence the confidence level of the interval, e.g. 0.95
 */
record RateComparison(
    long beforeEvents,
    double beforeExposure,
    long afterEvents,
    double afterExposure,
    double beforeRate,
    double afterRate,
    double ratio,
    double ciLow,
    double ciHigh,
    double pValue,
    double confidence) {

  /**
   * Total events {@code n = beforeEvents + afterEvents}, the conditioning total of the exact test.
   */
  public long totalEvents() {
    return beforeEvents + afterEvents;
  }

  /**
   * Events expected after if the rate had not changed, given the total: {@code n * t1 / (t0 + t1)}
   * (the mean of the test's null distribution).
   */
  public double expectedAfterEvents() {
    return totalEvents() * (afterExposure / (beforeExposure + afterExposure));
  }

  /** {@code afterRate - beforeRate}: the absolute change, in the rate's unit. */
  public double absoluteChange() {
    return afterRate - beforeRate;
  }

  /**
   * The value boxed, or null when it is infinite or NaN (Parquet columns store no infinity
   * meaningfully).
   */
  public static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
