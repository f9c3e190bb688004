package org.mozilla.balrog.logs.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.impact.ImpactRule.Kind;

/** Verdicts on the situations a deploy check meets, with the numbers worked out in the comments. */
class ImpactRuleTest {
  private static final ImpactRule RATE = ImpactRule.defaults(Kind.RATE);
  private static final ImpactRule EVENTS = ImpactRule.defaults(Kind.EVENT_RATE);
  private static final ImpactRule LATENCY = ImpactRule.defaults(Kind.LATENCY);

  /** Twelve distinct per-minute p95 values with median 100 ms. */
  private static final double[] AROUND_100 = {
    94.5, 95.5, 96.5, 97.5, 98.5, 99.5, 100.5, 101.5, 102.5, 103.5, 104.5, 105.5
  };

  // --- error rates (RATE) ---

  @Test
  void brokenDeployIsARegression() {
    // 0.03% -> 3%: 3 errors in 10000 requests before, 150 in 5000 after. Ratio (150/5000)/(3/10000)
    // = 100;
    // p = 4729027 / 3^153 = 4.7e-67 (PoissonRatesTest); absolute change 3% - 0.03% = 2.97 pp >= 0.2
    // pp.
    Judgement j = RATE.judgeRate("5xx rate", 3, 10_000, 150, 5_000);

    assertThat(j.verdict()).isEqualTo(Verdict.REGRESSION);
    assertThat(j.reason())
        .isEqualTo(
            "5xx rate 0.03% -> 3% (x100, 95% CI 33.6-490), p=4.7e-67: significant and practical");
  }

  @Test
  void brokenDeployOnEqualWindowsIsARegression() {
    // 2 -> 150 errors in 5000 requests each: 0.04% -> 3%, ratio 75
    assertThat(RATE.judgeRate("5xx rate", 2, 5_000, 150, 5_000).verdict())
        .isEqualTo(Verdict.REGRESSION);
  }

  @Test
  void bigServiceWithAHarmlessFivePercentIsNotARegression() {
    // 1e6 requests each side, 0.1% -> 0.105% (1000 -> 1050 errors): p = 0.14 (normal approximation
    // z = 24.5 / 22.638 = 1.08), not significant
    Judgement j = RATE.judgeRate("5xx rate", 1000, 1e6, 1050, 1e6);

    assertThat(j.verdict()).isEqualTo(Verdict.OK);
    assertThat(j.reason())
        .isEqualTo(
            "5xx rate 0.1% -> 0.105% (x1.05, 95% CI 0.962-1.15), p=0.14: no significant increase");
  }

  @Test
  void hugeServiceMakesFivePercentSignificantButItStaysAWarning() {
    // 1e7 requests each side, 10000 -> 10500 errors: z = (10500 - 10250 - 0.5) / sqrt(20500 / 4) =
    // 3.49,
    // p = 2.5e-4 < 0.001, but x1.05 < x1.5 and +0.005 pp < +0.2 pp
    Judgement j = RATE.judgeRate("5xx rate", 10_000, 1e7, 10_500, 1e7);

    assertThat(j.verdict()).isEqualTo(Verdict.WARN);
    assertThat(j.reason())
        .isEqualTo(
            "5xx rate 0.1% -> 0.105% (x1.05, 95% CI 1.02-1.08), p=2.5e-4: significant but small"
                + " (x1.05 < x1.5, +0.005 pp < +0.2 pp)");
  }

