package org.mozilla.balrog.logs.privacy;

import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes IP addresses from text shown to people (samples of rejected or unusual lines). Privacy
 * rule: raw client addresses never reach an output, a log line or a report.
 *
 * <p>Every IPv4 address and every IPv6 address (full, {@code ::}-compressed, with an embedded IPv4
 * such as {@code ::ffff:10.0.0.1}, with a {@code %zone}) becomes {@code <ip>}. Brackets and ports
 * are kept, so {@code [2001:db8::1]:443} becomes {@code [<ip>]:443} and {@code 10.0.0.1:8080}
 * becomes {@code <ip>:8080}.
 *
 * <p>What is deliberately left alone, because it is not an address: a four-number group inside a
 * longer dotted run ({@code Windows_NT 10.0.0.0.17763.316}), versions glued to a word ({@code
 * v1.2.3.4}, {@code rv:65.0}), numbers out of range ({@code 1.2.3.256}), times ({@code 14:02:03}),
 * MAC addresses, and hex ids. A standalone four-part version such as {@code 60.5.1.0} cannot be
 * told from an address and is redacted: privacy wins over readability.
 *
 * <p>Thread-safe (static, precompiled patterns).
 */
public final class Redactor {
  public static final String MASK = "<ip>";

  /**
   * Where an address may start: not right after a word character or a dot, except after a URL
   * escape such as {@code %2C} or {@code %3A} (an X-Forwarded-For list or {@code ip%3D10.0.0.1}
   * inside a logged URI).
   */
  private static final String LEFT_EDGE = "(?:(?<![\\w.])|(?<=%[0-9A-Fa-f]{2}))";

  private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

  /**
   * A dotted quad not glued to a word or to another dotted number on either side. A sentence-ending
   * dot after it is fine ({@code from 10.0.0.1.}), a dot followed by more word characters is not
   * ({@code 10.0.0.0.17763}).
   */
  static final Pattern IPV4 =
      Pattern.compile(LEFT_EDGE + OCTET + "(?:\\." + OCTET + "){3}(?!\\w|\\.\\w)");

  /** A whole string that is a dotted quad, for the IPv4 tail of an IPv6 address. */
  private static final Pattern IPV4_EXACT = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");

  /**
   * Candidates for IPv6: a run of hex digits, colons and dots with at least two colons, not glued
   * to a word on the left; validated by {@link #isIpv6} because a regex for all IPv6 spellings is
   * unreadable.
   */
  static final Pattern IPV6_CANDIDATE =
      Pattern.compile(
          LEFT_EDGE + "[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z][0-9A-Za-z_.\\-]*)?");

  private Redactor() {}

  /** The text with every IP address replaced by {@link #MASK}; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = mayHoldIpv6(text) ? redactIpv6(text) : text;
    return mayHoldIpv4(out) ? IPV4.matcher(out).replaceAll(MASK) : out;
  }

  /**
   * False when {@link #IPV4} cannot match {@code s}: a match is digits and dots only, with three
   * dots, so it lies inside a run of digits and dots that has three dots. A linear scan, so the
   * regex (with its lookarounds) runs only on the few texts that could hold an address.
   */
  static boolean mayHoldIpv4(String s) {
    return hasRun(s, '.', 3, c -> c >= '0' && c <= '9');
  }

  /**
   * False when {@link #IPV6_CANDIDATE} cannot match {@code s}: a match holds two colons in a run of
   * hex digits, colons and dots (its {@code %zone} comes after them).
   */
  static boolean mayHoldIpv6(String s) {
    return hasRun(
        s,
        ':',
        2,
        c ->
            c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
  }

  /**
   * Whether {@code s} has {@code count} {@code mark}s in one run of characters that are {@code
   * mark} or pass {@code inRun}.
   */
  private static boolean hasRun(String s, char mark, int count, IntPredicate inRun) {
    int marks = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == mark) {
        if (++marks == count) {
          return true;
        }
      } else if (!inRun.test(c)) {
        marks = 0;
      }
    }
    return false;
  }

  private static String redactIpv6(String text) {
    Matcher m = IPV6_CANDIDATE.matcher(text);
    StringBuilder sb = null;
    int last = 0;
    while (m.find()) {
      int start = m.start();
      int zone = m.start(1);
      int end = validEnd(text, start, zone >= 0 ? zone : m.end());
      if (end < 0 && start > 0 && text.charAt(start - 1) == '%' && m.end() - start > 2) {
        start += 2; // "%5B2001:db8::1": the URL escape's hex digits ran into the address
        end = validEnd(text, start, zone >= 0 ? zone : m.end());
      }
      if (end < 0) {
        continue;
      }
      if (zone >= 0 && end == zone) {
        end = m.end(); // a valid address keeps its %zone inside the mask
      }
      if (end < text.length() && isWordChar(text.charAt(end))) {
        continue; // "fe80::1abcxyz": glued to a word, not an address
      }
      if (sb == null) {
        sb = new StringBuilder(text.length());
      }
      sb.append(text, last, start).append(MASK);
      last = end;
    }
    if (sb == null) {
      return text;
    }
    return sb.append(text, last, text.length()).toString();
  }

  /**
   * End of the IPv6 address in {@code text[start, end)}, dropping sentence punctuation after it
   * ({@code at fe80::1.}, {@code host ::1:}); -1 when there is none.
   */
  private static int validEnd(String text, int start, int end) {
    while (end > start) {
      if (isIpv6(text, start, end)) {
        return end;
      }
      if (!isTrailingPunct(text.charAt(end - 1))) {
        return -1;
      }
      end--;
    }
    return -1;
  }

  private static boolean isTrailingPunct(char c) {
    return c == '.' || c == ':';
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /**
   * True when {@code s[from, to)} is an IPv6 address: eight groups of 1-4 hex digits, or fewer with
   * exactly one {@code ::}, optionally ending in a dotted IPv4 that counts as two groups. At least
   * one hex digit (a bare {@code ::} is punctuation far more often than the unspecified address).
   */
  static boolean isIpv6(String s, int from, int to) {
    if (to - from < 3 || to - from > 45) {
      return false;
    }
    int groups = 0;
    boolean compressed = false;
    boolean anyDigit = false;
    int i = from;
    if (s.charAt(i) == ':') {
      if (s.charAt(i + 1) != ':') {
        return false;
      }
      compressed = true;
      i += 2;
      if (i == to) {
        return false; // "::" alone
      }
    }
    while (i < to) {
      int j = i;
      while (j < to && j - i < 5 && isHex(s.charAt(j))) {
        j++;
      }
      int len = j - i;
      if (j < to && s.charAt(j) == '.') {
        // an embedded IPv4 must be the last part and takes two groups
        if (!isDottedQuad(s, i, to) || groups > 6) {
          return false;
        }
        groups += 2;
        anyDigit = true;
        i = to;
        break;
      }
      if (len == 0 || len > 4) {
        return false;
      }
      anyDigit = true;
      groups++;
      if (j == to) {
        i = j;
        break;
      }
      if (s.charAt(j) != ':') {
        return false;
      }
      if (j + 1 < to && s.charAt(j + 1) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        i = j + 2;
      } else {
        i = j + 1;
        if (i == to) {
          return false; // trailing single colon
        }
      }
    }
    if (!anyDigit) {
      return false;
    }
    return compressed ? groups <= 7 : groups == 8;
  }

  private static boolean isDottedQuad(String s, int from, int to) {
    return IPV4_EXACT.matcher(s).region(from, to).matches();
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
