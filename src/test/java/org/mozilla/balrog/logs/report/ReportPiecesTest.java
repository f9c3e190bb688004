package org.mozilla.balrog.logs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mozilla.balrog.logs.report.ReportSamples.at;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.report.ReportData.ErrorSignature;
import org.mozilla.balrog.logs.sink.DeployRow;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.IngestAuditRow;
import org.xml.sax.InputSource;

/**
 * The renderer's building blocks: escaping, number formats, axis scales, bar labels, the data
 * records.
 */
class ReportPiecesTest {
  @Test
  void escapesMarkupQuotesAndControlCharacters() {
    assertThat(Html.esc("<a href=\"x\">O'Brien & co</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;");
    assertThat(Html.esc("tab\there\nline\r\u0000\u001b\u007f"))
        .isEqualTo("tab\there\nline\r\ufffd\ufffd\ufffd");
    assertThat(Html.esc(null)).isEmpty();
    assertThat(Html.esc("Müller \u2014 \ud83d\ude80")).isEqualTo("Müller \u2014 \ud83d\ude80");
  }

  @Property(tries = 500)
  void escapedTextIsWellFormedXmlWithTheSameText(@ForAll @StringLength(max = 60) String text)
      throws Exception {
    String escaped = Html.esc(text);
    assertThat(escaped).doesNotContain("<", ">", "\"", "'");
    String xml = "<t a=\"" + escaped + "\">" + escaped + "</t>";
    org.w3c.dom.Element e =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(xml)))
            .getDocumentElement();
    String expected =
        Html.esc(text)
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    // XML normalises CR and CR LF to LF in content; everything else comes back unchanged
    assertThat(e.getTextContent()).isEqualTo(expected.replace("\r\n", "\n").replace('\r', '\n'));
  }

  @Test
  void numbersUseOneLocaleAndUnits() {
    assertThat(Numbers.count(1234567)).isEqualTo("1,234,567");
    assertThat(Numbers.percent(0)).isEqualTo("0 %");
    assertThat(Numbers.percent(0.00123)).isEqualTo("0.123 %");
    assertThat(Numbers.percent(0.0456)).isEqualTo("4.56 %");
    assertThat(Numbers.percent(0.5)).isEqualTo("50.0 %");
    assertThat(Numbers.percent(0.000001)).isEqualTo("<0.001 %");
    assertThat(Numbers.millis(1234.4)).isEqualTo("1,234 ms");
    assertThat(Numbers.millis(4.56)).isEqualTo("4.6 ms");
    assertThat(Numbers.decimal(2.50, 3)).isEqualTo("2.5");
    assertThat(Numbers.decimal(-0.0, 3)).isEqualTo("0");
    assertThat(Numbers.ratio(1.234)).isEqualTo("1.23\u00d7");
    assertThat(Numbers.ratio(150)).isEqualTo("150\u00d7");
    assertThat(Numbers.pValue(0.04321)).isEqualTo("0.0432");
    assertThat(Numbers.pValue(1e-9)).isEqualTo("<0.0001");
    assertThat(Numbers.bytes(1023)).isEqualTo("1023 B");
    assertThat(Numbers.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(Numbers.bytes(5L << 40)).isEqualTo("5.0 TiB");
    assertThat(Numbers.hhmmss(at("07:05"))).isEqualTo("07:05:00");
    assertThat(Numbers.dateTime(at("07:05"))).isEqualTo("2026-11-02 07:05:00");
  }

  @Test
  void scalesAreRoundNumbers() {
    assertThat(Scale.covering(3.0, 0.1)).isEqualTo(new Scale(3.0, 1.0));
    assertThat(Scale.covering(240, 10)).isEqualTo(new Scale(250, 50));
    assertThat(Scale.covering(0, 0.1)).isEqualTo(new Scale(0.1, 0.02));
    assertThat(Scale.covering(0.37, 0.1).ticks()).containsExactly(0.0, 0.1, 0.2, 0.3, 0.4);
    assertThat(Scale.covering(0.37, 0.1).decimals()).isEqualTo(1);
    assertThat(Scale.covering(12, 1).ticks()).containsExactly(0.0, 2.5, 5.0, 7.5, 10.0, 12.5);
    assertThat(Scale.covering(12, 1).decimals()).isEqualTo(1);
    assertThat(Scale.covering(Double.NaN, 1)).isEqualTo(new Scale(1, 0.2));
    assertThatThrownBy(() -> new Scale(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 1000)
  void scaleCoversTheMaximumWithAFewTicks(
      @ForAll @DoubleRange(min = 1, max = 10) double mantissa,
      @ForAll @IntRange(min = -6, max = 12) int exponent) {
    double max = mantissa * Math.pow(10, exponent);
    Scale s = Scale.covering(max, 1e-9);
    assertThat(s.max()).isGreaterThanOrEqualTo(max * (1 - 1e-9));
    assertThat(s.max()).isLessThan(max * 2.6);
    assertThat(s.ticks()).hasSizeBetween(3, 12);
    assertThat(s.ticks().get(0)).isZero();
    assertThat(s.fraction(max)).isBetween(0.0, 1.0);
    for (double t : s.ticks()) {
      // labels need no more decimals than the scale says
      assertThat(Double.parseDouble(Numbers.decimal(t, s.decimals())))
          .isCloseTo(t, org.assertj.core.data.Offset.offset(s.step() * 1e-6));
    }
  }

  @Test
  void longBarLabelsAreShortened() {
    assertThat(BarChart.shorten("abc", 5)).isEqualTo("abc");
    assertThat(BarChart.shorten("abcdefgh", 5)).isEqualTo("abcd\u2026");
    // never half a surrogate pair
    assertThat(BarChart.shorten("abc\ud83d\ude80defg", 5)).isEqualTo("abc\u2026");
    assertThat(BarChart.tickText(0, new Scale(20_000, 5_000))).isEqualTo("0");
    assertThat(BarChart.tickText(15_000, new Scale(20_000, 5_000))).isEqualTo("15k");
    assertThat(BarChart.tickText(2_500_000, new Scale(3_000_000, 500_000))).isEqualTo("2.5M");
    assertThat(BarChart.tickText(2.5, new Scale(10, 2.5))).isEqualTo("2.5");
  }

  @Test
  void theRestOfAChannelSaysWhatItHolds() {
    ReportData.ChannelVersions named =
        new ReportData.ChannelVersions("beta", List.of(), 3, false, 1, 1, 1, 1);
    ReportData.ChannelVersions both =
        new ReportData.ChannelVersions("beta", List.of(), 1, true, 1, 1, 1, 1);
    ReportData.ChannelVersions folded =
        new ReportData.ChannelVersions("beta", List.of(), 0, true, 1, 1, 1, 1);
    assertThat(HtmlReport.otherLabel(named)).isEqualTo("3 other versions");
    assertThat(HtmlReport.otherLabel(both)).isEqualTo("1 other version + small");
    assertThat(HtmlReport.otherLabel(folded)).isEqualTo("small versions (folded)");
  }

  @Test
  void verdictClassesAreOnlyKnownNames() {
    assertThat(HtmlReport.verdictClass("regression")).isEqualTo("v-regression");
    assertThat(HtmlReport.verdictClass(null)).isEqualTo("v-none");
    assertThat(HtmlReport.verdictClass("x\" onmouseover=\"y")).isEqualTo("v-other");
    assertThat(HtmlReport.slug("Release CCK!")).isEqualTo("release-cck-");
  }

  @Test
  void recordsRedactTheirFreeTextAndCopyTheirCollections() {
    ErrorSignature e =
        new ErrorSignature(
            "web",
            "timeout from 10.1.2.3",
            "ERROR",
            null,
            1,
            1,
            null,
            null,
            "peer [2001:db8::1]:80");
    assertThat(e.signature()).isEqualTo("timeout from <ip>");
    assertThat(e.sample()).isEqualTo("peer [<ip>]:80");
    DeployRow d =
        new DeployRow(
            "v1", "web", at("01:00"), null, 1, 1, false, "detected", "restart at 192.168.0.1");
    ImpactRow v =
        new ImpactRow(
            "v1",
            "web",
            at("01:00"),
            null,
            "overall",
            null,
            null,
            null,
            null,
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
            "ok",
            "quiet, 10.0.0.1 too",
            List.of("timeout from 10.9.9.9"));
    java.util.Map<String, Long> reasons = new java.util.HashMap<>(Map.of("z", 1L, "a", 2L));
    IngestAuditRow a =
        new IngestAuditRow("aus5", "r", 0, 0, 0, 0, 0, reasons, 0, 0, null, null, "v");
    reasons.put("b", 3L);
    assertThat(a.rejectedByReason()).containsExactly(Map.entry("a", 2L), Map.entry("z", 1L));
    assertThat(a.rejectRatio()).isZero();
    List<DeployRow> deploys = new java.util.ArrayList<>(List.of(d));
    ReportData r =
        new ReportData(
            ReportSamples.DAY,
            "v",
            List.of(),
            List.of(),
            deploys,
            List.of(v),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    deploys.clear();
    assertThat(r.deploys()).extracting(DeployRow::evidence).containsExactly("restart at <ip>");
    assertThat(r.verdicts().get(0).reason()).isEqualTo("quiet, <ip> too");
    assertThat(r.verdicts().get(0).newSignatures()).containsExactly("timeout from <ip>");
    assertThat(r.overallVerdict("v1")).isEqualTo("ok");
    assertThat(r.overallVerdict("v2")).isNull();
    assertThat(r.summaryLine())
        .isEqualTo(
            "2026-11-02: 0 update requests, no 5xx; 1 deploy (0 regressions); 0 new error"
                + " signatures; 0 of 0 lines rejected");
  }

  @Test
  void jsonIsScriptSafeAndReadsBack() {
    ReportData d = ReportSamples.full();
    String json = ReportJson.write(d);
    assertThat(json).doesNotContain("</", "<!--", "\u2028").contains("\"update_buckets\" : [");
    assertThat(ReportJson.read(json)).isEqualTo(d);
    assertThat(ReportJson.write(ReportJson.read(json))).isEqualTo(json);
    assertThatThrownBy(() -> ReportJson.read("{\"bogus\": 1, " + json.substring(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bogus");
  }
}
