package org.mozilla.balrog.logs.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exact conditional comparison of two Poisson rates, checked against values worked out by hand. */
class PoissonRatesTest {

  @Test
  void pValueIsTheBinomialUpperTailGivenTheTotal() {
    // x0=2 over 1000, x1=10 over 1000: n=12, p0 = 1000/2000 = 1/2, so
    // P(X >= 10) = (C(12,10) + C(12,11) + C(12,12)) / 2^12 = (66 + 12 + 1) / 4096 = 79/4096 =
    // 0.019287109375
    RateComparison c = PoissonRates.compare(2, 1000, 10, 1000, 0.95);

    assertThat(c.pValue()).isCloseTo(79.0 / 4096, within(1e-15));
    assertThat(c.beforeRate()).isEqualTo(0.002);
    assertThat(c.afterRate()).isEqualTo(0.01);
    assertThat(c.ratio()).isCloseTo(5.0, within(1e-12));
    assertThat(c.absoluteChange()).isCloseTo(0.008, within(1e-15));
    assertThat(c.totalEvents()).isEqualTo(12);
    assertThat(c.expectedAfterEvents()).isEqualTo(6.0);
    assertThat(c.confidence()).isEqualTo(0.95);
  }

  @Test
  void intervalBoundsSolveTheClopperPearsonEquations() {
    // x0=2, x1=10, t0=t1: R = p/(1-p), so p = R/(1+R). Clopper-Pearson defines the bounds of p by
    //   P(Bin(12, pLow) >= 10) = 0.025   and   P(Bin(12, pHigh) <= 10) = 0.025;
    // the tails are summed here term by term, independently of the Beta function the code uses.
    RateComparison c = PoissonRates.compare(2, 1000, 10, 1000, 0.95);
    double pLow = c.ciLow() / (1 + c.ciLow());
    double pHigh = c.ciHigh() / (1 + c.ciHigh());

    assertThat(upperTailBySum(10, 12, pLow)).isCloseTo(0.025, within(1e-12));
    assertThat(1 - upperTailBySum(11, 12, pHigh)).isCloseTo(0.025, within(1e-12));
    // and so the interval is about 1.1 to 47 (scipy.stats.beta.ppf gives pLow 0.5158, pHigh 0.9791)
    assertThat(pLow).isCloseTo(0.5158, within(1e-4));
    assertThat(pHigh).isCloseTo(0.9791, within(1e-4));
    assertThat(c.ciLow()).isGreaterThan(1).isLessThan(c.ratio());
    assertThat(c.ciHigh()).isGreaterThan(c.ratio());
  }

  @Test
  void unequalExposuresShiftTheNullProportion() {
    // x0=1 over 100, x1=3 over 300: both rates 0.01, ratio 1. p0 = 300/400 = 3/4, n = 4:
    // P(X >= 3) = C(4,3) (3/4)^3 (1/4) + (3/4)^4 = 4*27/256 + 81/256 = 189/256 = 0.73828125
    RateComparison c = PoissonRates.compare(1, 100, 3, 300, 0.95);

    assertThat(c.ratio()).isCloseTo(1.0, within(1e-12));
    assertThat(c.pValue()).isCloseTo(189.0 / 256, within(1e-14));
    assertThat(c.expectedAfterEvents()).isEqualTo(3.0);
  }

  @Test
  void farTailKeepsItsRelativePrecision() {
    // 0.03% -> 3%: x0=3 over 10000, x1=150 over 5000. p0 = 5000/15000 = 1/3, n = 153:
    // P(X >= 150) = sum_{k=150..153} C(153,k) (1/3)^k (2/3)^(153-k) = 3^-153 * sum_{j=0..3}
    // C(153,j) 2^j
    //             = 3^-153 * (1 + 153*2 + 11628*4 + 585276*8) = 4729027 / 3^153 = 4.7339e-67
    RateComparison c = PoissonRates.compare(3, 10_000, 150, 5_000, 0.95);

    assertThat(c.pValue()).isCloseTo(4729027 / Math.pow(3, 153), withinPercentage(1e-8));
    assertThat(c.ratio()).isCloseTo(100.0, within(1e-9)); // (150/5000) / (3/10000) = 0.03 / 0.0003
    assertThat(c.ciLow()).isGreaterThan(30);
  }

