package org.mozilla.balrog.logs.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.mozilla.balrog.logs.impact.ImpactRule.Kind;

/** What the verdict rules promise whatever the traffic. */
class ImpactRulePropertyTest {
  private static final List<Verdict> SEVERITY =
      List.of(Verdict.OK, Verdict.WARN, Verdict.REGRESSION);

  @Property(tries = 300)
  void moreErrorsAfterNeverSoftenAJudgedVerdict(
      @ForAll @LongRange(max = 3_000) long x0,
      @ForAll @LongRange(max = 3_000) long x1,
      @ForAll @IntRange(min = 200, max = 2_000_000) int t0,
      @ForAll @IntRange(min = 200, max = 2_000_000) int t1,
      @ForAll Kind kind) {
    // p falls and ratio and change grow with x1, so each condition of the rule can only switch on
    Assume.that(kind != Kind.LATENCY);
    ImpactRule rule = ImpactRule.defaults(kind);
    Verdict v = rule.judgeRate("m", x0, t0, x1, t1).verdict();
    Verdict more = rule.judgeRate("m", x0, t0, x1 + 1, t1).verdict();
    Assume.that(v != Verdict.INSUFFICIENT_DATA && more != Verdict.INSUFFICIENT_DATA);

    assertThat(SEVERITY.indexOf(more)).isGreaterThanOrEqualTo(SEVERITY.indexOf(v));
  }

  @Property(tries = 300)
  void anUnchangedOrLowerRateIsNeverFlagged(
      @ForAll @LongRange(max = 100_000) long x0,
      @ForAll @IntRange(min = 1, max = 10_000_000) int t0,
      @ForAll @IntRange(min = 1, max = 10_000_000) int t1,
      @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
    // after events at most what the before rate predicts for the after exposure
    long x1 = (long) Math.floor(x0 * (double) t1 / t0 * fraction);
    Verdict v = ImpactRule.defaults(Kind.RATE).judgeRate("m", x0, t0, x1, t1).verdict();

    assertThat(v).isIn(Verdict.OK, Verdict.INSUFFICIENT_DATA);
  }

  @Property(tries = 300)
  void aRatioBelowTheMinimumIsNeverARegressionHoweverBusyTheService(
      @ForAll @DoubleRange(min = 1e-4, max = 0.2) @Scale(6) double beforeRate,
      @ForAll @DoubleRange(min = 1, max = 1.45) double ratio,
      @ForAll @IntRange(min = 1_000, max = 100_000_000) int requests) {
    long x0 = Math.round(beforeRate * requests);
    long x1 = Math.round(beforeRate * ratio * requests);
    Assume.that(x0 > 100); // so that rounding keeps the ratio below 1.5

    assertThat(ImpactRule.defaults(Kind.RATE).judgeRate("m", x0, requests, x1, requests).verdict())
        .isNotEqualTo(Verdict.REGRESSION);
  }

  @Property(tries = 200)
  void fasterLatencyIsNeverFlagged(
      @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 1, max = 5_000) Double> values,
      @ForAll @DoubleRange(min = 0, max = 1_000) double speedUp) {
    double[] before = values.stream().mapToDouble(Double::doubleValue).toArray();
    double[] after = Arrays.stream(before).map(v -> v - speedUp).toArray();
    Verdict v =
        ImpactRule.defaults(Kind.LATENCY).judge("m", MannWhitney.greater(before, after)).verdict();

    assertThat(v).isIn(Verdict.OK, Verdict.INSUFFICIENT_DATA);
  }
}
