package org.mozilla.balrog.logs.report;

import static org.mozilla.balrog.logs.report.Html.esc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mozilla.balrog.logs.report.ReportData.ChannelVersions;
import org.mozilla.balrog.logs.report.ReportData.ErrorSignature;
import org.mozilla.balrog.logs.report.ReportData.NewSignature;
import org.mozilla.balrog.logs.report.ReportData.UpdateBucket;
import org.mozilla.balrog.logs.report.ReportData.VersionClients;
import org.mozilla.balrog.logs.report.Table.Cell;
import org.mozilla.balrog.logs.sink.DeployRow;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.IngestAuditRow;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * Renders {@link ReportData} as one self-contained HTML page: inline CSS, charts drawn server side
 * as inline SVG, no JavaScript, and no script, font, image or style loaded from anywhere (a
 * Content-Security-Policy forbids it), so it opens offline and screenshots the same everywhere. The
 * data is embedded as JSON ({@link ReportJson}) in {@code <script type="application/json"
 * id="report-data">}, which browsers do not run.
 *
 * <p>Pure and deterministic: the same data gives the same text. Every piece of data is escaped.
 */
public final class HtmlReport {
  /** The id of the script element holding the JSON data. */
  public static final String DATA_ELEMENT_ID = "report-data";

  private static final Duration BUCKET = Duration.ofMinutes(5);

  private final ReportData data;
  private final StringBuilder b = new StringBuilder(64 * 1024);

  private HtmlReport(ReportData data) {
    this.data = data;
  }

  /** The page for {@code data}. */
  public static String render(ReportData data) {
    return new HtmlReport(data).page();
  }

  private String page() {
    String title = "Balrog logs report " + data.date();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\"")
        .append(" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(Css.STYLE)
        .append("</style>\n")
        .append("</head>\n<body>\n<main>\n");
    b.append("<header><h1>Balrog logs \u2014 daily report</h1><p class=\"sub\">")
        .append(esc(data.date().toString()))
        .append(" (UTC) \u00b7 from the summary tables \u00b7 balrog-logs ")
        .append(esc(data.toolVersion()))
        .append("</p>\n")
        .append(
            "<nav><a href=\"#updates\">Update errors and latency</a><a"
                + " href=\"#deploys\">Deploys</a>")
        .append(
            "<a href=\"#windows\">Push windows</a><a href=\"#clients\">Clients by version</a><a"
                + " href=\"#errors\">Application errors</a>")
        .append("<a href=\"#audit\">Ingest audit</a></nav></header>\n");
    cards();
    updates();
    deploys();
    pushWindows();
    clients();
    errors();
    audit();
    b.append(
            "<footer><p>All times UTC. Client counts are HyperLogLog estimates of distinct client"
                + " fingerprints (about 1 % error). Figures come from the summary tables under the"
                + " job's output root; the same numbers are in the JSON element <code>#")
        .append(DATA_ELEMENT_ID)
        .append("</code> of this page.</p></footer>\n");
    b.append("</main>\n<script type=\"application/json\" id=\"")
        .append(DATA_ELEMENT_ID)
        .append("\">\n")
        .append(ReportJson.write(data))
        .append("\n</script>\n</body>\n</html>\n");
    return b.toString();
  }

  // ---- headline cards

