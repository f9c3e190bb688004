package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.mozilla.balrog.logs.model.Durations;

/** Formatting and parsing of times, durations and medians for the rules' explanations. */
public final class Times {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code 2026-11-02T11:30Z}. */
  public static String utc(Instant t) {
    return UTC.format(t);
  }

  /** {@code 1h30m}, {@code 45m}, {@code 2d}, {@code 30s} ({@link Durations#format}). */
  public static String duration(Duration d) {
    return Durations.format(d);
  }

  /**
   * A positive duration such as {@code 30m}, {@code 6h}, {@code 1h30m}, {@code 3d} ({@link
   * Durations#parse}); {@code what} names the option or setting in the error.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Duration parseDuration(String what, String text) {
    return Durations.parse(what, text);
  }

  /** The median of {@code values} (the mean of the middle two for an even count); NaN if none. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  /** A rate as a percentage with two decimals: {@code 0.0123} becomes {@code 1.23%}. */
  static String percent(double rate) {
    return String.format(Locale.ROOT, "%.2f%%", rate * 100);
  }

  /** Milliseconds without decimals. */
  static String ms(double v) {
    return String.format(Locale.ROOT, "%.0f ms", v);
  }
}
