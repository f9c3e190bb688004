package org.mozilla.balrog.logs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.report.ReportSamples.at;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.report.ReportData.ErrorSignature;
import org.mozilla.balrog.logs.report.ReportData.NewSignature;
import org.mozilla.balrog.logs.sink.DeployRow;
import org.mozilla.balrog.logs.sink.IngestAuditRow;
import org.xml.sax.InputSource;

/**
 * The HTML renderer without Spark: structure, escaping, embedded data, chart geometry, empty
 * sections.
 */
class HtmlReportTest {
  private static final Pattern IPV4 =
      Pattern.compile("(?<![\\w.])\\d{1,3}(\\.\\d{1,3}){3}(?![\\w.]\\d)");

  static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\"");
    assertThat(start).as("section %s", id).isGreaterThanOrEqualTo(0);
    return html.substring(start, html.indexOf("</section>", start));
  }

  static List<String> svgs(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL).matcher(html);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** The text of the embedded JSON element. */
  static String embeddedJson(String html) {
    String open = "<script type=\"application/json\" id=\"report-data\">";
    int start = html.indexOf(open);
    assertThat(start).isGreaterThanOrEqualTo(0);
    return html.substring(start + open.length(), html.indexOf("</script>", start));
  }

  @Test
  void isAWholePageWithEverySection() {
    String html = HtmlReport.render(ReportSamples.full());
    assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">").endsWith("</html>\n");
    assertThat(html)
        .contains("<title>Balrog logs report 2026-11-02</title>", "<meta charset=\"utf-8\">");
    for (String id : List.of("updates", "deploys", "windows", "clients", "errors", "audit")) {
      assertThat(section(html, id)).contains("<h2>");
    }
    assertThat(html).doesNotContain("class=\"no-data\"");
  }

  @Test
  void loadsNothingFromTheNetwork() {
    String html = HtmlReport.render(ReportSamples.full());
    assertThat(html)
        .doesNotContain("http://", "https://", "//cdn", "url(", "@import", " src=", "xlink:href");
    // the only links are anchors within the page
    Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
    while (hrefs.find()) {
      assertThat(hrefs.group(1)).startsWith("#");
    }
    assertThat(html)
        .contains(
            "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"");
  }

  @Test
  void urlsInTheDataStayText() {
    ReportData d = ReportSamples.full();
    ErrorSignature withUrl =
        new ErrorSignature(
            "web",
            "sig",
            "ERROR",
            null,
            5,
            1,
            at("01:00"),
            at("02:00"),
            "GET https://aus5.mozilla.org/update/6/Firefox/x.xml \"><img src=x onerror=alert(1)>");
    String html = HtmlReport.render(withTopErrors(d, List.of(withUrl)));
    assertThat(html)
        .doesNotContain("<img")
        .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    assertThat(html).doesNotContainPattern("<[a-z]+ [^>]*src=");
  }

  @Test
  void escapesEveryStringInHtmlSvgAndJson() throws Exception {
    String html = HtmlReport.render(ReportSamples.full());
    // one script element only: the data; no hostile text opened another or closed it early
    assertThat(count(html, "<script")).isEqualTo(1);
    assertThat(count(html, "</script>")).isEqualTo(1);
    assertThat(html).doesNotContain("<script>alert", "<!-- ]]>");
    assertThat(html)
        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
    String json = embeddedJson(html);
    assertThat(json).doesNotContain("<", ">", "&").contains("\\u003Cscript\\u003E", "\\u2028");
    // every chart is well-formed XML: nothing in the data broke an element or attribute
    for (String svg : svgs(html)) {
      DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new InputSource(new StringReader(svg)));
    }
  }

  @Test
  void embeddedJsonParsesAndEqualsTheData() throws Exception {
    ReportData d = ReportSamples.full();
    String json = embeddedJson(HtmlReport.render(d));
    assertThat(ReportJson.read(json)).isEqualTo(d);
    JsonNode tree = new ObjectMapper().readTree(json);
    assertThat(tree.get("date").asText()).isEqualTo("2026-11-02");
    assertThat(tree.get("update_buckets")).hasSize(282);
    JsonNode first = tree.get("update_buckets").get(0);
    assertThat(first.get("start").asText()).isEqualTo("2026-11-02T00:00:00Z");
    assertThat(first.get("requests").asLong()).isEqualTo(1000);
    assertThat(first.get("status5xx").asLong()).isEqualTo(2);
    assertThat(tree.get("update_buckets").get(281).get("latency_p95_ms").isNull()).isTrue();
    assertThat(tree.get("deploys").get(1).get("deploy_id").asText()).isEqualTo("v3.122");
    assertThat(tree.get("channels").get(0).get("top").get(0).get("clients").asLong())
        .isEqualTo(15000);
    assertThat(tree.get("audit").get(0).get("rejected_by_reason").get("bad_status").asLong())
        .isEqualTo(7);
    assertThat(tree.get("verdicts").get(4).get("p_value").asDouble()).isEqualTo(1e-12);
  }

  @Test
  void jsonRoundTripsEmptyAndNullValues() {
    for (ReportData d : List.of(ReportSamples.allMissing(), ReportSamples.allEmpty())) {
      assertThat(ReportJson.read(embeddedJson(HtmlReport.render(d)))).isEqualTo(d);
    }
  }

  @Test
  void chartSectionsHaveTheirCharts() {
    ReportData d = ReportSamples.full();
    String html = HtmlReport.render(d);
    assertThat(svgs(section(html, "updates"))).hasSize(2);
    assertThat(svgs(section(html, "clients"))).hasSize(d.channels().size());
    assertThat(svgs(section(html, "errors"))).hasSize(1);
    assertThat(svgs(section(html, "deploys"))).isEmpty();
    assertThat(svgs(section(html, "audit"))).isEmpty();
    for (String svg : svgs(html)) {
      // accessible: a title and description the svg is labelled by
      Matcher id = Pattern.compile("<svg class=\"chart [a-z-]+\" id=\"([^\"]+)\"").matcher(svg);
      assertThat(id.find()).as(svg.substring(0, 80)).isTrue();
      assertThat(svg)
          .contains(
              "role=\"img\"",
              "aria-labelledby=\"" + id.group(1) + "-title " + id.group(1) + "-desc\"",
              "<title id=\"" + id.group(1) + "-title\">",
              "<desc id=\"" + id.group(1) + "-desc\">");
    }
    String updates = section(html, "updates");
    assertThat(updates)
        .contains(
            "5xx responses (% of requests)",
            "p95 latency (ms)",
            "Time of day (UTC)",
            "class=\"legend\"",
            "all 5xx",
            "5xx generated by the load balancer",
            "p95 latency (max over domains)");
    assertThat(section(html, "clients"))
        .contains(
            "Firefox 133.0",
            "5 other versions + small",
            "distinct clients (estimated)",
            "release \u2014 20,400 clients, 61,800 requests");
    assertThat(section(html, "errors"))
        .contains("error events", "web: KeyError @ auslib/blobs/apprelease.py");
  }

  @Test
  void valueAxesCoverTheDataWithUnits() {
    String rate = svgs(section(HtmlReport.render(ReportSamples.full()), "updates")).get(0);
    // 30 of 1000 = 3 %: the axis goes to 3 % in steps of 1 %
    assertThat(rate)
        .contains(">0 %</text>", ">1 %</text>", ">3 %</text>")
        .doesNotContain(">4 %</text>");
    String latency = svgs(section(HtmlReport.render(ReportSamples.full()), "updates")).get(1);
    assertThat(latency).contains(">0 ms</text>", ">250 ms</text>");
  }

  @Test
  void deployMarkersSitAtTheirTimes() {
    String html = HtmlReport.render(ReportSamples.full());
    for (String chart : svgs(section(html, "updates"))) {
      double x06 = tickX(chart, "06:00");
      double x09 = tickX(chart, "09:00");
      double x12 = tickX(chart, "12:00");
      assertThat(markerX(chart, "2026-11-02T12:00:00Z")).isEqualTo(x12);
      assertThat(markerX(chart, "2026-11-02T06:30:00Z"))
          .isCloseTo(x06 + (x09 - x06) / 6, within(0.1));
      assertThat(markerX(chart, "2026-11-02T12:05:00Z"))
          .isCloseTo(x12 + (x12 - x09) / 36, within(0.1));
      assertThat(tickX(chart, "24:00") - tickX(chart, "00:00"))
          .isEqualTo(LineChart.PLOT_W, within(0.1));
    }
    String rate = svgs(section(html, "updates")).get(0);
    // coloured by the overall verdict, labelled with the deploy id, rollout shaded, tooltip with
    // the details
    assertThat(marker(rate, "2026-11-02T12:00:00Z"))
        .contains(
            "class=\"marker deploy v-regression\"",
            ">v3.122</text>",
            "<rect class=\"band\"",
            "Deploy v3.122 (web): started 12:00:00 UTC, rollout finished 12:10:00, 12/12 hosts,"
                + " verdict regression");
    assertThat(marker(rate, "2026-11-02T06:30:00Z")).contains("v-ok", "schema migration");
    // no rollout end seen, no verdict: a line without a band
    assertThat(marker(rate, "2026-11-02T12:05:00Z"))
        .contains("v-none", "verdict not judged")
        .doesNotContain("<rect");
  }

  @Test
  void closeDeployLabelsGoOnSeparateRows() {
    String rate = svgs(section(HtmlReport.render(ReportSamples.full()), "updates")).get(0);
    double y1 = labelY(marker(rate, "2026-11-02T12:00:00Z"));
    double y2 = labelY(marker(rate, "2026-11-02T12:05:00Z"));
    assertThat(y1).isNotEqualTo(y2);
  }

  @Test
  void gapsInTheDataBreakTheLine() {
    String rate = svgs(section(HtmlReport.render(ReportSamples.full()), "updates")).get(0);
    Matcher path =
        Pattern.compile("data-series=\"all 5xx\"><title>all 5xx</title><path d=\"([^\"]+)\"")
            .matcher(rate);
    assertThat(path.find()).isTrue();
    // buckets 03:00-03:25 are missing: two runs
    assertThat(path.group(1).split("M", -1)).hasSize(3);
    double x0255 =
        Double.parseDouble(path.group(1).split(" M")[0].replaceAll(".* L([0-9.]+),.*", "$1"));
    assertThat(x0255).isCloseTo(tickX(rate, "03:00") - LineChart.PLOT_W / 288.0, within(0.1));
  }

  @Test
  void lonePointsAreDots() {
    LineChart c =
        new LineChart(
            "c",
            "t",
            "y",
            " %",
            ReportSamples.START,
            ReportSamples.START.plusSeconds(86400),
            java.time.Duration.ofMinutes(5),
            1);
    String svg =
        c.svg(
            List.of(
                new LineChart.Series(
                    "s",
                    "s-5xx",
                    List.of(
                        new LineChart.Point(at("01:00"), 1),
                        new LineChart.Point(at("01:05"), 2),
                        new LineChart.Point(at("02:00"), 1)))),
            List.of(),
            "d");
    assertThat(svg)
        .contains("<path d=\"M")
        .contains("<circle cx=\"" + LineChart.f(c.x(at("02:00"))) + "\"");
    assertThat(count(svg, "<circle")).isEqualTo(1);
  }

  @Test
  void missingTablesSayNoData() {
    String html = HtmlReport.render(ReportSamples.allMissing());
    assertThat(svgs(html)).isEmpty();
    assertThat(section(html, "updates"))
        .contains(
            "No data: the table <code>request_rates</code> has no partition for" + " 2026-11-02");
    assertThat(section(html, "deploys"))
        .contains("<code>deploys</code> has no partition", "<code>deploy_impact</code>");
    assertThat(section(html, "clients"))
        .contains("<code>update_population</code> has no partition");
    assertThat(section(html, "errors"))
        .contains(
            "<code>app_errors</code> has no partition",
            "<code>deploy_impact</code> has no partition");
    assertThat(section(html, "audit")).contains("No data: no ingest_audit rows on 2026-11-02");
  }

  @Test
  void emptyTablesSayNoData() {
    String html = HtmlReport.render(ReportSamples.allEmpty());
    assertThat(svgs(html)).isEmpty();
    assertThat(section(html, "updates"))
        .contains("No data: no update requests in request_rates on 2026-11-02.");
    assertThat(section(html, "deploys"))
        .contains("No data: no deploy started on this day", "No data: no deploy verdicts");
    assertThat(section(html, "clients"))
        .contains("No data: no update requests on the main channels");
    assertThat(section(html, "errors"))
        .contains("No data: no application errors logged", "No data: no new error signatures");
    assertThat(html).contains("<div class=\"value\">\u2014</div>");
  }

  @Test
  void noIpAddressReachesThePage() {
    String ip4 = "203.0.113.77";
    String ip6 = "2001:db8::7";
    ReportData d = ReportSamples.full();
    ReportData withIps =
        new ReportData(
            d.date(),
            d.toolVersion(),
            d.missingTables(),
            d.updateBuckets(),
            List.of(
                new DeployRow(
                    "v1", "web", at("01:00"), null, 1, 2, false, "detected", "restart on " + ip4)),
            List.of(
                ReportSamples.verdict(
                    "v1",
                    "web",
                    at("01:00"),
                    "overall",
                    null,
                    null,
                    0,
                    0,
                    0,
                    0,
                    null,
                    null,
                    null,
                    null,
                    "warn",
                    "client " + ip6 + " hammered")),
            d.channels(),
            List.of(
                new ErrorSignature(
                    "web",
                    "boom from " + ip4,
                    "ERROR",
                    null,
                    1,
                    1,
                    at("01:00"),
                    at("01:00"),
                    "client: " + ip4 + ", upstream: [" + ip6 + "]:443")),
            List.of(new NewSignature("v1", "timeout talking to " + ip4, 1, at("01:00"))),
            d.audit(),
            d.pushWindows());
    String html = HtmlReport.render(withIps);
    assertThat(html).doesNotContain(ip4, ip6, "203.0.113");
    assertThat(IPV4.matcher(html).find()).as("an IPv4 address in the page").isFalse();
    assertThat(html).contains("client: &lt;ip&gt;, upstream: [&lt;ip&gt;]:443");
    assertThat(IPV4.matcher(HtmlReport.render(ReportSamples.full())).find()).isFalse();
  }

  @Test
  void sameDataSamePage() {
    assertThat(HtmlReport.render(ReportSamples.full()))
        .isEqualTo(HtmlReport.render(ReportSamples.full()));
  }

  @Test
  void tablesShowTheFigures() {
    String html = HtmlReport.render(ReportSamples.full());
    String deploys = section(html, "deploys");
    assertThat(deploys)
        .contains(
            "<span class=\"badge v-regression\">regression</span>",
            "15\u00d7",
            "10.2\u00d7 \u2013 21.9\u00d7",
            "&lt;0.0001",
            "3.00 %",
            "0.200 %",
            "360 / 12,000",
            "240 ms",
            "not seen");
    assertThat(deploys).containsPattern("<tr class=\"overall\"><td class=\"id\">v3.122</td>");
    String audit = section(html, "audit");
    assertThat(audit)
        .contains(
            "bad_status: 7, truncated: 3",
            "117.7 MiB",
            "500,000",
            "10 (0.002 %)",
            "<tr class=\"total\">",
            "580,000");
    String errors = section(html, "errors");
    assertThat(errors).contains("<details><summary>", "KeyError: &#39;partials&#39;", ">420<");
  }

  @Test
  void theAuditNamesItsRunOnceOrPerRowWhenThereAreSeveral() {
    ReportData d = ReportSamples.full();
    String one = section(HtmlReport.render(d), "audit");
    assertThat(one)
        .contains(
            "<p class=\"small\">Run daily-2026-11-02-abc, started 2026-11-02 01:00:00 UTC, 120 s,"
                + " balrog-logs 0.1.0</p>")
        .doesNotContain("<th>Run</th>");
    List<IngestAuditRow> rows = new ArrayList<>(d.audit());
    IngestAuditRow a = rows.get(1);
    rows.set(
        1,
        new IngestAuditRow(
            a.source(),
            "rerun-2",
            a.files(),
            a.bytes(),
            a.lines(),
            a.parsed(),
            a.rejected(),
            a.rejectedByReason(),
            a.rows(),
            a.damagedFiles(),
            null,
            null,
            null));
    String two =
        section(
            HtmlReport.render(
                new ReportData(
                    d.date(),
                    d.toolVersion(),
                    d.missingTables(),
                    d.updateBuckets(),
                    d.deploys(),
                    d.verdicts(),
                    d.channels(),
                    d.topErrors(),
                    d.newErrors(),
                    rows,
                    d.pushWindows())),
            "audit");
    assertThat(two)
        .contains(
            "<th>Run</th>",
            "<td class=\"small\">rerun-2</td>",
            "<td class=\"small\">daily-2026-11-02-abc,")
        .doesNotContain("<p class=\"small\">Run");
  }

  @Test
  void pushWindowsAreADayPerRowAndAnHourPerCell() {
    String section = section(HtmlReport.render(ReportSamples.full()), "windows");
    assertThat(section).contains("<h2>Push windows, last 7 days</h2>");
    List<String> rows = matches(section, "<tr class=\"push-row\">.*?</tr>");
    assertThat(rows).hasSize(7);
    assertThat(rows.get(0))
        .startsWith("<tr class=\"push-row\"><th scope=\"row\">Tue 2026-10-27</th>");
    assertThat(rows.get(6)).contains("<th scope=\"row\">Mon 2026-11-02</th>");
    for (String row : rows) {
      assertThat(count(row, "<td class=\"push ")).isEqualTo(24);
    }
    // hour columns 00..23
    assertThat(matches(section, "<th scope=\"col\">\\d\\d</th>")).hasSize(24);
    // each cell carries its verdict as a class, a symbol and a text, and names the rules not go
    assertThat(rows.get(6))
        .contains(
            "<td class=\"push p-go\" title=\"Mon 2026-11-02 11:00 UTC: go\"><span"
                + " aria-hidden=\"true\">\u2713</span><span class=\"sr-only\">go</span></td>",
            "<td class=\"push p-caution\" title=\"Mon 2026-11-02 12:00 UTC: caution (not go:"
                + " health.5xx, &lt;script&gt;alert(&quot;x&quot;)",
            "<td class=\"push p-no-go\" title=\"Mon 2026-11-02 16:00 UTC: no-go (not go:"
                + " calendar)\"><span aria-hidden=\"true\">\u2715</span>");
    assertThat(rows.get(4)).doesNotContain("p-go", "p-caution"); // Saturday
    // the legend names the three verdicts with their symbols
    assertThat(section)
        .contains(
            "<p class=\"legend\"><span class=\"push p-go\" aria-hidden=\"true\">\u2713</span> go"
                + " <span class=\"push p-caution\" aria-hidden=\"true\">!</span> caution <span"
                + " class=\"push p-no-go\" aria-hidden=\"true\">\u2715</span> no-go");
    // the counts line counts the cells, and they add up to 7 x 24
    Matcher counts =
        Pattern.compile("(\\d+) pushes: (\\d+) go, (\\d+) caution, (\\d+) no-go\\.")
            .matcher(section);
    assertThat(counts.find()).isTrue();
    int go = Integer.parseInt(counts.group(2));
    int caution = Integer.parseInt(counts.group(3));
    int noGo = Integer.parseInt(counts.group(4));
    assertThat(go).isEqualTo(count(section, "<td class=\"push p-go\"")).isEqualTo(38);
    assertThat(caution).isEqualTo(count(section, "<td class=\"push p-caution\"")).isEqualTo(2);
    assertThat(noGo).isEqualTo(count(section, "<td class=\"push p-no-go\"")).isEqualTo(128);
    assertThat(go + caution + noGo).isEqualTo(Integer.parseInt(counts.group(1))).isEqualTo(168);
  }

  @Test
  void pushWindowsNotJudgedSaySo() {
    ReportData full = ReportSamples.full();
    String partial =
        section(
            HtmlReport.render(full.withPushWindows(full.pushWindows().subList(0, 24))), "windows");
    assertThat(count(partial, "<td class=\"push p-none\" title=\"")).isEqualTo(6 * 24);
    assertThat(partial)
        .contains("title=\"Mon 2026-11-02 23:00 UTC: not judged\">\u00b7</td>")
        .contains("24 pushes: 8 go, 0 caution, 16 no-go; 144 not judged.");
    assertThat(section(HtmlReport.render(ReportSamples.allEmpty()), "windows"))
        .contains("No data: the push windows were not judged")
        .doesNotContain("<table");
  }

  @Test
  void cardsAndSummaryLine() {
    ReportData d = ReportSamples.full();
    String html = HtmlReport.render(d);
    // 282 buckets * 1000 requests; 138 before noon with 2 5xx, 144 after with 30: 4596 5xx
    assertThat(html).contains(">282,000<", ">1.63 %<", ">4,596 responses<", ">240 ms<");
    assertThat(d.summaryLine())
        .isEqualTo(
            "2026-11-02: 282,000 update requests, 1.63 % 5xx; 3 deploys (1 regression); 2 new error"
                + " signatures; 10 of 580,000 lines rejected");
  }

  private static ReportData withTopErrors(ReportData d, List<ErrorSignature> errors) {
    return new ReportData(
        d.date(),
        d.toolVersion(),
        d.missingTables(),
        d.updateBuckets(),
        d.deploys(),
        d.verdicts(),
        d.channels(),
        errors,
        d.newErrors(),
        d.audit(),
        d.pushWindows());
  }

  private static List<String> matches(String text, String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static double tickX(String svg, String label) {
    Matcher m =
        Pattern.compile("<text class=\"tick\" x=\"([0-9.]+)\"[^>]*>" + label + "</text>")
            .matcher(svg);
    assertThat(m.find()).as("tick %s", label).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static String marker(String svg, String time) {
    int start = svg.indexOf("data-time=\"" + time + "\"");
    assertThat(start).as("marker at %s", time).isGreaterThanOrEqualTo(0);
    return svg.substring(svg.lastIndexOf("<g", start), svg.indexOf("</g>", start));
  }

  private static double markerX(String svg, String time) {
    Matcher m =
        Pattern.compile("<line class=\"marker-line\" x1=\"([0-9.]+)\"").matcher(marker(svg, time));
    assertThat(m.find()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static double labelY(String marker) {
    Matcher m =
        Pattern.compile("<text class=\"marker-label\" x=\"[0-9.]+\" y=\"([0-9.]+)\"")
            .matcher(marker);
    assertThat(m.find()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