  private void cards() {
    long requests = data.updateBuckets().stream().mapToLong(UpdateBucket::requests).sum();
    long errors = data.updateBuckets().stream().mapToLong(UpdateBucket::status5xx).sum();
    Double worstP95 =
        data.updateBuckets().stream()
            .map(UpdateBucket::latencyP95Ms)
            .filter(v -> v != null)
            .max(Double::compare)
            .orElse(null);
    long regressions =
        data.deploys().stream()
            .filter(d -> ImpactRow.REGRESSION.equals(data.overallVerdict(d.deployId())))
            .count();
    long newSigs = data.newErrors().stream().map(NewSignature::signature).distinct().count();
    long lines = data.audit().stream().mapToLong(IngestAuditRow::lines).sum();
    long rejected = data.audit().stream().mapToLong(IngestAuditRow::rejected).sum();
    b.append("<section class=\"cards\" aria-label=\"Summary\">\n");
    card("Update requests", Numbers.count(requests), "aus3 + aus4 + aus5, update and json", "");
    card(
        "5xx rate",
        requests == 0 ? "\u2014" : Numbers.percent((double) errors / requests),
        Numbers.count(errors) + " responses",
        errors > 0 ? "warn" : "");
    card(
        "Worst 5-min p95",
        worstP95 == null ? "\u2014" : Numbers.millis(worstP95),
        "update latency",
        "");
    card(
        "Deploys",
        Integer.toString(data.deploys().size()),
        regressions + (regressions == 1 ? " regression" : " regressions"),
        regressions > 0 ? "bad" : "");
    card(
        "New error signatures",
        Long.toString(newSigs),
        "after the day's deploys",
        newSigs > 0 ? "warn" : "");
    card(
        "Rejected lines",
        lines == 0 ? "\u2014" : Numbers.percent(IngestAuditRow.rejectRatio(rejected, lines)),
        Numbers.count(rejected) + " of " + Numbers.count(lines),
        "");
    b.append("</section>\n");
  }

  private void card(String label, String value, String note, String cls) {
    b.append("<div class=\"card")
        .append(cls.isEmpty() ? "" : " " + cls)
        .append("\"><div class=\"label\">")
        .append(esc(label))
        .append("</div><div class=\"value\">")
        .append(esc(value))
        .append("</div><div class=\"note\">")
        .append(esc(note))
        .append("</div></div>\n");
  }

  // ---- update errors and latency

  private void updates() {
    openSection("updates", "Update errors and latency", true);
    b.append(
        "<p class=\"method\">Update requests (<code>/update</code> and <code>/json</code>) of aus3,"
            + " aus4 and aus5 per 5-minute bucket; Dockerflow probes are not counted. The latency"
            + " line is the highest of the bucket's per-domain and per-endpoint p95 values: an"
            + " upper bound of the combined p95 that a slow domain cannot hide in. Vertical lines"
            + " mark the day's deploys.</p>\n");
    if (noData(
        SummaryTables.REQUEST_RATES,
        data.updateBuckets().isEmpty(),
        "no update requests in " + SummaryTables.REQUEST_RATES.name())) {
      closeSection();
      return;
    }
    Instant from = data.dayStart();
    Instant to = from.plus(Duration.ofDays(1));
    List<LineChart.Marker> markers = markers();
    List<UpdateBucket> buckets = data.updateBuckets();
    List<LineChart.Point> all =
        buckets.stream().map(u -> new LineChart.Point(u.start(), 100 * u.errorRate())).toList();
    List<LineChart.Point> lb =
        buckets.stream().map(u -> new LineChart.Point(u.start(), 100 * u.lbErrorRate())).toList();
    UpdateBucket peak =
        buckets.stream().max((x, y) -> Double.compare(x.errorRate(), y.errorRate())).orElseThrow();
    LineChart rate =
        new LineChart(
            "chart-update-5xx",
            "Update 5xx rate per 5 minutes, " + data.date(),
            "5xx responses (% of requests)",
            " %",
            from,
            to,
            BUCKET,
            0.1);
    figure(
        rate.svg(
            List.of(
                new LineChart.Series("all 5xx", "s-5xx", all),
                new LineChart.Series("5xx generated by the load balancer", "s-lb", lb)),
            markers,
            "Share of update requests answered with a 5xx status in each 5-minute bucket of "
                + data.date()
                + " (UTC); "
                + buckets.size()
                + " buckets with requests; highest "
                + Numbers.percent(peak.errorRate())
                + " at "
                + Numbers.hhmm(peak.start())
                + "; "
                + markers.size()
                + " deploys marked."),
        "Update 5xx rate per 5 minutes");
    List<LineChart.Point> p95 =
        buckets.stream()
            .filter(u -> u.latencyP95Ms() != null)
            .map(u -> new LineChart.Point(u.start(), u.latencyP95Ms()))
            .toList();
    LineChart latency =
        new LineChart(
            "chart-update-latency",
            "Update latency p95 per 5 minutes, " + data.date(),
            "p95 latency (ms)",
            " ms",
            from,
            to,
            BUCKET,
            10);
    String latencyDesc =
        p95.isEmpty()
            ? "No latency recorded."
            : "Highest per-domain p95 latency of update requests in each 5-minute bucket; peak "
                + Numbers.millis(p95.stream().mapToDouble(LineChart.Point::y).max().orElse(0))
                + ".";
    figure(
        latency.svg(
            List.of(new LineChart.Series("p95 latency (max over domains)", "s-p95", p95)),
            markers,
            latencyDesc),
        "Update latency p95 per 5 minutes");
    closeSection();
  }

