package org.mozilla.balrog.logs.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** One-sided Mann–Whitney test, checked against samples ranked by hand. */
class MannWhitneyTest {

  @Test
  void completelySeparatedSmallSamplesGiveTheExactOneInTwenty() {
    // pooled ranks 1..6, after = {4,5,6} has rank sum 15, U = 15 - 3*4/2 = 9 = 3*3 (every pair
    // won).
    // Of the C(6,3) = 20 equally likely orderings only this one has U = 9: exact p = 1/20.
    // z = (9 - 4.5 - 0.5) / sqrt(3*3/12 * 7) = 4 / sqrt(5.25) = 1.745743 (reported, not used for p)
    RankTest t = MannWhitney.greater(new double[] {1, 2, 3}, new double[] {4, 5, 6});

    assertThat(t.nBefore()).isEqualTo(3);
    assertThat(t.nAfter()).isEqualTo(3);
    assertThat(t.u()).isEqualTo(9.0);
    assertThat(t.pValue()).isCloseTo(0.05, within(1e-15));
    assertThat(t.exact()).isTrue();
    assertThat(t.z()).isCloseTo(4 / Math.sqrt(5.25), within(1e-12));
    assertThat(t.beforeMedian()).isEqualTo(2.0);
    assertThat(t.afterMedian()).isEqualTo(5.0);
    assertThat(t.medianRatio()).isEqualTo(2.5);
    assertThat(t.medianChange()).isEqualTo(3.0);
  }

  @Test
  void afterSmallerGivesPValueOne() {
    // U = 0: every ordering has U >= 0
    RankTest t = MannWhitney.greater(new double[] {4, 5, 6}, new double[] {1, 2, 3});

    assertThat(t.u()).isEqualTo(0.0);
    assertThat(t.pValue()).isEqualTo(1.0);
  }

  @Test
  void interleavedSamplesUseTheExactDistribution() {
    // before {1,3,5}, after {2,4,6}: after ranks 2+4+6 = 12, U = 12 - 6 = 6.
    // For m = n = 3 the 20 orderings give U = 0..9 with counts 1,1,2,3,3,3,3,2,1,1,
    // so P(U >= 6) = (3 + 2 + 1 + 1) / 20 = 7/20 = 0.35.
    RankTest t = MannWhitney.greater(new double[] {1, 3, 5}, new double[] {2, 4, 6});

    assertThat(t.u()).isEqualTo(6.0);
    assertThat(t.pValue()).isCloseTo(0.35, within(1e-15));
    assertThat(MannWhitney.exactCounts(3, 3)).containsExactly(1, 1, 2, 3, 3, 3, 3, 2, 1, 1);
  }

  @Test
  void exactCountsForTwoAndTwoMatchTheSixOrderings() {
    // orderings from smallest, A = after, B = before; U = for each A, the Bs below it:
    // AABB 0, ABAB 1, ABBA 2, BAAB 2, BABA 3, BBAA 4
    assertThat(MannWhitney.exactCounts(2, 2)).containsExactly(1, 1, 2, 1, 1);
    assertThat(MannWhitney.exactCounts(3, 1))
        .containsExactly(1, 1, 1, 1); // A at position 0..3 beats 0..3 Bs
  }

  @Test
  void tiedSampleUsesMidRanksTieCorrectedVarianceAndContinuityCorrection() {
    // before {10,20,20,30}, after {20,30,30,40}. Pooled and sorted:
    //   10B | 20B 20B 20A | 30B 30A 30A | 40A
    //   rank 1 | ranks 2,3,4 -> mid-rank 3 | ranks 5,6,7 -> mid-rank 6 | rank 8
    // after rank sum = 3 + 6 + 6 + 8 = 23, U = 23 - 4*5/2 = 13
    //   (by pairs: 20 beats 10 and ties two 20s: 2; each 30 beats 10,20,20 and ties 30: 3.5 twice;
    // 40 beats all: 4)
    // mean = 4*4/2 = 8; tie groups of 3 and 3: sum(t^3 - t) = 24 + 24 = 48, N = 8
    // var = 4*4/12 * (9 - 48/(8*7)) = 1.333333 * 8.142857 = 10.857143, sd = 3.295018
    // z = (13 - 8 - 0.5) / 3.295018 = 1.365698, p = P(Z >= 1.365698) = 0.086017 (ties: normal
    // approximation)
    RankTest t = MannWhitney.greater(new double[] {10, 20, 20, 30}, new double[] {20, 30, 30, 40});

    assertThat(t.u()).isEqualTo(13.0);
    assertThat(t.z()).isCloseTo(4.5 / Math.sqrt(16.0 / 12 * (9 - 48.0 / 56)), within(1e-12));
    assertThat(t.z()).isCloseTo(1.365698, within(1e-6));
    assertThat(t.pValue()).isCloseTo(0.086017, within(1e-6));
    assertThat(t.exact()).isFalse();
    assertThat(t.beforeMedian()).isEqualTo(20.0);
    assertThat(t.afterMedian()).isEqualTo(30.0);
  }

