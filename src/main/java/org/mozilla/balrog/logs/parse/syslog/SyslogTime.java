package org.mozilla.balrog.logs.parse.syslog;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Timestamp scanners for syslog headers, written as plain character scans because they run once per
 * line. Package private. Each returns the end index of what it consumed via {@link #end}, or null
 * when the text is malformed.
 */
final class SyslogTime {
  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  /**
   * Where the last successful scan stopped. Per instance, and an instance is used by one parse call
   * at a time.
   */
  int end;

  /** The nanoseconds of the last {@link #fraction} scan. */
  private int fractionNanos;

  /** Month 1-12 for a 3-letter English abbreviation at {@code s[i]}, else -1. */
  static int month(String s, int i) {
    if (i + 3 > s.length()) {
      return -1;
    }
    for (int m = 0; m < 12; m++) {
      if (s.regionMatches(i, MONTHS, m * 3, 3)) {
        return m + 1;
      }
    }
    return -1;
  }

  /**
   * RFC 3164 {@code Mmm dd hh:mm:ss} at {@code i}; the day may be space-padded ({@code Mar 5}),
   * zero-padded or unpadded, and the seconds may carry a fraction ({@code 12:17:01.234}, as syslog
   * daemons with high-precision timestamps write it). The year comes from {@code fileDate} with the
   * December/January rollover: a line more than six months after the file's month belongs to the
   * previous year, more than six months before it to the next year.
   */
  Instant rfc3164(String s, int i, LocalDate fileDate) {
    int month = month(s, i);
    if (month < 0 || i + 4 > s.length() || s.charAt(i + 3) != ' ') {
      return null;
    }
    int p = i + 4;
    if (p < s.length() && s.charAt(p) == ' ') {
      p++;
    }
    int day = 0;
    int start = p;
    while (p < s.length() && p - start < 2 && isDigit(s.charAt(p))) {
      day = day * 10 + (s.charAt(p) - '0');
      p++;
    }
    if (p == start || p + 9 > s.length() || s.charAt(p) != ' ') {
      return null;
    }
    p++;
    int hour = two(s, p);
    int minute = two(s, p + 3);
    int second = two(s, p + 6);
    if (hour < 0 || minute < 0 || second < 0 || s.charAt(p + 2) != ':' || s.charAt(p + 5) != ':') {
      return null;
    }
    int stop = p + 8;
    int nanos = 0;
    if (stop + 1 < s.length() && s.charAt(stop) == '.' && isDigit(s.charAt(stop + 1))) {
      stop = fraction(s, stop + 1);
      nanos = fractionNanos;
    }
    int year = fileDate.getYear();
    int diff = month - fileDate.getMonthValue();
    if (diff > 6) {
      year--;
    } else if (diff < -6) {
      year++;
    }
    try {
      Instant t =
          LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
      end = stop;
      return t;
    } catch (DateTimeException e) {
      return null; // Feb 29 in a non-leap year, day 0, hour 25: corrupt header
    }
  }

  /**
   * RFC 3339 {@code YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm|-hh:mm)} at {@code i}, fraction of any
   * length (nanosecond precision kept). A leap second ({@code 23:59:60}, RFC 3339 5.7) is read as
   * {@code :59}, like {@code java.time}.
   *
   * @param strict RFC 5424 6.2.3: {@code T} and {@code Z} upper case only, offset {@code +hh:mm}.
   *     Otherwise also lower case {@code t}/{@code z} (RFC 3339 5.6 allows them) and an ISO 8601
   *     basic offset {@code +hhmm}, as syslog daemons configured with ISO timestamps write them
   */
  Instant rfc3339(String s, int i, boolean strict) {
    if (i + 20 > s.length()) {
      return null;
    }
    int year = four(s, i);
    int month = two(s, i + 5);
    int day = two(s, i + 8);
    int hour = two(s, i + 11);
    int minute = two(s, i + 14);
    int second = two(s, i + 17);
    char t = s.charAt(i + 10);
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || minute < 0
        || second < 0
        || s.charAt(i + 4) != '-'
        || s.charAt(i + 7) != '-'
        || (t != 'T' && (strict || t != 't'))
        || s.charAt(i + 13) != ':'
        || s.charAt(i + 16) != ':') {
      return null;
    }
    if (second == 60 && minute == 59) {
      second = 59; // a leap second: Instant has none
    }
    int p = i + 19;
    int nanos = 0;
    if (p < s.length() && s.charAt(p) == '.') {
      if (p + 1 >= s.length() || !isDigit(s.charAt(p + 1))) {
        return null;
      }
      p = fraction(s, p + 1);
      nanos = fractionNanos;
    }
    if (p >= s.length()) {
      return null;
    }
    int offsetSeconds;
    char z = s.charAt(p);
    if (z == 'Z' || (!strict && z == 'z')) {
      offsetSeconds = 0;
      p++;
    } else if (z == '+' || z == '-') {
      int oh = two(s, p + 1);
      int om;
      if (p + 3 < s.length() && s.charAt(p + 3) == ':') {
        om = two(s, p + 4);
        p += 6;
      } else if (!strict) {
        om = two(s, p + 3);
        p += 5;
      } else {
        return null;
      }
      if (oh < 0 || om < 0 || oh > 23 || om > 59) {
        return null;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
    } else {
      return null;
    }
    try {
      // not ZoneOffset: it stops at +-18:00, RFC 3339 offsets go to +-23:59
      Instant result =
          LocalDateTime.of(year, month, day, hour, minute, second, nanos)
              .toInstant(ZoneOffset.UTC)
              .minusSeconds(offsetSeconds);
      end = p;
      return result;
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * Scans the digits of a fraction of a second starting at {@code i} (at least one digit there),
   * keeping the first nine as nanoseconds in {@link #fractionNanos}; returns the index after the
   * last digit.
   */
  private int fraction(String s, int i) {
    int nanos = 0;
    int digits = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      if (digits < 9) {
        nanos = nanos * 10 + (s.charAt(i) - '0');
      }
      digits++;
      i++;
    }
    for (int d = digits; d < 9; d++) {
      nanos *= 10;
    }
    fractionNanos = nanos;
    return i;
  }

  /** True when {@code s[i]} starts a {@code YYYY-} date: four digits and a hyphen. */
  static boolean startsWithDate(String s, int i) {
    return i + 5 <= s.length() && four(s, i) >= 0 && s.charAt(i + 4) == '-';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Two digits at {@code s[i]}, or -1 (also when the string is too short). */
  private static int two(String s, int i) {
    if (i + 2 > s.length() || !isDigit(s.charAt(i)) || !isDigit(s.charAt(i + 1))) {
      return -1;
    }
    return (s.charAt(i) - '0') * 10 + (s.charAt(i + 1) - '0');
  }

  private static int four(String s, int i) {
    int hi = two(s, i);
    int lo = two(s, i + 2);
    return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
  }
}