  /** A marker per deploy, coloured by its overall verdict. */
  private List<LineChart.Marker> markers() {
    List<LineChart.Marker> out = new ArrayList<>();
    for (DeployRow d : data.deploys()) {
      String verdict = data.overallVerdict(d.deployId());
      StringBuilder tip =
          new StringBuilder("Deploy ")
              .append(d.deployId())
              .append(" (")
              .append(d.app())
              .append("): started ")
              .append(Numbers.hhmmss(d.startedAt()))
              .append(" UTC");
      if (d.finishedAt() != null) {
        tip.append(", rollout finished ").append(Numbers.hhmmss(d.finishedAt()));
      }
      tip.append(", ").append(d.hosts()).append('/').append(d.hostsTotal()).append(" hosts");
      if (d.schemaMigration()) {
        tip.append(", schema migration");
      }
      tip.append(", verdict ").append(verdict == null ? "not judged" : verdict);
      out.add(
          new LineChart.Marker(
              d.deployId(),
              d.startedAt(),
              d.finishedAt(),
              "deploy " + verdictClass(verdict),
              tip.toString()));
    }
    return out;
  }

  // ---- deploys and verdicts

  private void deploys() {
    openSection("deploys", "Deploys and verdicts", false);
    if (!noData(SummaryTables.DEPLOYS, data.deploys().isEmpty(), "no deploy started on this day")) {
      Table t =
          new Table(
              "deploys",
              "Deploy",
              "App",
              "Started (UTC)",
              "Rollout finished",
              "Hosts#",
              "Migration",
              "Source and evidence",
              "Verdict");
      for (DeployRow d : data.deploys()) {
        String verdict = data.overallVerdict(d.deployId());
        t.row(
            Cell.text(d.deployId()).withClass("id"),
            Cell.text(d.app()),
            Cell.text(Numbers.hhmmss(d.startedAt())),
            Cell.text(d.finishedAt() == null ? "not seen" : Numbers.hhmmss(d.finishedAt())),
            Cell.num(d.hosts() + " / " + d.hostsTotal()),
            Cell.text(d.schemaMigration() ? "yes" : "no"),
            Cell.html(
                    esc(d.source())
                        + (d.evidence() == null || d.evidence().isEmpty()
                            ? ""
                            : "<span class=\"counts\">" + esc(d.evidence()) + "</span>"))
                .withClass("evidence"),
            Cell.html(badge(verdict)));
      }
      b.append(t.html());
    }
    b.append(
        "<h3>Verdicts by metric</h3>\n"
            + "<p class=\"method\">Each metric compares a window before the deploy with a window"
            + " after its rollout. A regression needs both statistical significance and a practical"
            + " effect.</p>\n");
    if (!noData(
        SummaryTables.DEPLOY_IMPACT,
        data.verdicts().isEmpty(),
        "no deploy verdicts for this day")) {
      Table t =
          new Table(
              "verdicts",
              "Deploy",
              "Metric",
              "Before#",
              "After#",
              "Change#",
              "95 % CI#",
              "p-value#",
              "Verdict",
              "Reason");
      for (ImpactRow v : data.verdicts()) {
        boolean overall = v.isOverall();
        t.row(
            overall ? "overall" : "",
            Cell.text(v.deployId()).withClass("id"),
            Cell.text(v.metric()),
            Cell.html(metricValue(v.metric(), v.beforeValue(), v.beforeEvents(), v.beforeTotal())),
            Cell.html(metricValue(v.metric(), v.afterValue(), v.afterEvents(), v.afterTotal())),
            Cell.num(v.changeRatio() == null ? "\u2014" : Numbers.ratio(v.changeRatio())),
            Cell.num(
                v.ciLow() == null || v.ciHigh() == null
                    ? "\u2014"
                    : Numbers.ratio(v.ciLow()) + " \u2013 " + Numbers.ratio(v.ciHigh())),
            Cell.num(v.pValue() == null ? "\u2014" : Numbers.pValue(v.pValue())),
            Cell.html(badge(v.verdict())),
            Cell.text(v.reason()).withClass("small"));
      }
      b.append(t.html());
    }
    closeSection();
  }

