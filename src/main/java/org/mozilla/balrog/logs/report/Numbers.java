package org.mozilla.balrog.logs.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the report writes numbers and times: fixed locale (ROOT) and UTC, so the output does not
 * depend on the host.
 */
final class Numbers {
  private static final DateTimeFormatter HH_MM =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HH_MM_SS =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Numbers() {}

  /** 1234567 -> "1,234,567". */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * A fraction as a percentage with three significant decimals for small values: 0.00123 -> "0.123
   * %".
   */
  static String percent(double fraction) {
    double p = 100 * fraction;
    if (p == 0) {
      return "0 %";
    }
    int decimals = Math.abs(p) >= 10 ? 1 : Math.abs(p) >= 1 ? 2 : 3;
    if (Math.abs(p) < 0.001) {
      return "<0.001 %";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f %%", p);
  }

  /** Milliseconds, whole above 10 ms: "123 ms", "4.5 ms". */
  static String millis(double ms) {
    return Math.abs(ms) >= 10
        ? String.format(Locale.ROOT, "%,.0f ms", ms)
        : String.format(Locale.ROOT, "%.1f ms", ms);
  }

  /** A plain decimal with up to {@code decimals} places, trailing zeros dropped: 2.50 -> "2.5". */
  static String decimal(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    BigDecimal d =
        BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
    if (d.signum() == 0) {
      return "0";
    }
    return d.toPlainString();
  }

  /** A ratio such as a change ratio: "1.23x". */
  static String ratio(double r) {
    return (Math.abs(r) >= 100 ? decimal(r, 0) : Math.abs(r) >= 10 ? decimal(r, 1) : decimal(r, 2))
        + "\u00d7";
  }

  /** A p-value: "0.0012", "<0.0001". */
  static String pValue(double p) {
    return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }

  /** Bytes in binary units: "1.5 MiB". */
  static String bytes(long b) {
    if (b < 1024) {
      return b + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = b;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String hhmm(Instant t) {
    return HH_MM.format(t);
  }

  static String hhmmss(Instant t) {
    return HH_MM_SS.format(t);
  }

  static String dateTime(Instant t) {
    return DATE_TIME.format(t);
  }
}
