package org.mozilla.balrog.logs.parse.elb;

/**
 * Allocation-free number scanning over a slice of a line; failures are signalled by a sentinel,
 * never thrown.
 */
public final class Numbers {
  /** Exact powers of ten as doubles (exact up to 1e22). */
  private static final double[] POW10 = new double[19];

  /**
   * Largest integer a double holds exactly; beyond it a single division is no longer correctly
   * rounded.
   */
  private static final long MAX_EXACT = 1L << 53;

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private Numbers() {}

  /**
   * Parses {@code [-]digits[.digits]} in {@code s[from, to)}; NaN if malformed (no exponent, no
   * sign but a leading minus, at least one digit). The result equals {@link Double#parseDouble}:
   * the digits form an exact integer mantissa and one IEEE division by an exact power of ten rounds
   * correctly; longer inputs fall back to the JDK. Takes any characters (the string parser's line,
   * or a byte-level fast path's view of its line's bytes).
   */
  public static double parseDecimal(CharSequence s, int from, int to) {
    int i = from;
    boolean negative = i < to && s.charAt(i) == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fractionDigits = -1; // -1 until the '.' is seen
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 18) {
          return slowDecimal(s, from, to);
        }
        mantissa = mantissa * 10 + (c - '0');
        digits++;
        if (fractionDigits >= 0) {
          fractionDigits++;
        }
      } else if (c == '.' && fractionDigits < 0) {
        fractionDigits = 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    if (mantissa > MAX_EXACT) {
      return slowDecimal(s, from, to);
    }
    double v = fractionDigits > 0 ? mantissa / POW10[fractionDigits] : (double) mantissa;
    return negative ? -v : v;
  }

  private static double slowDecimal(CharSequence s, int from, int to) {
    // only reached for already-validated characters; the catch is a guard, not a code path
    try {
      return Double.parseDouble(s.subSequence(from, to).toString());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Parses 1 to {@code maxDigits} ASCII digits (maxDigits at most 18); -1 if malformed. */
  static long parseUnsigned(String s, int from, int to, int maxDigits) {
    int len = to - from;
    if (len < 1 || len > maxDigits) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