  /** A metric value in its unit, with the counts behind it underneath. */
  private static String metricValue(String metric, Double value, long events, long total) {
    if (metric.equals(ImpactRow.OVERALL)) {
      return "\u2014";
    }
    String v;
    if (value == null) {
      v = "\u2014";
    } else if (metric.startsWith("latency")) {
      v = Numbers.millis(value);
    } else if (metric.startsWith("app_error_rate")) {
      v = Numbers.decimal(value, 2) + " /h";
    } else if (metric.contains("rate")) {
      v = Numbers.percent(value);
    } else {
      v = Numbers.decimal(value, 4);
    }
    return esc(v)
        + "<span class=\"counts\">"
        + esc(Numbers.count(events) + " / " + Numbers.count(total))
        + "</span>";
  }

  private static String badge(String verdict) {
    return "<span class=\"badge "
        + verdictClass(verdict)
        + "\">"
        + esc(verdict == null ? "not judged" : verdict)
        + "</span>";
  }

  /** A CSS class from a verdict: only known verdicts get their colour. */
  static String verdictClass(String verdict) {
    if (verdict == null) {
      return "v-none";
    }
    return switch (verdict) {
      case "ok", "warn", "regression", "insufficient_data" -> "v-" + verdict;
      default -> "v-other";
    };
  }

  // ---- push windows

  private void pushWindows() {
    openSection("windows", "Push windows, last " + ReportData.PUSH_WINDOW_DAYS + " days", false);
    b.append(
        "<p class=\"method\">Would a 30-minute push starting at each full hour (UTC) of the last"
            + " "
            + ReportData.PUSH_WINDOW_DAYS
            + " days have been a good idea? The verdicts of <code>balrog-logs deploy-window</code>"
            + " over the same summary tables: no-go if any rule says no-go (stale data, outside"
            + " working hours, an open regression, a 5xx rate far above the usual...), else"
            + " caution if any says caution, else go. A day without data is what the rules say of"
            + " it.</p>\n");
    if (data.pushWindows().isEmpty()) {
      b.append(
          "<p class=\"no-data\">No data: the push windows were not judged for this"
              + " report.</p>\n");
    } else {
      b.append(PushWindowGrid.html(data));
    }
    closeSection();
  }

  // ---- clients by version

