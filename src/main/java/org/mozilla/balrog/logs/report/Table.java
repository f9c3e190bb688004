package org.mozilla.balrog.logs.report;

import static org.mozilla.balrog.logs.report.Html.esc;

import java.util.ArrayList;
import java.util.List;

/**
 * An HTML table whose cells are text (escaped here) or markup built by the report from escaped
 * pieces.
 */
final class Table {
  /** One cell: its inner HTML and CSS class ("" for none). */
  record Cell(String html, String cssClass) {
    static Cell text(String text) {
      return new Cell(esc(text), "");
    }

    /** Right-aligned, tabular figures. */
    static Cell num(String text) {
      return new Cell(esc(text), "num");
    }

    /** Markup the caller built with {@link Html#esc} around every piece of data. */
    static Cell html(String html) {
      return new Cell(html, "");
    }

    Cell withClass(String cls) {
      return new Cell(html, cssClass.isEmpty() ? cls : cssClass + " " + cls);
    }
  }

  private final String cssClass;
  private final List<String> headers;
  private final List<Boolean> numeric;
  private final List<List<Cell>> rows = new ArrayList<>();
  private final List<String> rowClasses = new ArrayList<>();

  /**
   * Headers ending in {@code #} are numeric columns (right-aligned); the {@code #} is not shown.
   */
  Table(String cssClass, String... headers) {
    this.cssClass = cssClass;
    this.headers = new ArrayList<>();
    this.numeric = new ArrayList<>();
    for (String h : headers) {
      boolean num = h.endsWith("#");
      this.headers.add(num ? h.substring(0, h.length() - 1) : h);
      this.numeric.add(num);
    }
  }

  Table row(Cell... cells) {
    return row("", cells);
  }

  Table row(String rowClass, Cell... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + headers.size());
    }
    rows.add(List.of(cells));
    rowClasses.add(rowClass);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String html() {
    StringBuilder b = new StringBuilder();
    b.append("<div class=\"table-wrap\"><table class=\"")
        .append(esc(cssClass))
        .append("\">\n<thead><tr>");
    for (int i = 0; i < headers.size(); i++) {
      b.append(numeric.get(i) ? "<th class=\"num\">" : "<th>")
          .append(esc(headers.get(i)))
          .append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    for (int r = 0; r < rows.size(); r++) {
      String rc = rowClasses.get(r);
      b.append(rc.isEmpty() ? "<tr>" : "<tr class=\"" + esc(rc) + "\">");
      List<Cell> row = rows.get(r);
      for (int i = 0; i < row.size(); i++) {
        Cell c = row.get(i);
        String cls =
            numeric.get(i) && !c.cssClass().contains("num")
                ? c.withClass("num").cssClass()
                : c.cssClass();
        b.append(cls.isEmpty() ? "<td>" : "<td class=\"" + esc(cls) + "\">")
            .append(c.html())
            .append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table></div>\n");
    return b.toString();
  }
}
