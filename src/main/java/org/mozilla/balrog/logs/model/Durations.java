package org.mozilla.balrog.logs.model;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Window lengths on the command line: {@code 45m}, {@code 2h}, {@code 90s}, {@code 1h30m}, {@code
 * 1d}.
 */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("(\\d{1,6}(d|h|m|min|s))+");
  private static final Pattern PART = Pattern.compile("(\\d{1,6})(d|h|min|m|s)");

  private Durations() {}

  /**
   * Parses {@code text}; {@code option} names the option in the error message.
   *
   * @throws IllegalArgumentException when the text is not a positive duration in that syntax
   */
  public static Duration parse(String option, String text) {
    String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (!WHOLE.matcher(s).matches()) {
      throw new IllegalArgumentException(
          option
              + ": bad duration '"
              + text
              + "'; expected a number and a unit (s, m, h, d), e.g. 45m, 2h, 1h30m");
    }
    Duration d = Duration.ZERO;
    Matcher m = PART.matcher(s);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      d =
          d.plus(
              switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m", "min" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
              });
    }
    if (d.isZero()) {
      throw new IllegalArgumentException(option + ": duration must be positive: '" + text + "'");
    }
    return d;
  }

  /** The short text form: {@code 1h30m}, {@code 45m}, {@code 90s} -> {@code 1m30s}. */
  public static String format(Duration d) {
    StringBuilder sb = new StringBuilder();
    long s = d.getSeconds();
    if (s >= 86_400 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s >= 3600) {
      sb.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      sb.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0 || sb.length() == 0) {
      sb.append(s).append('s');
    }
    return sb.toString();
  }
}