  private void clients() {
    openSection("clients", "Clients by version", true);
    b.append(
        "<p class=\"method\">Distinct clients per product version on the main channels"
            + " ("
            + SummaryTables.UPDATE_POPULATION.name()
            + ", all domains; test channels and the GMP and SystemAddons checks"
            + " browsers make for their components left out): the top versions of each channel,"
            + " then every other version, with the small ones folded for privacy, as one grey bar."
            + " A client that updated during the day counts under both versions, so the bars can"
            + " add up to more than the channel total.</p>\n");
    if (noData(
        SummaryTables.UPDATE_POPULATION,
        data.channels().isEmpty(),
        "no update requests on the main channels")) {
      closeSection();
      return;
    }
    b.append("<div class=\"charts-grid\">\n");
    for (ChannelVersions c : data.channels()) {
      List<BarChart.Bar> bars = new ArrayList<>();
      for (VersionClients v : c.top()) {
        String label = v.product() + " " + v.version();
        bars.add(
            new BarChart.Bar(
                label,
                v.clients(),
                Numbers.count(v.clients()),
                label
                    + " on "
                    + c.channel()
                    + ": "
                    + Numbers.count(v.clients())
                    + " clients"
                    + share(v.clients(), c)
                    + ", "
                    + Numbers.count(v.requests())
                    + " requests",
                "b-version"));
      }
      if (c.otherVersions() > 0 || c.otherFolded()) {
        String label = otherLabel(c);
        bars.add(
            new BarChart.Bar(
                label,
                c.otherClients(),
                Numbers.count(c.otherClients()),
                label
                    + " on "
                    + c.channel()
                    + ": "
                    + Numbers.count(c.otherClients())
                    + " clients"
                    + share(c.otherClients(), c)
                    + ", "
                    + Numbers.count(c.otherRequests())
                    + " requests",
                "b-other"));
      }
      String title = "Clients by version on " + c.channel() + ", " + data.date();
      String caption =
          c.channel()
              + " \u2014 "
              + Numbers.count(c.totalClients())
              + " clients, "
              + Numbers.count(c.totalRequests())
              + " requests";
      figure(
          BarChart.svg(
              "chart-clients-" + slug(c.channel()),
              title,
              bars.size()
                  + " bars: distinct clients per version on the "
                  + c.channel()
                  + " channel.",
              "distinct clients (estimated)",
              bars,
              BarChart.Layout.HALF),
          caption);
    }
    b.append("</div>\n");
    closeSection();
  }

  /**
   * "3 other versions", "3 other versions + small" (folded cells too), "small versions (folded)".
   */
  static String otherLabel(ChannelVersions c) {
    if (c.otherVersions() == 0) {
      return "small versions (folded)";
    }
    return c.otherVersions()
        + (c.otherVersions() == 1 ? " other version" : " other versions")
        + (c.otherFolded() ? " + small" : "");
  }

  private static String share(long clients, ChannelVersions c) {
    return c.totalClients() == 0
        ? ""
        : " (" + Numbers.percent((double) clients / c.totalClients()) + " of the channel)";
  }

  // ---- application errors

  private void errors() {
    openSection("errors", "Application errors", true);
    b.append("<h3>Top signatures by events</h3>\n");
    if (!noData(
        SummaryTables.APP_ERRORS, data.topErrors().isEmpty(), "no application errors logged")) {
      List<BarChart.Bar> bars = new ArrayList<>();
      for (ErrorSignature e : data.topErrors()) {
        String label = e.app() + ": " + e.signature();
        bars.add(
            new BarChart.Bar(
                label,
                e.events(),
                Numbers.count(e.events()),
                label + " \u2014 " + Numbers.count(e.events()) + " events",
                "b-error"));
      }
      figure(
          BarChart.svg(
              "chart-top-errors",
              "Top application error signatures by events, " + data.date(),
              bars.size() + " signatures with the most error events over the day.",
              "error events",
              bars,
              BarChart.Layout.FULL),
          "Error events per signature over the day (app: signature)");
      Table t =
          new Table(
              "errors",
              "#",
              "App",
              "Severity",
              "Signature",
              "Events#",
              "Hosts (max/h)#",
              "First seen",
              "Last seen",
              "Sample");
      int i = 1;
      for (ErrorSignature e : data.topErrors()) {
        t.row(
            Cell.num(Integer.toString(i++)),
            Cell.text(e.app()),
            Cell.text(e.severity()),
            Cell.html(
                    esc(e.signature())
                        + (e.exceptionType() == null
                            ? ""
                            : "<span class=\"counts\">" + esc(e.exceptionType()) + "</span>"))
                .withClass("sig"),
            Cell.num(Numbers.count(e.events())),
            Cell.num(Long.toString(e.maxHostsPerHour())),
            Cell.text(e.firstSeen() == null ? "" : Numbers.hhmmss(e.firstSeen())),
            Cell.text(e.lastSeen() == null ? "" : Numbers.hhmmss(e.lastSeen())),
            Cell.html(sample(e.sample())).withClass("sample"));
      }
      b.append(t.html());
    }
    b.append("<h3>New signatures after the day's deploys</h3>\n");
    if (!noData(
        SummaryTables.DEPLOY_IMPACT,
        data.newErrors().isEmpty(),
        "no new error signatures after a deploy")) {
      Table t = new Table("new-errors", "Deploy", "Signature", "Events on the day#", "First seen");
      for (NewSignature n : data.newErrors()) {
        t.row(
            Cell.text(n.deployId()).withClass("id"),
            Cell.text(n.signature()).withClass("sig"),
            Cell.num(Numbers.count(n.events())),
            Cell.text(n.firstSeen() == null ? "" : Numbers.hhmmss(n.firstSeen())));
      }
      b.append(t.html());
    }
    closeSection();
  }

