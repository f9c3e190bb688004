package org.mozilla.balrog.logs.report;

import static org.mozilla.balrog.logs.report.Html.esc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.mozilla.balrog.logs.report.ReportData.PushWindow;

/**
 * The "push windows" grid of the report: one row per UTC day of {@link ReportData#pushWindows}, one
 * cell per hour, each cell the verdict of a push starting then as a colour and a symbol (not colour
 * alone), its title naming the rules that were not go; a legend above and the counts below.
 */
final class PushWindowGrid {
  private static final int HOURS = 24;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);

  private PushWindowGrid() {}

  /**
   * The legend, the table and the counts line. A grid cell without its push in {@code data} says
   * "not judged".
   */
  static String html(ReportData data) {
    Map<Instant, PushWindow> byStart = new HashMap<>();
    for (PushWindow w : data.pushWindows()) {
      byStart.put(w.at(), w);
    }
    long[] counts = new long[PushWindow.VERDICTS.size()];
    long notJudged = 0;
    StringBuilder b = new StringBuilder();
    b.append("<p class=\"legend\">");
    for (String v : PushWindow.VERDICTS) {
      b.append("<span class=\"push ")
          .append(cssClass(v))
          .append("\" aria-hidden=\"true\">")
          .append(symbol(v))
          .append("</span> ")
          .append(esc(v))
          .append(' ');
    }
    b.append("\u00b7 hover a cell for the rules that were not go</p>\n");
    b.append("<div class=\"table-wrap\"><table class=\"push-grid\">\n<thead><tr>")
        .append("<th scope=\"col\">Day (UTC)</th>");
    for (int h = 0; h < HOURS; h++) {
      b.append("<th scope=\"col\">").append(hour(h)).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    Instant first = data.pushWindowStart();
    for (int d = 0; d < ReportData.PUSH_WINDOW_DAYS; d++) {
      LocalDate day = first.atZone(ZoneOffset.UTC).toLocalDate().plusDays(d);
      String label = DAY.format(day);
      b.append("<tr class=\"push-row\"><th scope=\"row\">").append(esc(label)).append("</th>");
      for (int h = 0; h < HOURS; h++) {
        Instant at = first.plus(Duration.ofDays(d).plusHours(h));
        PushWindow w = byStart.get(at);
        String when = label + " " + hour(h) + ":00 UTC";
        if (w == null) {
          notJudged++;
          b.append("<td class=\"push p-none\" title=\"")
              .append(esc(when + ": not judged"))
              .append("\">\u00b7</td>");
          continue;
        }
        counts[PushWindow.VERDICTS.indexOf(w.verdict())]++;
        String title =
            when
                + ": "
                + w.verdict()
                + (w.notGo().isEmpty() ? "" : " (not go: " + String.join(", ", w.notGo()) + ")");
        b.append("<td class=\"push ")
            .append(cssClass(w.verdict()))
            .append("\" title=\"")
            .append(esc(title))
            .append("\"><span aria-hidden=\"true\">")
            .append(symbol(w.verdict()))
            .append("</span><span class=\"sr-only\">")
            .append(esc(w.verdict()))
            .append("</span></td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table></div>\n");
    long judged = counts[0] + counts[1] + counts[2];
    b.append("<p class=\"push-counts\">")
        .append(judged)
        .append(" pushes: ")
        .append(counts[0])
        .append(" go, ")
        .append(counts[1])
        .append(" caution, ")
        .append(counts[2])
        .append(" no-go")
        .append(notJudged == 0 ? "" : "; " + notJudged + " not judged")
        .append(".</p>\n");
    return b.toString();
  }

  private static String hour(int h) {
    return String.format(Locale.ROOT, "%02d", h);
  }

  /** {@code p-go}, {@code p-caution} or {@code p-no-go}. */
  private static String cssClass(String verdict) {
    return "p-" + verdict;
  }

  /** A check mark for go, ! for caution, a cross for no-go. */
  private static String symbol(String verdict) {
    return switch (verdict) {
      case "go" -> "\u2713";
      case "caution" -> "!";
      default -> "\u2715";
    };
  }
}
