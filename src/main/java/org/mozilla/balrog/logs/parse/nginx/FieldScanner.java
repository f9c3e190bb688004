package org.mozilla.balrog.logs.parse.nginx;

import org.mozilla.balrog.logs.parse.RejectReason;

/**
 * A cursor over one line of space-separated, optionally double-quoted fields. One per parse call
 * (not shared), so the parsers using it stay stateless. On the first problem it records a {@link
 * RejectReason} and returns null.
 */
final class FieldScanner {
  final String s;
  final int end;
  int pos;
  RejectReason error;

  FieldScanner(String s) {
    this.s = s;
    int e = s.length();
    while (e > 0
        && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\r' || s.charAt(e - 1) == '\n')) {
      e--; // a CRLF file or trailing blanks must not shift the last field
    }
    this.end = e;
  }

  boolean atEnd() {
    return pos >= end;
  }

  /**
   * Start of the next bare token, skipping the single separating space. Records TOO_FEW_FIELDS at
   * the end.
   */
  private boolean skipSeparator() {
    if (pos < end && s.charAt(pos) == ' ' && pos > 0) {
      pos++;
    }
    if (pos >= end) {
      error = RejectReason.TOO_FEW_FIELDS;
      return false;
    }
    return true;
  }

  /** The next unquoted token (up to a space), or null with {@link #error} set. */
  String token() {
    if (!skipSeparator()) {
      return null;
    }
    int stop = Math.min(Text.nextSpace(s, pos), end);
    String t = s.substring(pos, stop);
    pos = stop;
    return t;
  }

  /**
   * Start and end of the next bare token without allocating; the token is {@code s[pos, returned)}.
   */
  int tokenEnd() {
    if (!skipSeparator()) {
      return -1;
    }
    return Math.min(Text.nextSpace(s, pos), end);
  }

  /**
   * The next double-quoted field, unescaped; null with {@link #error} set when missing or
   * unterminated.
   */
  String quoted() {
    if (!skipSeparator()) {
      return null;
    }
    if (s.charAt(pos) != '"') {
      error = RejectReason.UNRECOGNIZED_FORMAT;
      return null;
    }
    int close = Text.closingQuote(s, pos);
    if (close < 0 || close >= end) {
      error = RejectReason.UNTERMINATED_QUOTE;
      return null;
    }
    String v = Text.unescape(s, pos + 1, close);
    pos = close + 1;
    return v;
  }
}
