package org.mozilla.balrog.logs.impact;

/**
 * A one-sided Mann–Whitney rank test "after tends to be larger than before": the result of {@link
 * MannWhitney#greater}.
 *
 * <p>Non-finite values: when a side is empty, {@code u}, {@code z}, {@code pValue} and that side's
 * median are NaN (there is nothing to compare). Otherwise every field is finite, unless the input
 * values themselves were infinite (then a median can be).
 *
 * @param u the Mann–Whitney U of {@code after}: the number of (before, after) pairs with after
 *     larger, ties counting one half; from 0 to {@code nBefore * nAfter}, {@code nBefore * nAfter /
 *     2} expected when nothing changed
 * @param z the normal score of U with tie-corrected variance and continuity correction, {@code (U -
 *     mean - 0.5) / sd}; reported even when the p-value is exact; 0 when all values are equal
 * @param pValue one-sided p-value: exact for small samples without ties, normal approximation
 *     otherwise; 1 when all values are equal
 * @param beforeMedian median of {@code before} (mean of the two middle values for an even count)
 * @param afterMedian median of {@code after}
 * @param exact whether {@code pValue} comes from the exact distribution of U (small samples without
 *     ties) rather than the normal approximation
 */
record RankTest(
    int nBefore,
    int nAfter,
    double u,
    double z,
    double pValue,
    double beforeMedian,
    double afterMedian,
    boolean exact) {

  /**
   * {@code afterMedian / beforeMedian}: +Infinity from a zero median, NaN for 0/0 or an empty side.
   */
  public double medianRatio() {
    return afterMedian / beforeMedian;
  }

  /** {@code afterMedian - beforeMedian}. */
  public double medianChange() {
    return afterMedian - beforeMedian;
  }
}
