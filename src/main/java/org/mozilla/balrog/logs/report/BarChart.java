package org.mozilla.balrog.logs.report;

import static org.mozilla.balrog.logs.report.Html.esc;
import static org.mozilla.balrog.logs.report.LineChart.f;

import java.util.List;

/**
 * A horizontal bar chart as inline SVG: one bar per item with its label on the left (shortened when
 * long, the full text in the bar's tooltip), its value at the end of the bar, a value axis from 0
 * with gridlines and a unit label.
 */
final class BarChart {
  static final int ROW_H = 24;
  static final int BAR_H = 16;
  static final int TOP = 8;
  static final int BOTTOM = 42;

  /**
   * The chart's width in user units (the page scales it to its column, text included, so a chart
   * shown half-width gets a narrower layout rather than smaller text), the label column, the room
   * for the value after the longest bar, and the label length before it is shortened.
   */
  record Layout(int width, int labelWidth, int valueWidth, int maxLabelChars) {
    static final Layout FULL = new Layout(1000, 380, 90, 60);
    static final Layout HALF = new Layout(500, 160, 72, 25);

    int plotWidth() {
      return width - labelWidth - valueWidth;
    }
  }

  /** One bar: label, value, the value as shown, a tooltip, and a CSS class (its colour). */
  record Bar(String label, double value, String valueText, String tooltip, String cssClass) {}

  private BarChart() {}

  /**
   * @param id unique element id prefix in the page
   * @param title accessible title
   * @param axisLabel value axis label with its unit
   */
  static String svg(
      String id,
      String title,
      String description,
      String axisLabel,
      List<Bar> bars,
      Layout layout) {
    final int labelW = layout.labelWidth();
    final int plotW = layout.plotWidth();
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    Scale scale = Scale.covering(max, 1);
    int plotH = bars.size() * ROW_H;
    int height = TOP + plotH + BOTTOM;
    StringBuilder b = new StringBuilder();
    Html.openSvg(b, "bar-chart", id, layout.width(), height, title, description);
    b.append("<g class=\"axis x-axis\">\n");
    int bottom = TOP + plotH;
    for (double v : scale.ticks()) {
      String x = f(labelW + plotW * scale.fraction(v));
      b.append("<line class=\"grid\" x1=\"")
          .append(x)
          .append("\" x2=\"")
          .append(x)
          .append("\" y1=\"")
          .append(TOP)
          .append("\" y2=\"")
          .append(bottom)
          .append("\"/>");
      b.append("<text class=\"tick\" x=\"")
          .append(x)
          .append("\" y=\"")
          .append(bottom + 16)
          .append("\" text-anchor=\"middle\">")
          .append(esc(tickText(v, scale)))
          .append("</text>\n");
    }
    b.append("<text class=\"axis-label\" x=\"")
        .append(labelW + plotW / 2)
        .append("\" y=\"")
        .append(height - 6)
        .append("\" text-anchor=\"middle\">")
        .append(esc(axisLabel))
        .append("</text>\n");
    b.append("</g>\n<g class=\"bars\">\n");
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double y = TOP + i * ROW_H + (ROW_H - BAR_H) / 2.0;
      double w = plotW * scale.fraction(bar.value());
      double mid = y + BAR_H / 2.0;
      b.append("<g class=\"bar ")
          .append(esc(bar.cssClass()))
          .append("\"><title>")
          .append(esc(bar.tooltip()))
          .append("</title>");
      b.append("<text class=\"bar-label\" x=\"")
          .append(labelW - 8)
          .append("\" y=\"")
          .append(f(mid))
          .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
          .append(esc(shorten(bar.label(), layout.maxLabelChars())))
          .append("</text>");
      b.append("<rect x=\"")
          .append(labelW)
          .append("\" y=\"")
          .append(f(y))
          .append("\" width=\"")
          .append(f(bar.value() > 0 ? Math.max(1, w) : 0))
          .append("\" height=\"")
          .append(BAR_H)
          .append("\"/>");
      b.append("<text class=\"bar-value\" x=\"")
          .append(f(labelW + w + 6))
          .append("\" y=\"")
          .append(f(mid))
          .append("\" dominant-baseline=\"middle\">")
          .append(esc(bar.valueText()))
          .append("</text></g>\n");
    }
    b.append("</g>\n</svg>\n");
    return b.toString();
  }

  /** Tick values in compact form: 1500 -> "1.5k", 2000000 -> "2M". */
  static String tickText(double v, Scale scale) {
    if (v == 0) {
      return "0";
    }
    if (scale.max() >= 1_000_000) {
      return Numbers.decimal(v / 1_000_000, 2) + "M";
    }
    if (scale.max() >= 10_000) {
      return Numbers.decimal(v / 1_000, 1) + "k";
    }
    return Numbers.decimal(v, scale.decimals());
  }

  /** At most {@code max} characters, with an ellipsis when cut (never inside a surrogate pair). */
  static String shorten(String label, int max) {
    if (label.length() <= max) {
      return label;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(label.charAt(end - 1))) {
      end--;
    }
    return label.substring(0, end) + "\u2026";
  }
}
