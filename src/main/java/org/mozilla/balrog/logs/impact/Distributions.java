package org.mozilla.balrog.logs.impact;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;

/**
 * The three distribution functions the impact tests need, with relative (not only absolute)
 * precision in the far tails, because a deploy that breaks everything gives p-values like 1e-40 and
 * the reason text prints them.
 *
 * <p>Built on commons-math3's special functions (Spark ships that library): the regularized
 * incomplete Beta function {@code I_x(a, b)} and {@code erfc}. Static and thread-safe.
 */
final class Distributions {
  /**
   * Bisection steps are enough to reach a relative precision of 1e-15 even for quantiles near
   * 1e-300.
   */
  private static final int MAX_BISECTIONS = 2_000;

  private static final double RELATIVE_PRECISION = 1e-15;

  private Distributions() {}

  /**
   * {@code P(X >= k)} for {@code X ~ Binomial(n, p)}. Uses the identity {@code P(X >= k) = I_p(k, n
   * - k + 1)} for {@code 1 <= k <= n}, which keeps its relative precision in the far upper tail (a
   * sum of terms from k would too, but costs O(n)).
   */
  static double binomialUpperTail(long k, long n, double p) {
    if (n < 0 || !(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "binomial needs n >= 0 and 0 <= p <= 1 (got n=" + n + ", p=" + p + ")");
    }
    if (k <= 0) {
      return 1.0;
    }
    if (k > n || p == 0) {
      return 0.0;
    }
    if (p == 1) {
      return 1.0;
    }
    return Beta.regularizedBeta(p, (double) k, (double) (n - k + 1));
  }

  /**
   * The {@code prob}-quantile of {@code Beta(a, b)}: the x in (0, 1) with {@code I_x(a, b) = prob}.
   * Found by bisection, which cannot diverge and is cheap enough here (a few hundred evaluations of
   * {@code I_x}); it stops at a relative precision of 1e-15 of x, so a small quantile (a
   * Clopper–Pearson bound for few events among many) keeps its significant digits. For a quantile
   * near 1 ask for the small complement instead, using {@code 1 - Beta(a, b) ~ Beta(b, a)}.
   */
  static double betaQuantile(double a, double b, double prob) {
    if (!(a > 0 && b > 0 && prob > 0 && prob < 1)) {
      throw new IllegalArgumentException(
          "beta quantile needs a > 0, b > 0 and 0 < prob < 1 (got a="
              + a
              + ", b="
              + b
              + ", prob="
              + prob
              + ")");
    }
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < MAX_BISECTIONS && hi - lo > RELATIVE_PRECISION * hi; i++) {
      double mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) {
        break; // adjacent doubles
      }
      if (Beta.regularizedBeta(mid, a, b) < prob) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo + (hi - lo) / 2;
  }

  /**
   * {@code P(Z >= z)} for a standard normal Z, via erfc so that it keeps relative precision for
   * large z.
   */
  static double normalUpperTail(double z) {
    return 0.5 * Erf.erfc(z / Math.sqrt(2));
  }
}
