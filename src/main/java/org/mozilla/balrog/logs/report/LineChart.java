package org.mozilla.balrog.logs.report;

import static org.mozilla.balrog.logs.report.Html.esc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A time-series line chart over one day as inline SVG, drawn server side: value axis from 0 with
 * gridlines and unit labels, time axis every three hours, one line per series (broken where buckets
 * are missing, so a gap in the data is visible), vertical markers with labels (deploys, their
 * rollout shaded), a legend, and an accessible title.
 *
 * <p>Deterministic: the same input gives the same text (coordinates rounded to 0.1 px, fixed
 * locale).
 */
final class LineChart {
  static final int WIDTH = 960;
  static final int HEIGHT = 300;
  static final int LEFT = 72;
  static final int RIGHT = 24;
  static final int TOP = 58;
  static final int BOTTOM = 44;
  static final int PLOT_W = WIDTH - LEFT - RIGHT;
  static final int PLOT_H = HEIGHT - TOP - BOTTOM;
  private static final int LABEL_ROWS = 2;
  private static final double CHAR_W =
      6.2; // px per character of the 11 px labels, for layout estimates

  /** One point: a bucket start and its value. */
  record Point(Instant t, double y) {
    Point {
      Objects.requireNonNull(t, "t");
    }
  }

  /** A line: legend name, CSS class (its colour) and points in any order. */
  record Series(String name, String cssClass, List<Point> points) {
    Series {
      points = points.stream().sorted(Comparator.comparing(Point::t)).toList();
    }
  }

  /** A vertical marker at {@code start}; {@code end} (may be null) shades the span until then. */
  record Marker(String label, Instant start, Instant end, String cssClass, String tooltip) {
    Marker {
      Objects.requireNonNull(start, "start");
    }
  }

  private final String id;
  private final String title;
  private final String yLabel;
  private final String yUnit;
  private final Instant from;
  private final Instant to;
  private final Duration step;
  private final double yFloor;