  @Test
  void quietServiceWithThreeErrorsIsNotJudged() {
    // 0 -> 3 errors in 300 requests each: even the smallest regression, 0% -> 0.2%, would bring
    // 0.2% * 300 = 0.6
    // errors after, and only 3 (< 5) were seen. (It would not be a regression anyway: p = 1/2^3 =
    // 0.125.)
    Judgement j = RATE.judgeRate("5xx rate", 0, 300, 3, 300);

    assertThat(j.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    assertThat(j.reason())
        .isEqualTo(
            "5xx rate: too few errors to judge: 0 before, 3 after in 300 requests; even the"
                + " smallest regression (0% -> 0.2%) would be expected to bring only 0.6 errors,"
                + " fewer than 5");
  }

  @Test
  void busyServiceWithoutAnyErrorIsOk() {
    // 0 -> 0 in 1e6 requests: a 0.2% regression would have brought 2000 errors, so the silence
    // means OK
    Judgement j = RATE.judgeRate("5xx rate", 0, 1e6, 0, 1e6);

    assertThat(j.verdict()).isEqualTo(Verdict.OK);
    assertThat(j.reason())
        .isEqualTo("5xx rate 0% -> 0% (no errors before or after), p=1: no significant increase");
  }

  @Test
  void threeNewErrorsOnABusyServiceAreOk() {
    // 0 -> 3 in 5000 requests each: judged (a regression would bring 10 errors), p = 1/8, +0.06 pp
    assertThat(RATE.judgeRate("5xx rate", 0, 5_000, 3, 5_000).verdict()).isEqualTo(Verdict.OK);
  }

  @Test
  void largeButWeaklySupportedIncreaseWarns() {
    // 0 -> 8 errors in 2000 requests each: 0% -> 0.4% is practical (ratio inf, +0.4 pp), p = 1/2^8
    // = 0.0039
    // is below 0.05 but not below 0.001. ciLow = 0.025^(1/8) / (1 - 0.025^(1/8)) = 0.6307 / 0.3693
    // = 1.71
    Judgement j = RATE.judgeRate("5xx rate", 0, 2_000, 8, 2_000);

    assertThat(j.verdict()).isEqualTo(Verdict.WARN);
    assertThat(j.reason())
        .isEqualTo(
            "5xx rate 0% -> 0.4% (up from 0, 95% CI 1.71-inf), p=0.0039: practical but only weakly"
                + " significant (p >= 0.001)");
  }

  @Test
  void smallWeaklySupportedIncreaseIsOk() {
    // 1000 -> 1080 in 1e6 each: p = 0.042 (z = 39.5 / 22.80 = 1.73) and x1.08 is small
    Judgement j = RATE.judgeRate("5xx rate", 1000, 1e6, 1080, 1e6);

    assertThat(j.verdict()).isEqualTo(Verdict.OK);
    assertThat(j.reason())
        .isEqualTo(
            "5xx rate 0.1% -> 0.108% (x1.08, 95% CI 0.99-1.18), p=0.042: only weakly significant (p"
                + " >= 0.001) and small (x1.08 < x1.5, +0.008 pp < +0.2 pp)");
  }

  @Test
  void improvementIsOk() {
    // 3% -> 0.03%: the reverse of the broken deploy
    Judgement j = RATE.judgeRate("5xx rate", 150, 5_000, 3, 10_000);

    assertThat(j.verdict()).isEqualTo(Verdict.OK);
    assertThat(j.reason()).endsWith("p=1: lower after");
  }

  @Test
  void tooFewRequestsOnASideIsInsufficient() {
    Judgement j = RATE.judgeRate("5xx rate", 1, 150, 40, 1000);

    assertThat(j.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    assertThat(j.reason())
        .isEqualTo(
            "5xx rate: too little data: 150 requests before, 1000 after (need at least 200 on each"
                + " side)");
  }

  @Test
  void noRequestsAfterIsInsufficientNotAnError() {
    // PoissonRates.compare refuses a zero exposure; judgeRate answers before comparing
    Judgement j = RATE.withMinExposure(0).judgeRate("5xx rate", 4, 1000, 0, 0);

    assertThat(j.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    assertThat(j.reason())
        .isEqualTo(
            "5xx rate: too little data: 1000 requests before, 0 after (need some on each side)");
    assertThatThrownBy(() -> RATE.judgeRate("5xx rate", 4, -1, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beforeExposure must be a positive finite number");
  }

  @Test
  void judgingAComparisonGivesTheSameAsJudgingTheCounts() {
    RateComparison c = PoissonRates.compare(3, 10_000, 150, 5_000, 0.95);

    assertThat(RATE.judge("5xx rate", c))
        .isEqualTo(RATE.judgeRate("5xx rate", 3, 10_000, 150, 5_000));
  }

  // --- event rates (EVENT_RATE) ---

  @Test
  void errorBurstIsARegression() {
    // 30 events in 60 minutes (0.5/min) -> 120 in 60 (2/min): x4, +1.5/min >= 0.5/min,
    // p = P(Bin(150, 1/2) >= 120) = 3e-14
    Judgement j = EVENTS.judgeRate("app errors", 30, 60, 120, 60);

    assertThat(j.verdict()).isEqualTo(Verdict.REGRESSION);
    assertThat(j.reason())
        .isEqualTo(
            "app errors 0.5/min -> 2/min (x4, 95% CI 2.66-6.18), p=3e-14: significant and"
                + " practical");
  }

  @Test
  void aFewMoreEventsAreOk() {
    // 3 -> 6 in 60 minutes each: p = P(Bin(9, 1/2) >= 6) = (84 + 36 + 9 + 1) / 512 = 0.254
    Judgement j = EVENTS.judgeRate("app errors", 3, 60, 6, 60);

    assertThat(j.verdict()).isEqualTo(Verdict.OK);
    assertThat(j.reason()).contains("p=0.25: no significant increase");
  }

  @Test
  void lessThanTenMinutesIsInsufficient() {
    Judgement j = EVENTS.judgeRate("app errors", 3, 9, 60, 60);

    assertThat(j.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    assertThat(j.reason())
        .isEqualTo(
            "app errors: too little data: 9 minutes before, 60 after (need at least 10 on each"
                + " side)");
  }

  @Test
  void tenQuietMinutesAreEnoughToJudge() {
    // 0 -> 3 events in 10 minutes each: a regression (+0.5/min) would bring 5 events, so it is
    // judged;
    // p = 1/8 and +0.3/min < +0.5/min: OK
    assertThat(EVENTS.judgeRate("app errors", 0, 10, 3, 10).verdict()).isEqualTo(Verdict.OK);
  }

  // --- latency (LATENCY) ---

  @Test
  void slowerByHundredFiftyMillisecondsIsARegression() {
    // 12 buckets each, every after value above every before value: U = 144, z = 71.5 / sqrt(300) =
    // 4.128,
    // p = 1.8e-5; medians 100 -> 250 ms: x2.5 >= x1.3 and +150 ms >= +50 ms
    Judgement j =
        LATENCY.judge("latency p95", MannWhitney.greater(AROUND_100, plus(AROUND_100, 150)));

    assertThat(j.verdict()).isEqualTo(Verdict.REGRESSION);
    assertThat(j.reason())
        .isEqualTo(
            "latency p95 100 ms -> 250 ms (x2.5, medians of 12 and 12 buckets), p=1.8e-5:"
                + " significant and practical");
  }

  @Test
  void slowerByTwentyMillisecondsIsOnlyAWarning() {
    // same separation (p = 1.8e-5) but 100 -> 120 ms: x1.2 < x1.3 and +20 ms < +50 ms
    Judgement j =
        LATENCY.judge("latency p95", MannWhitney.greater(AROUND_100, plus(AROUND_100, 20)));

    assertThat(j.verdict()).isEqualTo(Verdict.WARN);
    assertThat(j.reason()).endsWith("significant but small (x1.2 < x1.3, +20 ms < +50 ms)");
  }

  @Test
  void fasterIsOk() {
    Judgement j =
        LATENCY.judge("latency p95", MannWhitney.greater(plus(AROUND_100, 150), AROUND_100));

    assertThat(j.verdict()).isEqualTo(Verdict.OK);
    assertThat(j.reason())
        .isEqualTo(
            "latency p95 250 ms -> 100 ms (x0.4, medians of 12 and 12 buckets), p=1: lower after");
  }

  @Test
  void sixBucketsEachCanOnlyWarn() {
    // complete separation of 6 and 6 values: exact p = 1/C(12,6) = 1/924 = 0.0011, not below 0.001
    double[] before = {97, 98, 99, 101, 102, 103};
    Judgement j = LATENCY.judge("latency p95", MannWhitney.greater(before, plus(before, 150)));

    assertThat(j.verdict()).isEqualTo(Verdict.WARN);
    assertThat(j.reason()).endsWith("p=0.0011: practical but only weakly significant (p >= 0.001)");
  }

  @Test
  void fiveBucketsAreInsufficient() {
    double[] before = {97, 98, 100, 102, 103};
    Judgement j = LATENCY.judge("latency p95", MannWhitney.greater(before, plus(AROUND_100, 150)));

    assertThat(j.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    assertThat(j.reason())
        .isEqualTo(
            "latency p95: too little data: 5 buckets before, 12 after (need at least 6 on each"
                + " side)");
  }

  @Test
  void emptyAfterIsInsufficient() {
    Judgement j = LATENCY.judge("latency p95", MannWhitney.greater(AROUND_100, new double[0]));

    assertThat(j.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
  }

  private static double[] plus(double[] values, double shift) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += shift;
    }
    return out;
  }

  // --- configuration ---

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(RATE).isEqualTo(new ImpactRule(Kind.RATE, 0.001, 0.05, 1.5, 0.002, 200, 5));
    assertThat(EVENTS).isEqualTo(new ImpactRule(Kind.EVENT_RATE, 0.001, 0.05, 1.5, 0.5, 10, 5));
    assertThat(LATENCY).isEqualTo(new ImpactRule(Kind.LATENCY, 0.001, 0.05, 1.3, 50, 6, 0));
  }

  @Test
  void lowerPracticalThresholdsTurnTheHugeServiceWarningIntoARegression() {
    ImpactRule strict = RATE.withMinRatio(1.01).withMinAbsolute(0);

    assertThat(strict.judgeRate("5xx rate", 10_000, 1e7, 10_500, 1e7).verdict())
        .isEqualTo(Verdict.REGRESSION);
  }

  @Test
  void significantButIntervalReachingOneWarns() {
    // alpha 0.04 above (1 - 0.95) / 2: 0 -> 5 errors in 2000 each has p = 1/32 = 0.031 < 0.04,
    // practical,
    // but ciLow = 0.025^(1/5) / (1 - 0.025^(1/5)) = 0.478 / 0.522 = 0.916 < 1
    Judgement j = RATE.withAlpha(0.04).judgeRate("5xx rate", 0, 2_000, 5, 2_000);

    assertThat(j.verdict()).isEqualTo(Verdict.WARN);
    assertThat(j.reason())
        .endsWith("significant and practical, but the confidence interval reaches x1");
  }

  @Test
  void inconsistentThresholdsAreRejected() {
    assertThatThrownBy(() -> RATE.withAlpha(0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need 0 < alpha <= warnAlpha < 1 (got alpha=0.1, warnAlpha=0.05)");
    assertThatThrownBy(() -> RATE.withMinRatio(0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minRatio must be a finite number >= 1 (got 0.9)");
    assertThatThrownBy(() -> RATE.withMinAbsolute(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minAbsolute must be a finite number >= 0 (got -1.0)");
    assertThatThrownBy(() -> RATE.withMinExposure(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minExposure must be a finite number >= 0 (got NaN)");
    assertThatThrownBy(() -> RATE.withMinEvents(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minEvents must be >= 0 (got -1)");
  }

  @Test
  void aRuleJudgesOnlyItsKindOfResult() {
    RankTest t = MannWhitney.greater(new double[] {1, 2}, new double[] {3, 4});
    RateComparison c = PoissonRates.compare(1, 1000, 2, 1000);

    assertThatThrownBy(() -> RATE.judge("latency p95", t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a RATE rule judges a rate comparison, not a RankTest (latency p95)");
    assertThatThrownBy(() -> LATENCY.judge("5xx rate", c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a LATENCY rule judges a RankTest, not a rate comparison (5xx rate)");
  }
}
