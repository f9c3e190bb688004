package org.mozilla.balrog.logs.impact;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as the reason texts print them: a few significant digits, no exponent except for tiny
 * p-values.
 */
final class ReasonFormat {
  private ReasonFormat() {}

  /**
   * {@code value} to {@code digits} significant digits, plain, trailing zeros dropped; inf and NaN
   * spelled out.
   */
  static String sig(double value, int digits) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value)
        .round(new MathContext(digits))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** "p=0.019", "p=4.7e-67"; "p<1e-300" when the tail underflowed to 0. */
  static String pValue(double p) {
    if (p == 0) {
      return "p<1e-300";
    }
    if (p >= 1e-3 || Double.isNaN(p)) {
      return "p=" + sig(p, 2);
    }
    String s = String.format(Locale.ROOT, "%.1e", p); // 4.7e-67, 1.0e-05
    int e = s.indexOf('e');
    String mantissa = s.substring(0, e).replaceFirst("\\.0$", "");
    int exponent = Integer.parseInt(s.substring(e + 1));
    return "p=" + mantissa + "e" + exponent;
  }
}