  /**
   * @param id unique element id prefix in the page
   * @param title accessible title (also the figure caption)
   * @param yLabel value axis label with its unit
   * @param yUnit suffix of the value tick labels, e.g. {@code " ms"}
   * @param from start of the time axis; {@code to} its end
   * @param step bucket length: consecutive points further apart than this are not joined
   * @param yFloor smallest top of the value axis (when all values are 0 or tiny)
   */
  LineChart(
      String id,
      String title,
      String yLabel,
      String yUnit,
      Instant from,
      Instant to,
      Duration step,
      double yFloor) {
    this.id = id;
    this.title = title;
    this.yLabel = yLabel;
    this.yUnit = yUnit;
    this.from = from;
    this.to = to;
    this.step = step;
    this.yFloor = yFloor;
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("time axis end " + to + " is not after its start " + from);
    }
  }

  /** The x coordinate of a time, clamped to the plot. */
  double x(Instant t) {
    double f =
        (double) Duration.between(from, t).toMillis() / Duration.between(from, to).toMillis();
    return LEFT + PLOT_W * Math.max(0, Math.min(1, f));
  }

  String svg(List<Series> series, List<Marker> markers, String description) {
    double dataMax =
        series.stream()
            .flatMap(s -> s.points().stream())
            .mapToDouble(Point::y)
            .filter(Double::isFinite)
            .max()
            .orElse(0);
    Scale scale = Scale.covering(dataMax, yFloor);
    StringBuilder b = new StringBuilder();
    Html.openSvg(b, "line-chart", id, WIDTH, HEIGHT, title, description);
    valueAxis(b, scale);
    timeAxis(b);
    markers(b, markers);
    b.append("<g class=\"series\">\n");
    for (Series s : series) {
      line(b, s, scale);
    }
    b.append("</g>\n");
    legend(b, series, !markers.isEmpty());
    b.append("</svg>\n");
    return b.toString();
  }

  private void valueAxis(StringBuilder b, Scale scale) {
    b.append("<g class=\"axis y-axis\">\n");
    for (double v : scale.ticks()) {
      String y = f(yOf(v, scale));
      b.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(LEFT + PLOT_W)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\"/>");
      b.append("<text class=\"tick\" x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(y)
          .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
          .append(esc(Numbers.decimal(v, scale.decimals()) + yUnit))
          .append("</text>\n");
    }
    int cy = TOP + PLOT_H / 2;
    b.append("<text class=\"axis-label\" x=\"16\" y=\"")
        .append(cy)
        .append("\" transform=\"rotate(-90 16 ")
        .append(cy)
        .append(")\" text-anchor=\"middle\">")
        .append(esc(yLabel))
        .append("</text>\n");
    b.append("</g>\n");
  }

  private void timeAxis(StringBuilder b) {
    b.append("<g class=\"axis x-axis\">\n");
    int bottom = TOP + PLOT_H;
    b.append("<line class=\"baseline\" x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(LEFT + PLOT_W)
        .append("\" y1=\"")
        .append(bottom)
        .append("\" y2=\"")
        .append(bottom)
        .append("\"/>\n");
    long hours = Duration.between(from, to).toHours();
    long every = hours > 12 ? 3 : 1;
    for (long h = 0; h <= hours; h += every) {
      Instant t = from.plus(Duration.ofHours(h));
      String x = f(x(t));
      b.append("<line class=\"tick-mark\" x1=\"")
          .append(x)
          .append("\" x2=\"")
          .append(x)
          .append("\" y1=\"")
          .append(bottom)
          .append("\" y2=\"")
          .append(bottom + 5)
          .append("\"/>");
      b.append("<text class=\"tick\" x=\"")
          .append(x)
          .append("\" y=\"")
          .append(bottom + 18)
          .append("\" text-anchor=\"middle\">")
          .append(h == 24 ? "24:00" : Numbers.hhmm(t))
          .append("</text>\n");
    }
    b.append("<text class=\"axis-label\" x=\"")
        .append(LEFT + PLOT_W / 2)
        .append("\" y=\"")
        .append(HEIGHT - 6)
        .append("\" text-anchor=\"middle\">Time of day (UTC)</text>\n");
    b.append("</g>\n");
  }

  /** Deploy lines with labels in up to two staggered rows so close deploys stay readable. */
  private void markers(StringBuilder b, List<Marker> markers) {
    if (markers.isEmpty()) {
      return;
    }
    b.append("<g class=\"markers\">\n");
    double[] rowEnd = new double[LABEL_ROWS];
    java.util.Arrays.fill(rowEnd, Double.NEGATIVE_INFINITY);
    List<Marker> sorted = new ArrayList<>(markers);
    sorted.sort(Comparator.comparing(Marker::start).thenComparing(Marker::label));
    int fallback = 0;
    for (Marker m : sorted) {
      double x = x(m.start());
      double width = m.label().length() * CHAR_W;
      boolean rightSide = x + 4 + width <= WIDTH - 2;
      double left = rightSide ? x : x - width - 4;
      double right = rightSide ? x + width + 4 : x;
      int row = -1;
      for (int r = 0; r < LABEL_ROWS; r++) {
        if (rowEnd[r] + 6 <= left) {
          row = r;
          break;
        }
      }
      if (row < 0) {
        row = fallback++ % LABEL_ROWS;
      }
      rowEnd[row] = Math.max(rowEnd[row], right);
      double labelY = TOP - 22 + row * 13;
      b.append("<g class=\"marker ")
          .append(esc(m.cssClass()))
          .append("\" data-time=\"")
          .append(m.start())
          .append("\">");
      b.append("<title>").append(esc(m.tooltip())).append("</title>");
      if (m.end() != null && m.end().isAfter(m.start())) {
        double x2 = x(m.end());
        b.append("<rect class=\"band\" x=\"")
            .append(f(x))
            .append("\" y=\"")
            .append(TOP)
            .append("\" width=\"")
            .append(f(Math.max(0.5, x2 - x)))
            .append("\" height=\"")
            .append(PLOT_H)
            .append("\"/>");
      }
      b.append("<line class=\"marker-line\" x1=\"")
          .append(f(x))
          .append("\" x2=\"")
          .append(f(x))
          .append("\" y1=\"")
          .append(f(labelY + 3))
          .append("\" y2=\"")
          .append(TOP + PLOT_H)
          .append("\"/>");
      b.append("<text class=\"marker-label\" x=\"")
          .append(f(rightSide ? x + 4 : x - 4))
          .append("\" y=\"")
          .append(f(labelY))
          .append("\" text-anchor=\"")
          .append(rightSide ? "start" : "end")
          .append("\">")
          .append(esc(m.label()))
          .append("</text></g>\n");
    }
    b.append("</g>\n");
  }

  private void line(StringBuilder b, Series s, Scale scale) {
    List<List<Point>> runs = new ArrayList<>();
    List<Point> run = new ArrayList<>();
    Point prev = null;
    for (Point p : s.points()) {
      if (!Double.isFinite(p.y())) {
        continue;
      }
      if (prev != null && Duration.between(prev.t(), p.t()).compareTo(step) > 0) {
        runs.add(run);
        run = new ArrayList<>();
      }
      run.add(p);
      prev = p;
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    StringBuilder d = new StringBuilder();
    List<Point> single = new ArrayList<>();
    for (List<Point> r : runs) {
      if (r.size() == 1) {
        single.add(r.get(0));
        continue;
      }
      for (int i = 0; i < r.size(); i++) {
        Point p = r.get(i);
        d.append(i == 0 ? (d.length() == 0 ? "M" : " M") : " L")
            .append(f(x(p.t())))
            .append(',')
            .append(f(yOf(p.y(), scale)));
      }
    }
    b.append("<g class=\"line ")
        .append(esc(s.cssClass()))
        .append("\" data-series=\"")
        .append(esc(s.name()))
        .append("\">");
    b.append("<title>").append(esc(s.name())).append("</title>");
    if (d.length() > 0) {
      b.append("<path d=\"").append(d).append("\"/>");
    }
    for (Point p : single) {
      b.append("<circle cx=\"")
          .append(f(x(p.t())))
          .append("\" cy=\"")
          .append(f(yOf(p.y(), scale)))
          .append("\" r=\"2\"/>");
    }
    b.append("</g>\n");
  }

  private void legend(StringBuilder b, List<Series> series, boolean withMarkers) {
    b.append("<g class=\"legend\">\n");
    double x = LEFT;
    int y = 12;
    for (Series s : series) {
      b.append("<g class=\"legend-item ")
          .append(esc(s.cssClass()))
          .append("\"><line x1=\"")
          .append(f(x))
          .append("\" x2=\"")
          .append(f(x + 18))
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\"/><text x=\"")
          .append(f(x + 24))
          .append("\" y=\"")
          .append(y)
          .append("\" dominant-baseline=\"middle\">")
          .append(esc(s.name()))
          .append("</text></g>\n");
      x += 24 + s.name().length() * CHAR_W + 18;
    }
    if (withMarkers) {
      b.append("<g class=\"legend-item marker\"><line class=\"marker-line\" x1=\"")
          .append(f(x + 9))
          .append("\" x2=\"")
          .append(f(x + 9))
          .append("\" y1=\"")
          .append(y - 6)
          .append("\" y2=\"")
          .append(y + 6)
          .append("\"/><text x=\"")
          .append(f(x + 24))
          .append("\" y=\"")
          .append(y)
          .append(
              "\" dominant-baseline=\"middle\">deploy start (rollout shaded, colour ="
                  + " verdict)</text></g>\n");
    }
    b.append("</g>\n");
  }

  private static double yOf(double v, Scale scale) {
    return TOP + PLOT_H * (1 - scale.fraction(v));
  }

  /** A coordinate with one decimal, fixed locale. */
  static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
