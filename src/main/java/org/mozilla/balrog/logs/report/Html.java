package org.mozilla.balrog.logs.report;

/**
 * HTML escaping for the report: every piece of data goes through {@link #esc} before it reaches the
 * page.
 */
final class Html {
  private Html() {}

  /**
   * The text safe in element content and in quoted attribute values: {@code & < > " '} become
   * character references; control characters other than tab, CR and LF (not allowed in HTML) become
   * U+FFFD. Null becomes "".
   */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '\t', '\n', '\r' -> b.append(c);
        default -> b.append(c < 0x20 || c == 0x7f ? '\ufffd' : c);
      }
    }
    return b.toString();
  }
}
