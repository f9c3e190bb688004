package org.mozilla.balrog.logs.parse.nginx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Small allocation-light scanning helpers shared by the nginx parsers. Package-private. */
final class Text {
  /** Returned by {@link #parseLong} for anything that is not a plain non-negative decimal. */
  static final long NOT_A_NUMBER = Long.MIN_VALUE;

  private Text() {}

  /** Index of the next space at or after {@code from}, or {@code s.length()}. */
  static int nextSpace(String s, int from) {
    int i = s.indexOf(' ', from);
    return i < 0 ? s.length() : i;
  }

  /**
   * Parses {@code s[from, to)} as a non-negative decimal without throwing; at most 18 digits so it
   * cannot overflow.
   */
  static long parseLong(String s, int from, int to) {
    int n = to - from;
    if (n <= 0 || n > 18) {
      return NOT_A_NUMBER;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return NOT_A_NUMBER;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** True for {@code digits[.digits]}: the only shape nginx writes for times. */
  static boolean isDecimal(String s, int from, int to) {
    int digits = 0;
    boolean dot = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !dot && digits > 0) {
        dot = true;
      } else {
        return false;
      }
    }
    return digits > 0 && s.charAt(to - 1) != '.';
  }

  /** {@code s[from, to)} as a double, or null when it is not {@link #isDecimal}. */
  static Double parseDecimal(String s, int from, int to) {
    if (!isDecimal(s, from, to)) {
      return null;
    }
    return Double.parseDouble(s.substring(from, to));
  }

  /**
   * Index of the closing quote of a quoted field whose opening quote is at {@code open}, honouring
   * backslash escapes; -1 when the field is not closed.
   */
  static int closingQuote(String s, int open) {
    for (int i = open + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Unescapes the inside of an nginx quoted field ({@code escape=default}): {@code \xHH} runs are
   * decoded as UTF-8 bytes (malformed sequences become U+FFFD), {@code \"} and {@code \\} lose
   * their backslash, and any other backslash is kept as written. {@code -} stays {@code -}; callers
   * map it to null.
   */
  static String unescape(String s, int from, int to) {
    int bs = s.indexOf('\\', from);
    if (bs < 0 || bs >= to) {
      return s.substring(from, to); // the common case: nothing escaped
    }
    StringBuilder out = new StringBuilder(to - from);
    ByteArrayOutputStream bytes = null;
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '\\'
          && i + 3 < to
          && s.charAt(i + 1) == 'x'
          && hex(s.charAt(i + 2)) >= 0
          && hex(s.charAt(i + 3)) >= 0) {
        if (bytes == null) {
          bytes = new ByteArrayOutputStream();
        }
        bytes.write(hex(s.charAt(i + 2)) << 4 | hex(s.charAt(i + 3)));
        i += 4;
        continue;
      }
      if (bytes != null && bytes.size() > 0) {
        out.append(
            bytes.toString(StandardCharsets.UTF_8)); // replaces malformed input, never throws
        bytes.reset();
      }
      if (c == '\\' && i + 1 < to && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
        out.append(s.charAt(i + 1));
        i += 2;
      } else {
        out.append(c);
        i++;
      }
    }
    if (bytes != null && bytes.size() > 0) {
      out.append(bytes.toString(StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  static int hex(char c) {
    return org.mozilla.balrog.logs.parse.Ascii.hexValue(c);
  }

  static String dashToNull(String v) {
    return "-".equals(v) ? null : v;
  }
}
