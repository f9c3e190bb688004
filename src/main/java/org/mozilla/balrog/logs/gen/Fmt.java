package org.mozilla.balrog.logs.gen;

import java.time.Instant;

/** Allocation-light number and time formatting shared by the formatters. Stateless, thread-safe. */
final class Fmt {
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private Fmt() {}

  /**
   * Appends {@code v} with exactly {@code decimals} decimals; -1 (the "not dispatched" marker) as
   * {@code -1}.
   */
  static void fixed(StringBuilder sb, double v, int decimals) {
    if (v == -1.0) {
      sb.append("-1");
      return;
    }
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long units = Math.round(Math.abs(v) * scale);
    if (v < 0) {
      sb.append('-');
    }
    sb.append(units / scale);
    if (decimals > 0) {
      sb.append('.');
      pad(sb, units % scale, decimals);
    }
  }

  static void pad(StringBuilder sb, long v, int width) {
    long limit = 1;
    for (int i = 1; i < width; i++) {
      limit *= 10;
    }
    while (limit > 1 && v < limit) {
      sb.append('0');
      limit /= 10;
    }
    sb.append(v);
  }

  /** Civil date of an epoch day: {year, month 1-12, day 1-31} (Howard Hinnant's algorithm). */
  static int[] civil(long epochDay) {
    long z = epochDay + 719468;
    long era = Math.floorDiv(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    return new int[] {(int) (m <= 2 ? y + 1 : y), (int) m, (int) d};
  }

  /** {@code 2026-11-02T14:00:00.123456Z}: ISO-8601 UTC with microseconds (ELB, ALB). */
  static void isoMicros(StringBuilder sb, long epochMicros) {
    long sec = Math.floorDiv(epochMicros, 1_000_000L);
    isoSeconds(sb, sec, false);
    sb.append('.');
    pad(sb, Math.floorMod(epochMicros, 1_000_000L), 6);
    sb.append('Z');
  }

  static String isoMicros(long epochMicros) {
    StringBuilder sb = new StringBuilder(27);
    isoMicros(sb, epochMicros);
    return sb.toString();
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  static Instant instant(long epochMicros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000);
  }

  /** {@code 2026-11-02T14:00:00} (+{@code Z} when asked), date separator {@code -}. */
  static void isoSeconds(StringBuilder sb, long epochSecond, boolean zulu) {
    dateTime(sb, epochSecond, '-', 'T');
    if (zulu) {
      sb.append('Z');
    }
  }

  /** date + sep2 + time, e.g. {@code 2026/11/02 14:00:00} with ('/', ' '). */
  static void dateTime(StringBuilder sb, long epochSecond, char dateSep, char sep2) {
    long day = Math.floorDiv(epochSecond, 86400L);
    int sod = (int) Math.floorMod(epochSecond, 86400L);
    int[] c = civil(day);
    pad(sb, c[0], 4);
    sb.append(dateSep);
    pad(sb, c[1], 2);
    sb.append(dateSep);
    pad(sb, c[2], 2);
    sb.append(sep2);
    time(sb, sod);
  }

  static void time(StringBuilder sb, int secondOfDay) {
    pad(sb, secondOfDay / 3600, 2);
    sb.append(':');
    pad(sb, secondOfDay / 60 % 60, 2);
    sb.append(':');
    pad(sb, secondOfDay % 60, 2);
  }

  /** RFC 3164 timestamp {@code Nov 2 14:00:00} (space-padded day, no year). */
  static void bsd(StringBuilder sb, long epochSecond) {
    int[] c = civil(Math.floorDiv(epochSecond, 86400L));
    sb.append(MONTHS[c[1] - 1]).append(' ');
    if (c[2] < 10) {
      sb.append(' ');
    }
    sb.append(c[2]).append(' ');
    time(sb, (int) Math.floorMod(epochSecond, 86400L));
  }

  /** RFC 3339 UTC: seconds only when there is no fraction, else microseconds. */
  static void rfc3339(StringBuilder sb, Instant t) {
    isoSeconds(sb, t.getEpochSecond(), false);
    if (t.getNano() != 0) {
      sb.append('.');
      if (t.getNano() % 1000 == 0) {
        pad(sb, t.getNano() / 1000, 6);
      } else {
        pad(sb, t.getNano(), 9);
      }
    }
    sb.append('Z');
  }

  /** uWSGI/ctime style {@code Mon Nov 2 14:00:05 2026}. */
  static String ctime(long epochSecond) {
    String[] dows = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    long day = Math.floorDiv(epochSecond, 86400L);
    StringBuilder sb = new StringBuilder(24);
    sb.append(dows[(int) Math.floorMod(day, 7L)]).append(' ');
    bsd(sb, epochSecond);
    sb.append(' ').append(civil(day)[0]);
    return sb.toString();
  }
}
