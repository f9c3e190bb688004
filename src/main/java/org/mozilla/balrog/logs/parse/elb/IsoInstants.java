package org.mozilla.balrog.logs.parse.elb;

import java.time.Instant;

/**
 * Hand parser for the load balancers' timestamps: {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z}, always
 * UTC. A fixed-layout scan is several times faster than {@code DateTimeFormatter} and allocates
 * only the result; anything else (offsets, leap seconds, out-of-range fields) is rejected rather
 * than guessed.
 */
final class IsoInstants {
  private static final int[] POW10 = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private IsoInstants() {}

  /**
   * The instant written in {@code s[from, to)}, or null if it is not a strict ISO-8601 UTC
   * timestamp.
   */
  static Instant parse(String s, int from, int to) {
    int len = to - from;
    // shortest form "2019-03-05T14:02:03Z" has 20 chars; 9 fraction digits plus '.' make 30
    if (len < 20
        || len > 30
        || s.charAt(from + 4) != '-'
        || s.charAt(from + 7) != '-'
        || s.charAt(from + 10) != 'T'
        || s.charAt(from + 13) != ':'
        || s.charAt(from + 16) != ':'
        || s.charAt(to - 1) != 'Z') {
      return null;
    }
    int year = digits(s, from, 4);
    int month = digits(s, from + 5, 2);
    int day = digits(s, from + 8, 2);
    int hour = digits(s, from + 11, 2);
    int minute = digits(s, from + 14, 2);
    int second = digits(s, from + 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (len > 20) {
      int fractionDigits = len - 21; // '.' plus the digits plus 'Z'
      if (s.charAt(from + 19) != '.' || fractionDigits < 1) {
        return null;
      }
      int fraction = digits(s, from + 20, fractionDigits);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction * POW10[9 - fractionDigits];
    }
    long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** The non-negative value of {@code count} ASCII digits at {@code at}, or -1. */
  private static int digits(String s, int at, int count) {
    int v = 0;
    for (int i = at; i < at + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
  }
}
