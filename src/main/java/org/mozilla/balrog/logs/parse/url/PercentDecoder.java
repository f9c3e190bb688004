package org.mozilla.balrog.logs.parse.url;

import java.nio.charset.StandardCharsets;

/**
 * Strict RFC 3986 percent-decoding for URL path segments and query values
 * (docs/formats.md#percent-encoding).
 *
 * <p>Unlike {@link java.net.URLDecoder} (HTML form decoding) it never turns {@code +} into a space,
 * never throws, and leaves an invalid escape ({@code %}, {@code %4}, {@code %zz}) as written. Each
 * run of consecutive escapes is decoded as UTF-8 bytes; malformed UTF-8 becomes U+FFFD. Characters
 * that are not escapes (including raw non-ASCII) are kept. Stateless and thread-safe.
 */
public final class PercentDecoder {
  /**
   * Enough passes for the double encoding current Firefox may send ({@code %2520}); more would be
   * guessing.
   */
  public static final int MAX_PASSES = 3;

  private PercentDecoder() {}

  /**
   * Decodes once; returns the same instance when {@code s} has no {@code %} (the common case). Null
   * stays null.
   */
  public static String decode(String s) {
    if (s == null) {
      return null;
    }
    int firstPercent = s.indexOf('%');
    if (firstPercent < 0) {
      return s;
    }
    int n = s.length();
    StringBuilder out = new StringBuilder(n);
    out.append(s, 0, firstPercent);
    byte[] bytes = null;
    int i = firstPercent;
    while (i < n) {
      if (isEscape(s, i, n)) {
        if (bytes == null) {
          bytes = new byte[n / 3];
        }
        int count = 0;
        while (i < n && isEscape(s, i, n)) {
          bytes[count++] = (byte) ((hex(s.charAt(i + 1)) << 4) | hex(s.charAt(i + 2)));
          i += 3;
        }
        // new String replaces malformed UTF-8 with U+FFFD instead of throwing
        out.append(new String(bytes, 0, count, StandardCharsets.UTF_8));
      } else {
        out.append(s.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Decodes until the text stops changing, at most {@link #MAX_PASSES} times, so {@code %2520}
   * becomes a space while a literal {@code %} survives.
   */
  public static String decodeRepeatedly(String s) {
    String current = s;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      String next = decode(current);
      if (next == current || next.equals(current)) {
        return next;
      }
      current = next;
    }
    return current;
  }

  private static boolean isEscape(String s, int i, int n) {
    return s.charAt(i) == '%'
        && i + 2 < n
        && hex(s.charAt(i + 1)) >= 0
        && hex(s.charAt(i + 2)) >= 0;
  }

  static int hex(char c) {
    return org.mozilla.balrog.logs.parse.Ascii.hexValue(c);
  }
}