  /** A long sample folds away; the first 80 characters stay visible. */
  private static String sample(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    if (s.length() <= 80 && s.indexOf('\n') < 0) {
      return "<code>" + esc(s) + "</code>";
    }
    String head = s.lines().findFirst().orElse("");
    head = head.length() > 80 ? BarChart.shorten(head, 80) : head;
    return "<details><summary><code>"
        + esc(head)
        + "</code></summary><pre>"
        + esc(s)
        + "</pre></details>";
  }

  // ---- ingest audit

  private void audit() {
    openSection("audit", "Ingest audit", false);
    b.append(
        "<p class=\"method\">What the daily run read for this day, per source. Parsed + rejected ="
            + " lines.</p>\n");
    if (!noData(
        SummaryTables.INGEST_AUDIT,
        data.audit().isEmpty(),
        "no " + SummaryTables.INGEST_AUDIT.name() + " rows")) {
      // usually one run wrote the partition: say which once, and add a column only when there were
      // several
      List<String> runs = data.audit().stream().map(HtmlReport::run).distinct().toList();
      boolean runColumn = runs.size() > 1;
      if (!runColumn) {
        b.append("<p class=\"small\">Run ").append(esc(runs.get(0))).append("</p>\n");
      }
      List<String> headers =
          new ArrayList<>(
              List.of(
                  "Source",
                  "Files#",
                  "Bytes#",
                  "Lines#",
                  "Parsed#",
                  "Rejected#",
                  "Rejected by reason",
                  "Rows#",
                  "Damaged files#"));
      if (runColumn) {
        headers.add("Run");
      }
      Table t = new Table("audit", headers.toArray(String[]::new));
      for (IngestAuditRow a : data.audit()) {
        String reasons =
            a.rejectedByReason().entrySet().stream()
                .map(e -> e.getKey() + ": " + Numbers.count(e.getValue()))
                .collect(Collectors.joining(", "));
        List<Cell> cells =
            new ArrayList<>(
                List.of(
                    Cell.text(a.source()),
                    Cell.num(Numbers.count(a.files())),
                    Cell.num(Numbers.bytes(a.bytes())),
                    Cell.num(Numbers.count(a.lines())),
                    Cell.num(Numbers.count(a.parsed())),
                    Cell.num(rejected(a.rejected(), a.lines())),
                    Cell.text(reasons).withClass("small"),
                    Cell.num(Numbers.count(a.rows())),
                    Cell.num(Numbers.count(a.damagedFiles()))));
        if (runColumn) {
          cells.add(Cell.text(run(a)).withClass("small"));
        }
        t.row(
            a.rejected() > 0 || a.damagedFiles() > 0 ? "attention" : "",
            cells.toArray(Cell[]::new));
      }
      long lines = sum(data.audit(), IngestAuditRow::lines);
      long rejected = sum(data.audit(), IngestAuditRow::rejected);
      List<Cell> total =
          new ArrayList<>(
              List.of(
                  Cell.text("total"),
                  Cell.num(Numbers.count(sum(data.audit(), IngestAuditRow::files))),
                  Cell.num(Numbers.bytes(sum(data.audit(), IngestAuditRow::bytes))),
                  Cell.num(Numbers.count(lines)),
                  Cell.num(Numbers.count(sum(data.audit(), IngestAuditRow::parsed))),
                  Cell.num(rejected(rejected, lines)),
                  Cell.text(""),
                  Cell.num(Numbers.count(sum(data.audit(), IngestAuditRow::rows))),
                  Cell.num(Numbers.count(sum(data.audit(), IngestAuditRow::damagedFiles)))));
      if (runColumn) {
        total.add(Cell.text(""));
      }
      t.row("total", total.toArray(Cell[]::new));
      b.append(t.html());
    }
    closeSection();
  }

