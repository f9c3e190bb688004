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

  /**
   * Opens an accessible chart: the {@code <svg>} element of {@code cssClass} with its {@code
   * <title>} and {@code <desc>}, which label it for screen readers. The caller closes it.
   */
  static void openSvg(
      StringBuilder b,
      String cssClass,
      String id,
      int width,
      int height,
      String title,
      String description) {
    String i = esc(id);
    b.append("<svg class=\"chart ")
        .append(cssClass)
        .append("\" id=\"")
        .append(i)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(i)
        .append("-title ")
        .append(i)
        .append("-desc\">\n");
    b.append("<title id=\"").append(i).append("-title\">").append(esc(title)).append("</title>\n");
    b.append("<desc id=\"")
        .append(i)
        .append("-desc\">")
        .append(esc(description))
        .append("</desc>\n");
  }
}
