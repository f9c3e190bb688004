package org.mozilla.balrog.logs.impact;

import java.util.Arrays;

/**
 * One-sided Mann–Whitney (Wilcoxon rank-sum) test that the values after a deploy tend to be larger
 * than before; used on per-minute latency p95 values (docs/design.md#deploy-impact). A rank test
 * because per-minute p95s are skewed and have outliers; it compares orderings, not means.
 *
 * <p>Method: tied values share their mid-rank; {@code U = R_after - nAfter (nAfter + 1) / 2} where
 * {@code R_after} is the rank sum of {@code after}. Under "no change" U has mean {@code m n / 2}
 * and, with ties, variance {@code m n / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1)))} over the tie
 * groups of sizes t ({@code N = m + n}). The p-value is
 *
 * <ul>
 *   <li>exact, {@code #{arrangements with U' >= U} / C(N, nAfter)} counted by dynamic programming,
 *       when both samples have at most {@value #EXACT_MAX_SIZE} values and there are no ties;
 *   <li>otherwise the normal approximation {@code P(Z >= (U - mean - 0.5) / sd)} (continuity
 *       correction).
 * </ul>
 *
 * Rules for degenerate input: an empty side gives NaN for U, z and p (and that side's median); all
 * values equal gives {@code z = 0} and p-value 1 (no evidence either way). NaN values are rejected.
 *
 * <p>Static and thread-safe; the inputs are not modified.
 */
final class MannWhitney {
  /** Largest sample size (each side) for which the exact distribution of U is used. */
  public static final int EXACT_MAX_SIZE = 10;

  private MannWhitney() {}

  /**
   * Tests whether {@code after} tends to be larger than {@code before}.
   *
   * @throws IllegalArgumentException when an array is null or holds a NaN
   */
  public static RankTest greater(double[] before, double[] after) {
    requireNumbers("before", before);
    requireNumbers("after", after);
    int m = before.length;
    int n = after.length;
    double beforeMedian = median(before);
    double afterMedian = median(after);
    if (m == 0 || n == 0) {
      return new RankTest(
          m, n, Double.NaN, Double.NaN, Double.NaN, beforeMedian, afterMedian, false);
    }

    Ranks ranks = Ranks.of(before, after);
    double u = ranks.afterRankSum() - n * (n + 1) / 2.0;
    double mean = m * (double) n / 2;
    int total = m + n;
    double variance =
        m * (double) n / 12 * ((total + 1) - ranks.tieSum() / (total * (double) (total - 1)));
    if (!(variance > 0)) {
      return new RankTest(m, n, u, 0, 1, beforeMedian, afterMedian, false); // every value equal
    }
    double z = (u - mean - 0.5) / Math.sqrt(variance);
    boolean exact = m <= EXACT_MAX_SIZE && n <= EXACT_MAX_SIZE && !ranks.hasTies();
    double p = exact ? exactUpperTail((int) Math.round(u), m, n) : Distributions.normalUpperTail(z);
    return new RankTest(m, n, u, z, p, beforeMedian, afterMedian, exact);
  }

  /**
   * {@code P(U >= u)} under "no change", for samples of m (before) and n (after) distinct values:
   * the share of the {@code C(m + n, n)} equally likely orderings with U at least u.
   */
  static double exactUpperTail(int u, int m, int n) {
    long[] counts = exactCounts(m, n);
    long atLeast = 0;
    long all = 0;
    for (int k = 0; k < counts.length; k++) {
      all += counts[k];
      if (k >= u) {
        atLeast += counts[k];
      }
    }
    return atLeast / (double) all;
  }

  /**
   * How many orderings of m before and n after values give each U = 0..m n. With {@code f(a, b)}
   * the count vector for a after and b before values, look at the largest value: if it is an after
   * value it beats all b before values, otherwise it adds nothing, so {@code f(a, b)[u] = f(a - 1,
   * b)[u - b] + f(a, b - 1)[u]}, with {@code f(0, b) = f(a, 0) = [1]}.
   */
  static long[] exactCounts(int m, int n) {
    long[][][] f = new long[n + 1][m + 1][];
    for (int a = 0; a <= n; a++) {
      for (int b = 0; b <= m; b++) {
        long[] counts = new long[a * b + 1];
        if (a == 0 || b == 0) {
          counts[0] = 1;
        } else {
          long[] afterLargest = f[a - 1][b];
          long[] beforeLargest = f[a][b - 1];
          for (int k = 0; k < afterLargest.length; k++) {
            counts[k + b] += afterLargest[k];
          }
          for (int k = 0; k < beforeLargest.length; k++) {
            counts[k] += beforeLargest[k];
          }
        }
        f[a][b] = counts;
      }
    }
    return f[n][m];
  }

  /** The median; NaN for no values. */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static void requireNumbers(String name, double[] values) {
    if (values == null) {
      throw new IllegalArgumentException(name + " values must not be null");
    }
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException(
            name + " value " + i + " is NaN; drop empty buckets before ranking");
      }
    }
  }

  /**
   * Mid-ranks of the pooled sample: the rank sum of the after values and the tie term {@code
   * sum(t^3 - t)}.
   */
  private record Ranks(double afterRankSum, double tieSum, boolean hasTies) {
    static Ranks of(double[] before, double[] after) {
      int total = before.length + after.length;
      double[] values = new double[total];
      boolean[] isAfter = new boolean[total];
      System.arraycopy(before, 0, values, 0, before.length);
      System.arraycopy(after, 0, values, before.length, after.length);
      Integer[] order = new Integer[total];
      for (int i = 0; i < total; i++) {
        order[i] = i;
        isAfter[i] = i >= before.length;
      }
      Arrays.sort(order, (i, j) -> Double.compare(values[i], values[j]));

      double afterRankSum = 0;
      double tieSum = 0;
      int start = 0;
      while (start < total) {
        int end = start + 1; // [start, end) is one group of equal values
        while (end < total && values[order[end]] == values[order[start]]) {
          end++;
        }
        double midRank = (start + 1 + end) / 2.0; // mean of the 1-based ranks start+1 .. end
        for (int k = start; k < end; k++) {
          if (isAfter[order[k]]) {
            afterRankSum += midRank;
          }
        }
        double t = end - start;
        tieSum += t * t * t - t;
        start = end;
      }
      return new Ranks(afterRankSum, tieSum, tieSum > 0);
    }
  }
}
