package org.mozilla.balrog.logs.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties every exact Poisson-ratio comparison has, whatever the counts and exposures. */
class PoissonRatesPropertyTest {

  @Property(tries = 300)
  void pValueDoesNotGrowWithMoreEventsAfter(
      @ForAll @LongRange(max = 300) long x0,
      @ForAll @LongRange(max = 300) long x1,
      @ForAll @IntRange(min = 1, max = 100_000) int t0,
      @ForAll @IntRange(min = 1, max = 100_000) int t1) {
    double p = PoissonRates.compare(x0, t0, x1, t1).pValue();
    double pMore = PoissonRates.compare(x0, t0, x1 + 1, t1).pValue();

    assertThat(pMore).isLessThanOrEqualTo(p * (1 + 1e-12));
    assertThat(p).isBetween(0.0, 1.0);
  }

  @Property(tries = 300)
  void intervalContainsThePointEstimate(
      @ForAll @LongRange(max = 2_000) long x0,
      @ForAll @LongRange(max = 2_000) long x1,
      @ForAll @IntRange(min = 1, max = 1_000_000) int t0,
      @ForAll @IntRange(min = 1, max = 1_000_000) int t1) {
    Assume.that(x0 + x1 > 0);
    RateComparison c = PoissonRates.compare(x0, t0, x1, t1);

    assertThat(c.ciLow()).isLessThanOrEqualTo(c.ratio());
    assertThat(c.ciHigh()).isGreaterThanOrEqualTo(c.ratio());
    assertThat(c.ciLow()).isGreaterThanOrEqualTo(0.0).isNotNaN();
  }

  @Property(tries = 300)
  void swappingBeforeAndAfterMirrorsTheRatioAndInterval(
      @ForAll @LongRange(max = 2_000) long x0,
      @ForAll @LongRange(max = 2_000) long x1,
      @ForAll @IntRange(min = 1, max = 1_000_000) int t0,
      @ForAll @IntRange(min = 1, max = 1_000_000) int t1) {
    RateComparison c = PoissonRates.compare(x0, t0, x1, t1);
    RateComparison swapped = PoissonRates.compare(x1, t1, x0, t0);

    assertReciprocal(swapped.ratio(), c.ratio());
    assertReciprocal(swapped.ciLow(), c.ciHigh());
    assertReciprocal(swapped.ciHigh(), c.ciLow());
  }

  @Property(tries = 300)
  void intervalExcludesOneExactlyWhenTheTestRejectsAtHalfAlpha(
      @ForAll @LongRange(max = 500) long x0,
      @ForAll @LongRange(max = 500) long x1,
      @ForAll @IntRange(min = 1, max = 10_000) int t0,
      @ForAll @IntRange(min = 1, max = 10_000) int t1) {
    // Clopper-Pearson's lower bound pLow solves P(X >= x1 | pLow) = alpha/2 and that tail grows
    // with p, so
    // pLow > p0 (ciLow > 1) exactly when P(X >= x1 | p0) < alpha/2 = 0.025.
    RateComparison c = PoissonRates.compare(x0, t0, x1, t1);
    Assume.that(Math.abs(c.pValue() - 0.025) > 1e-9);

    assertThat(c.ciLow() > 1).isEqualTo(c.pValue() < 0.025);
  }

  @Property(tries = 300)
  void pValueIsTheBinomialTailSummedTermByTerm(
      @ForAll @LongRange(max = 40) long x0,
      @ForAll @LongRange(max = 40) long x1,
      @ForAll @IntRange(min = 1, max = 1_000) int t0,
      @ForAll @IntRange(min = 1, max = 1_000) int t1) {
    Assume.that(x0 + x1 > 0);
    RateComparison c = PoissonRates.compare(x0, t0, x1, t1);
    double p0 = t1 / (double) (t0 + t1);
    double expected = PoissonRatesTest.upperTailBySum(x1, x0 + x1, p0);

    assertThat(c.pValue()).isCloseTo(expected, within(1e-12 + 1e-9 * expected));
  }

  @Property(tries = 200)
  void scalingBothExposuresChangesOnlyTheRates(
      @ForAll @LongRange(max = 1_000) long x0,
      @ForAll @LongRange(max = 1_000) long x1,
      @ForAll @IntRange(min = 1, max = 10_000) int t0,
      @ForAll @IntRange(min = 1, max = 10_000) int t1,
      @ForAll @IntRange(min = 2, max = 1_000) int factor) {
    RateComparison c = PoissonRates.compare(x0, t0, x1, t1);
    RateComparison scaled =
        PoissonRates.compare(x0, t0 * (double) factor, x1, t1 * (double) factor);

    assertRelativelyClose(scaled.ratio(), c.ratio());
    assertRelativelyClose(scaled.ciLow(), c.ciLow());
    assertRelativelyClose(scaled.ciHigh(), c.ciHigh());
    assertRelativelyClose(scaled.pValue(), c.pValue());
    assertRelativelyClose(scaled.afterRate() * factor, c.afterRate());
  }

  private static void assertReciprocal(double actual, double value) {
    assertRelativelyClose(actual, 1 / value);
  }

  private static void assertRelativelyClose(double actual, double expected) {
    if (Double.isNaN(expected)) {
      assertThat(actual).isNaN();
    } else if (Double.isInfinite(expected) || expected == 0) {
      assertThat(actual).isEqualTo(expected);
    } else {
      assertThat(actual).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
    }
  }
}