  @Test
  void largerSamplesUseTheNormalApproximation() {
    // 12 against 12, all after values larger, no ties: U = 144, mean 72, var = 144 * 25 / 12 = 300,
    // z = (144 - 72 - 0.5) / sqrt(300) = 71.5 / 17.320508 = 4.128056, p = P(Z >= 4.128056) =
    // 1.8292e-5
    double[] before = {101, 98, 103, 99, 100, 97, 102, 104, 96, 105, 95, 100.5};
    double[] after = {251, 248, 253, 249, 250, 247, 252, 254, 246, 255, 245, 250.5};
    RankTest t = MannWhitney.greater(before, after);

    assertThat(t.u()).isEqualTo(144.0);
    assertThat(t.z()).isCloseTo(71.5 / Math.sqrt(300), within(1e-12));
    assertThat(t.pValue()).isCloseTo(1.8292e-5, within(1e-8));
    assertThat(t.exact()).isFalse();
    assertThat(t.beforeMedian()).isEqualTo(100.25); // sorted middle pair 100, 100.5
    assertThat(t.afterMedian()).isEqualTo(250.25);
  }

  @Test
  void elevenValuesOnOneSideLeaveTheExactRange() {
    // 11 vs 3, separated: the exact p would be 1/C(14,3) = 1/364 = 0.002747;
    // normal: mean 16.5, var = 33/12 * 15 = 41.25, z = (33 - 16.5 - 0.5)/6.422616 = 2.491197, p =
    // 0.006365
    double[] before = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    RankTest t = MannWhitney.greater(before, new double[] {12, 13, 14});

    assertThat(t.pValue())
        .isCloseTo(Distributions.normalUpperTail(16 / Math.sqrt(41.25)), within(1e-15));
    assertThat(t.pValue()).isCloseTo(0.006365, within(1e-6));
    assertThat(MannWhitney.exactUpperTail(33, 11, 3)).isCloseTo(1.0 / 364, within(1e-15));
  }

  @Test
  void anEmptySideGivesNaN() {
    RankTest t = MannWhitney.greater(new double[0], new double[] {1, 2});

    assertThat(t.nBefore()).isZero();
    assertThat(t.u()).isNaN();
    assertThat(t.z()).isNaN();
    assertThat(t.pValue()).isNaN();
    assertThat(t.beforeMedian()).isNaN();
    assertThat(t.afterMedian()).isEqualTo(1.5);
    assertThat(MannWhitney.greater(new double[] {1}, new double[0]).pValue()).isNaN();
  }

  @Test
  void allValuesEqualIsNoEvidence() {
    // every value tied: variance (N+1) - (N^3 - N)/(N(N-1)) = (N+1) - (N+1) = 0
    RankTest t = MannWhitney.greater(new double[] {7, 7, 7}, new double[] {7, 7});

    assertThat(t.u()).isEqualTo(3.0); // 6 pairs, all ties: 6 * 0.5
    assertThat(t.z()).isZero();
    assertThat(t.pValue()).isEqualTo(1.0);
  }

  @Test
  void nanValuesAndNullArraysAreRejected() {
    assertThatThrownBy(() -> MannWhitney.greater(new double[] {1, Double.NaN}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("before value 1 is NaN; drop empty buckets before ranking");
    assertThatThrownBy(() -> MannWhitney.greater(new double[] {1}, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("after values must not be null");
  }

  @Test
  void inputsAreNotModified() {
    double[] before = {3, 1, 2};
    double[] after = {6, 4, 5};
    MannWhitney.greater(before, after);

    assertThat(before).containsExactly(3, 1, 2);
    assertThat(after).containsExactly(6, 4, 5);
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(MannWhitney.median(new double[] {3, 1, 2})).isEqualTo(2.0);
    assertThat(MannWhitney.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(MannWhitney.median(new double[] {5})).isEqualTo(5.0);
  }
}