  /** "12 (0.002 %)": rejected lines and their share. */
  private static String rejected(long rejected, long lines) {
    return Numbers.count(rejected)
        + (lines == 0
            ? ""
            : " (" + Numbers.percent(IngestAuditRow.rejectRatio(rejected, lines)) + ")");
  }

  /** "RUN_ID, started 2026-11-03 01:00:00 UTC, 90 s, balrog-logs 0.1.0". */
  private static String run(IngestAuditRow a) {
    List<String> parts = new ArrayList<>();
    parts.add(a.runId() == null ? "(no run id)" : a.runId());
    if (a.startedAt() != null) {
      parts.add(
          "started "
              + Numbers.dateTime(a.startedAt())
              + " UTC"
              + (a.finishedAt() == null ? "" : ", " + seconds(a.startedAt(), a.finishedAt())));
    }
    if (a.jobVersion() != null) {
      parts.add("balrog-logs " + a.jobVersion());
    }
    return String.join(", ", parts);
  }

  private static String seconds(Instant from, Instant to) {
    return String.format(Locale.ROOT, "%.0f s", Duration.between(from, to).toMillis() / 1000.0);
  }

  private static long sum(
      List<IngestAuditRow> rows, java.util.function.ToLongFunction<IngestAuditRow> f) {
    return rows.stream().mapToLong(f).sum();
  }

  // ---- page pieces

  private void openSection(String id, String title, boolean charts) {
    b.append("<section id=\"")
        .append(id)
        .append("\" class=\"")
        .append(charts ? "chart-section" : "table-section")
        .append("\">\n<h2>")
        .append(esc(title))
        .append("</h2>\n");
  }

  private void closeSection() {
    b.append("</section>\n");
  }

  private void figure(String svg, String caption) {
    b.append("<figure>\n<figcaption>")
        .append(esc(caption))
        .append("</figcaption>\n")
        .append(svg)
        .append("</figure>\n");
  }

  /**
   * Writes the "no data" note and returns true when the table has no partition for the date or
   * {@code empty} holds.
   */
  private boolean noData(SummaryTable table, boolean empty, String emptyText) {
    if (data.missing(table.name())) {
      b.append("<p class=\"no-data\">No data: the table <code>")
          .append(esc(table.name()))
          .append("</code> has no partition for ")
          .append(esc(data.date().toString()))
          .append(" (the job that writes it did not run for this day).</p>\n");
      return true;
    }
    if (empty) {
      b.append("<p class=\"no-data\">No data: ")
          .append(esc(emptyText))
          .append(" on ")
          .append(esc(data.date().toString()))
          .append(".</p>\n");
      return true;
    }
    return false;
  }

  /** An id fragment from a channel name: lower-case letters, digits and dashes. */
  static String slug(String s) {
    String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return out.isEmpty() ? "x" : out;
  }
}
