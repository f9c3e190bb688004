package org.mozilla.balrog.logs.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the one-sided Mann–Whitney test. */
class MannWhitneyPropertyTest {

  @Property(tries = 200)
  void exactPValueMatchesBruteForceEnumeration(
      @ForAll("distinctValues") List<Integer> values, @ForAll int seed) {
    // split the distinct values into before and after (each 1..10 values, the exact range), then
    // count by brute
    // force, over every choice of which pooled positions are "after", how many give a U at least
    // the observed one
    int lo = Math.max(1, values.size() - MannWhitney.EXACT_MAX_SIZE);
    int hi = Math.min(MannWhitney.EXACT_MAX_SIZE, values.size() - 1);
    int split = lo + Math.floorMod(seed, hi - lo + 1);
    double[] before = values.subList(0, split).stream().mapToDouble(Integer::doubleValue).toArray();
    double[] after =
        values.subList(split, values.size()).stream().mapToDouble(Integer::doubleValue).toArray();
    RankTest t = MannWhitney.greater(before, after);
    assertThat(t.exact()).isTrue();

    double[] pooled = values.stream().mapToDouble(Integer::doubleValue).toArray();
    int n = pooled.length;
    int atLeast = 0;
    int all = 0;
    for (int mask = 0; mask < 1 << n; mask++) {
      if (Integer.bitCount(mask) != after.length) {
        continue;
      }
      all++;
      double u = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          boolean iAfter = (mask >> i & 1) == 1;
          boolean jAfter = (mask >> j & 1) == 1;
          if (iAfter && !jAfter && pooled[i] > pooled[j]) {
            u++;
          }
        }
      }
      if (u >= t.u()) {
        atLeast++;
      }
    }
    assertThat(t.pValue()).isCloseTo(atLeast / (double) all, within(1e-15));
  }

  @Property(tries = 50)
  void exactCountsAreSymmetricAndSumToTheNumberOfOrderings(
      @ForAll @IntRange(min = 0, max = 10) int m, @ForAll @IntRange(min = 0, max = 10) int n) {
    long[] counts = MannWhitney.exactCounts(m, n);

    assertThat(counts).hasSize(m * n + 1);
    assertThat(Arrays.stream(counts).sum()).isEqualTo(binomial(m + n, n));
    for (int k = 0; k < counts.length; k++) {
      assertThat(counts[k]).isEqualTo(counts[counts.length - 1 - k]);
    }
  }

  @Property(tries = 300)
  void uOfOneSideAndOfTheOtherAddUpToAllPairs(
      @ForAll("sample") double[] before, @ForAll("sample") double[] after) {
    RankTest forward = MannWhitney.greater(before, after);
    RankTest backward = MannWhitney.greater(after, before);

    assertThat(forward.u() + backward.u())
        .isCloseTo(before.length * (double) after.length, within(1e-9));
  }

  @Property(tries = 300)
  void onlyTheOrderMatters(@ForAll("sample") double[] before, @ForAll("sample") double[] after) {
    // a strictly increasing transform (here 3x + 7, then exp of a scaled value) keeps every rank
    RankTest t = MannWhitney.greater(before, after);
    RankTest transformed = MannWhitney.greater(transform(before), transform(after));

    assertThat(transformed.u()).isEqualTo(t.u());
    assertThat(transformed.z()).isCloseTo(t.z(), within(1e-12));
    assertThat(transformed.pValue()).isCloseTo(t.pValue(), within(1e-15));
  }

  @Property(tries = 300)
  void raisingTheAfterValuesNeverRaisesThePValue(
      @ForAll("distinctValues") List<Integer> values,
      @ForAll int seed,
      @ForAll @IntRange(max = 500) int shift) {
    // distinct values and a half-integer shift: no ties before or after the shift, so both p-values
    // come from the
    // same method (exact, or normal with the same variance) and a larger U means a smaller p
    int split = 1 + Math.floorMod(seed, values.size() - 1);
    double[] before = values.subList(0, split).stream().mapToDouble(Integer::doubleValue).toArray();
    double[] after =
        values.subList(split, values.size()).stream().mapToDouble(Integer::doubleValue).toArray();
    RankTest t = MannWhitney.greater(before, after);
    RankTest shifted =
        MannWhitney.greater(before, Arrays.stream(after).map(v -> v + shift + 0.5).toArray());

    assertThat(shifted.exact()).isEqualTo(t.exact());
    assertThat(shifted.u()).isGreaterThanOrEqualTo(t.u());
    assertThat(shifted.pValue()).isLessThanOrEqualTo(t.pValue() + 1e-15);
  }

  @Provide
  Arbitrary<List<Integer>> distinctValues() {
    return Arbitraries.integers()
        .between(0, 1_000)
        .list()
        .uniqueElements()
        .ofMinSize(2)
        .ofMaxSize(12);
  }

  @Provide
  Arbitrary<double[]> sample() {
    // small integers so that ties are common
    return Arbitraries.integers()
        .between(0, 30)
        .map(Integer::doubleValue)
        .array(double[].class)
        .ofMinSize(1)
        .ofMaxSize(25);
  }

  private static double[] transform(double[] values) {
    return Arrays.stream(values).map(v -> Math.exp((3 * v + 7) / 10)).toArray();
  }

  private static long binomial(int n, int k) {
    long result = 1;
    for (int i = 1; i <= k; i++) {
      result = result * (n - k + i) / i;
    }
    return result;
  }
}