  @Test
  void noEventsAfterGivesRatioZeroAndALowerBoundOfZero() {
    // x0=5, x1=0, t0=t1: p-hat = 0. Clopper-Pearson for x=0 has the closed form pLow = 0,
    // pHigh = 1 - (alpha/2)^(1/n) = 1 - 0.025^(1/5) = 1 - 0.4781762 = 0.5218238,
    // so ciHigh = pHigh / (1 - pHigh) = 0.5218238 / 0.4781762 = 1.0912791.
    RateComparison c = PoissonRates.compare(5, 100, 0, 100, 0.95);

    assertThat(c.ratio()).isEqualTo(0.0);
    assertThat(c.ciLow()).isEqualTo(0.0);
    double pHigh = 1 - Math.pow(0.025, 1.0 / 5);
    assertThat(c.ciHigh()).isCloseTo(pHigh / (1 - pHigh), withinPercentage(1e-10));
    assertThat(c.ciHigh()).isCloseTo(1.0912791, within(1e-7));
    assertThat(c.pValue()).isEqualTo(1.0); // P(X >= 0) = 1
  }

  @Test
  void noEventsBeforeGivesAnInfiniteRatioAndUpperBound() {
    // x0=0, x1=4, t0=t1: p-hat = 1. Closed form pLow = (alpha/2)^(1/n) = 0.025^(1/4) = 0.3976354,
    // ciLow = pLow / (1 - pLow) = 0.3976354 / 0.6023646 = 0.6601240; pHigh = 1, so ciHigh =
    // +Infinity.
    // p-value: P(Bin(4, 1/2) >= 4) = 1/16.
    RateComparison c = PoissonRates.compare(0, 100, 4, 100, 0.95);

    assertThat(c.ratio()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(c.ciHigh()).isEqualTo(Double.POSITIVE_INFINITY);
    double pLow = Math.pow(0.025, 1.0 / 4);
    assertThat(c.ciLow()).isCloseTo(pLow / (1 - pLow), withinPercentage(1e-10));
    assertThat(c.ciLow()).isCloseTo(0.6601240, within(1e-7));
    assertThat(c.pValue()).isCloseTo(1.0 / 16, within(1e-15));
    assertThat(RateComparison.finiteOrNull(c.ratio())).isNull();
    assertThat(RateComparison.finiteOrNull(c.ciLow())).isEqualTo(c.ciLow());
  }

  @Test
  void noEventsAtAllGivesNaNRatioTheWholeHalfLineAndPValueOne() {
    RateComparison c = PoissonRates.compare(0, 1000, 0, 500, 0.95);

    assertThat(c.ratio()).isNaN();
    assertThat(c.ciLow()).isEqualTo(0.0);
    assertThat(c.ciHigh()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(c.pValue()).isEqualTo(1.0);
    assertThat(c.beforeRate()).isEqualTo(0.0);
    assertThat(c.afterRate()).isEqualTo(0.0);
    assertThat(RateComparison.finiteOrNull(c.ratio())).isNull();
  }

  @Test
  void clopperPearsonForASingleEventMatchesItsClosedForm() {
    // n = 1: x1 = 1 gives Beta(1, 1) = uniform for the lower bound, so pLow = alpha/2 = 0.025 and
    // ciLow = 0.025 / 0.975 * t0/t1 = 0.025641 * 2 (t0=200, t1=100).
    RateComparison c = PoissonRates.compare(0, 200, 1, 100, 0.95);

    assertThat(c.ciLow()).isCloseTo(0.025 / 0.975 * 2, withinPercentage(1e-10));
    assertThat(c.pValue()).isCloseTo(100.0 / 300, within(1e-15)); // P(Bin(1, 1/3) >= 1) = p0
  }

  @Test
  void aNinetyNinePercentIntervalIsWider() {
    RateComparison c95 = PoissonRates.compare(20, 1000, 40, 1000, 0.95);
    RateComparison c99 = PoissonRates.compare(20, 1000, 40, 1000, 0.99);

    assertThat(c99.ciLow()).isLessThan(c95.ciLow());
    assertThat(c99.ciHigh()).isGreaterThan(c95.ciHigh());
    assertThat(c99.pValue()).isEqualTo(c95.pValue());
    assertThat(PoissonRates.compare(20, 1000, 40, 1000)).isEqualTo(c95);
  }

  @Test
  void bigCountsStayAccurate() {
    // 1e6 requests each side, 0.1% -> 0.105%: x0 = 1000, x1 = 1050, n = 2050, p0 = 1/2.
    // Normal approximation with continuity correction: mean 1025, sd sqrt(2050/4) = 22.638,
    // z = (1050 - 0.5 - 1025) / 22.638 = 1.0822, P(Z >= 1.0822) = 0.1396 (the exact tail is within
    // 0.001 of it).
    RateComparison c = PoissonRates.compare(1000, 1e6, 1050, 1e6, 0.95);

    assertThat(c.pValue()).isCloseTo(0.1396, within(0.001));
    assertThat(c.ratio()).isCloseTo(1.05, within(1e-12));
    // log-scale normal interval: exp(ln 1.05 -+ 1.96 sqrt(1/1000 + 1/1050)) = 0.963 .. 1.145; the
    // exact interval is
    // a little wider (conservative): scipy.stats.beta.ppf gives 0.9620 .. 1.1461
    assertThat(c.ciLow()).isCloseTo(0.9620, within(2e-4));
    assertThat(c.ciHigh()).isCloseTo(1.1461, within(2e-4));
  }

  @Test
  void millionsOfEventsDoNotBreakTheSpecialFunctions() {
    RateComparison c = PoissonRates.compare(2_000_000, 1e9, 2_010_000, 1e9, 0.95);

    // n = 4.01e6, p0 = 1/2: mean 2.005e6, sd sqrt(4.01e6 / 4) = 1001.25,
    // z = (2_010_000 - 0.5 - 2_005_000) / 1001.25 = 4.9932, P(Z >= z) = 2.97e-7 (scipy's exact
    // binom.sf agrees)
    assertThat(c.pValue()).isCloseTo(2.968e-7, withinPercentage(0.1));
    // ratio 1.005; the interval is about ratio * exp(+-1.96 sqrt(1/2e6 + 1/2.01e6)) = 1.00303 ..
    // 1.00697
    assertThat(c.ciLow()).isCloseTo(1.00303, within(1e-5));
    assertThat(c.ciHigh()).isCloseTo(1.00697, within(1e-5));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 1, beforeExposure must be a positive finite number of requests or minutes (got 0.0)",
    "1, 0, afterExposure must be a positive finite number of requests or minutes (got 0.0)",
    "-5, 1, beforeExposure must be a positive finite number of requests or minutes (got -5.0)",
    "NaN, 1, beforeExposure must be a positive finite number of requests or minutes (got NaN)",
    "1, Infinity, afterExposure must be a positive finite number of requests or minutes (got"
        + " Infinity)",
  })
  void exposureMustBePositiveAndFinite(double t0, double t1, String message) {
    assertThatThrownBy(() -> PoissonRates.compare(1, t0, 1, t1, 0.95))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void negativeCountsAndBadConfidenceAreRejected() {
    assertThatThrownBy(() -> PoissonRates.compare(-1, 10, 1, 10, 0.95))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("beforeEvents must be >= 0 (got -1)");
    assertThatThrownBy(() -> PoissonRates.compare(1, 10, -2, 10, 0.95))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("afterEvents must be >= 0 (got -2)");
    assertThatThrownBy(() -> PoissonRates.compare(1, 10, 1, 10, 95))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("confidence must be between 0 and 1 exclusive (got 95.0)");
  }

  /**
   * P(X >= k) for X ~ Binomial(n, p) by summing the probability mass, the textbook way (small n
   * only).
   */
  static double upperTailBySum(long k, long n, double p) {
    double pmf = Math.pow(1 - p, n); // P(X = 0)
    double tail = 0;
    for (long j = 0; j <= n; j++) {
      if (j >= k) {
        tail += pmf;
      }
      pmf = pmf * (n - j) / (j + 1) * p / (1 - p); // P(X = j+1) from P(X = j)
    }
    return tail;
  }
}
