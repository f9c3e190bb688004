package org.mozilla.balrog.logs.parse;

/** ASCII helpers shared by the parsers. */
public final class Ascii {
  private Ascii() {}

  /**
   * The value of an ASCII hex digit, or -1 (never accepts non-ASCII digits, unlike {@link
   * Character#digit}).
   */
  public static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
