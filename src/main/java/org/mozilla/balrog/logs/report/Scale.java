package org.mozilla.balrog.logs.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear value axis from 0 to a "nice" maximum (1, 2, 2.5 or 5 times a power of ten per step)
 * with about five ticks, and the number of decimals its tick labels need.
 */
record Scale(double max, double step) {
  static final int TARGET_TICKS = 5;

  Scale {
    if (!(max > 0) || !(step > 0)) {
      throw new IllegalArgumentException(
          "scale needs a positive max and step: " + max + ", " + step);
    }
  }

  /**
   * The scale covering {@code dataMax}, at least {@code floor} (used when the data are all zero).
   */
  static Scale covering(double dataMax, double floor) {
    double m = Double.isFinite(dataMax) ? Math.max(dataMax, floor) : floor;
    double step = niceStep(m / TARGET_TICKS);
    return new Scale(Math.ceil(m / step - 1e-9) * step, step);
  }

  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double n = raw / magnitude;
    double nice = n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10;
    // rounding through BigDecimal keeps 0.1 * 3 from printing as 0.30000000000000004
    return new BigDecimal(nice * magnitude).round(new java.math.MathContext(3)).doubleValue();
  }

  /** 0, step, 2 step ... max. */
  List<Double> ticks() {
    List<Double> out = new ArrayList<>();
    long n = Math.round(max / step);
    for (long i = 0; i <= n; i++) {
      out.add(BigDecimal.valueOf(step).multiply(BigDecimal.valueOf(i)).doubleValue());
    }
    return out;
  }

  /** Decimals the tick labels need (0.25 -> 2, 5 -> 0). */
  int decimals() {
    return Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
  }

  /** The fraction of the axis at {@code v}, clamped to 0..1. */
  double fraction(double v) {
    return Math.max(0, Math.min(1, v / max));
  }
}
