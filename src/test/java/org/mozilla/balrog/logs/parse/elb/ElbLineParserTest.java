package org.mozilla.balrog.logs.parse.elb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mozilla.balrog.logs.model.AlbFields;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RejectReason;

class ElbLineParserTest {
  private final ElbLineParser parser = new ElbLineParser();
  private static final Map<String, String> UGLY = ElbFixtures.named(ElbFixtures.UGLY);

  private ElbEntry ok(String line) {
    ParseResult<ElbEntry> r = parser.parseUnguarded(line);
    assertThat(r.isOk()).as("%s for %s", r, line).isTrue();
    return r.value();
  }

  private RejectReason rejected(String line) {
    ParseResult<ElbEntry> r = parser.parseUnguarded(line);
    assertThat(r.isOk()).as("expected a rejection for %s", line).isFalse();
    return r.reason();
  }

  // ------------------------------------------------------------------
  // docs/formats.md#classic-elb-entries
  // examples

  @Test
  void classicUpdateCheck() {
    ElbEntry e = ok(ElbFixtures.lines(ElbFixtures.CLASSIC).get(0));
    assertThat(e.timestamp()).isEqualTo("2019-03-05T14:02:03.123456Z");
    assertThat(e.requestTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03.123456Z"));
    assertThat(e.elbName()).isEqualTo("aus5-prod");
    assertThat(e.requestIp()).isEqualTo("198.51.100.23");
    assertThat(e.requestPort()).isEqualTo(51234);
    assertThat(e.backendIp()).isEqualTo("10.0.4.21");
    assertThat(e.backendPort()).isEqualTo(8080);
    assertThat(e.requestProcessingTime()).isEqualTo(0.000041);
    assertThat(e.backendProcessingTime()).isEqualTo(0.004512);
    assertThat(e.clientResponseTime()).isEqualTo(0.000027);
    assertThat(e.elbResponseCode()).isEqualTo(200);
    assertThat(e.backendResponseCode()).isEqualTo(200);
    assertThat(e.receivedBytes()).isZero();
    assertThat(e.sentBytes()).isEqualTo(42);
    assertThat(e.requestVerb()).isEqualTo("GET");
    assertThat(e.url())
        .isEqualTo(
            "https://aus5.mozilla.org:443/update/6/Firefox/65.0.2/20190225143245/WINNT_x86_64-msvc-x64/en-US/release/"
                + "Windows_NT%2010.0.0.0.17763.316%20(x64)/ISET:SSE4_2,MEM:8192/default/default/update.xml");
    assertThat(e.protocol()).isEqualTo("HTTP/1.1");
    assertThat(e.userAgent())
        .isEqualTo(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0) Gecko/20100101 Firefox/65.0");
    assertThat(e.sslCipher()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
    assertThat(e.sslProtocol()).isEqualTo("TLSv1.2");
    assertThat(e.alb()).isNull();
    assertThat(e.isLbGenerated()).isFalse();
  }

  @Test
  void classicBackendTimeout504() {
    ElbEntry e = ok(ElbFixtures.lines(ElbFixtures.CLASSIC).get(1));
    assertThat(e.timestamp()).isEqualTo("2019-03-05T14:02:04.000001Z");
    assertThat(e.requestTime()).isEqualTo(Instant.parse("2019-03-05T14:02:04.000001Z"));
    assertThat(e.elbName()).isEqualTo("aus5-prod");
    assertThat(e.requestIp()).isEqualTo("198.51.100.24");
    assertThat(e.requestPort()).isEqualTo(40000);
    assertThat(e.backendIp()).isNull();
    assertThat(e.backendPort()).isNull();
    assertThat(e.requestProcessingTime()).isEqualTo(-1.0);
    assertThat(e.backendProcessingTime()).isEqualTo(-1.0);
    assertThat(e.clientResponseTime()).isEqualTo(-1.0);
    assertThat(e.elbResponseCode()).isEqualTo(504);
    assertThat(e.backendResponseCode()).isNull();
    assertThat(e.receivedBytes()).isZero();
    assertThat(e.sentBytes()).isZero();
    assertThat(e.requestVerb()).isEqualTo("GET");
    assertThat(e.url())
        .startsWith("https://aus5.mozilla.org:443/update/6/Firefox/60.5.1/")
        .endsWith(
            "(GTK%203.22.30%2Clibpulse%2011.1)/ISET:SSE4_2,MEM:15936/default/default/update.xml");
    assertThat(e.protocol()).isEqualTo("HTTP/1.1");
    assertThat(e.userAgent())
        .isEqualTo("Mozilla/5.0 (X11; Linux x86_64; rv:60.0) Gecko/20100101 Firefox/60.0");
    assertThat(e.sslCipher()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
    assertThat(e.sslProtocol()).isEqualTo("TLSv1.2");
    assertThat(e.isLbGenerated()).isTrue();
  }

  @Test
  void classicTcpListener() {
    ElbEntry e = ok(ElbFixtures.lines(ElbFixtures.CLASSIC).get(2));
    assertThat(e.timestamp()).isEqualTo("2019-03-05T14:02:05.123400Z");
    assertThat(e.requestTime()).isEqualTo(Instant.parse("2019-03-05T14:02:05.123400Z"));
    assertThat(e.requestIp()).isEqualTo("198.51.100.25");
    assertThat(e.requestPort()).isEqualTo(2817);
    assertThat(e.backendIp()).isEqualTo("10.0.4.22");
    assertThat(e.backendPort()).isEqualTo(8080);
    assertThat(e.requestProcessingTime()).isEqualTo(0.001069);
    assertThat(e.backendProcessingTime()).isEqualTo(0.000028);
    assertThat(e.clientResponseTime()).isEqualTo(0.000041);
    assertThat(e.elbResponseCode()).isNull();
    assertThat(e.backendResponseCode()).isNull();
    assertThat(e.receivedBytes()).isEqualTo(82);
    assertThat(e.sentBytes()).isEqualTo(305);
    assertThat(e.requestVerb()).isNull();
    assertThat(e.url()).isNull();
    assertThat(e.protocol()).isNull();
    assertThat(e.userAgent()).isNull();
    assertThat(e.sslCipher()).isNull();
    assertThat(e.sslProtocol()).isNull();
    assertThat(e.isLbGenerated()).isFalse();
  }

  // ------------------------------------------------------------------ docs/formats.md#alb-entries
  // example

  @Test
  void albExample() {
    ElbEntry e = ok(ElbFixtures.lines(ElbFixtures.ALB).get(0));
    assertThat(e.timestamp()).isEqualTo("2021-06-01T10:00:00.123456Z");
    // receipt time comes from request_creation_time, not from ALB's response time
    assertThat(e.requestTime()).isEqualTo(Instant.parse("2021-06-01T10:00:00.110Z"));
    assertThat(e.elbName()).isEqualTo("app/aus-api-prod/50dc6c495c0c9188");
    assertThat(e.requestIp()).isEqualTo("198.51.100.7");
    assertThat(e.requestPort()).isEqualTo(50212);
    assertThat(e.backendIp()).isEqualTo("10.1.2.3");
    assertThat(e.backendPort()).isEqualTo(8080);
    assertThat(e.requestProcessingTime()).isEqualTo(0.001);
    assertThat(e.backendProcessingTime()).isEqualTo(0.012);
    assertThat(e.clientResponseTime()).isEqualTo(0.0);
    assertThat(e.elbResponseCode()).isEqualTo(200);
    assertThat(e.backendResponseCode()).isEqualTo(200);
    assertThat(e.receivedBytes()).isEqualTo(312);
    assertThat(e.sentBytes()).isEqualTo(1845);
    assertThat(e.requestVerb()).isEqualTo("GET");
    assertThat(e.url()).isEqualTo("https://aus-api.mozilla.org:443/api/v1/rules/firefox-release");
    assertThat(e.protocol()).isEqualTo("HTTP/1.1");
    assertThat(e.userAgent()).isEqualTo("curl/7.68.0");
    assertThat(e.sslCipher()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
    assertThat(e.sslProtocol()).isEqualTo("TLSv1.2");
    AlbFields a = e.alb();
    assertThat(a).isNotNull();
    assertThat(a.type()).isEqualTo("https");
    assertThat(a.responseTime()).isEqualTo(Instant.parse("2021-06-01T10:00:00.123456Z"));
    assertThat(a.targetGroupArn())
        .isEqualTo(
            "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/balrog-api/73e2d6bc24d8a067");
    assertThat(a.traceId()).isEqualTo("Root=1-60b605c0-0123456789abcdef01234567");
    assertThat(a.domainName()).isEqualTo("aus-api.mozilla.org");
    assertThat(a.chosenCertArn())
        .isEqualTo(
            "arn:aws:acm:us-west-2:123456789012:certificate/12345678-1234-1234-1234-123456789012");
    assertThat(a.matchedRulePriority()).isEqualTo("0");
    assertThat(a.requestCreationTime()).isEqualTo(Instant.parse("2021-06-01T10:00:00.110Z"));
    assertThat(a.actionsExecuted()).isEqualTo("forward");
    assertThat(a.redirectUrl()).isNull();
    assertThat(a.errorReason()).isNull();
    assertThat(a.targetPortList()).isEqualTo("10.1.2.3:8080");
    assertThat(a.targetStatusCodeList()).isEqualTo("200");
    assertThat(a.classification()).isNull();
    assertThat(a.classificationReason()).isNull();
    assertThat(a.connTraceId()).isNull();
  }

  // ------------------------------------------------------------------ ugly lines

  @Test
  void oldClassicFormatEndsAtRequest() {
    ElbEntry e = ok(UGLY.get("old-format-no-ua"));
    assertThat(e.elbName()).isEqualTo("aus4-prod");
    assertThat(e.requestProcessingTime()).isEqualTo(0.00004);
    assertThat(e.url())
        .startsWith("https://aus4.mozilla.org:443/update/3/GMP/33.0/")
        .endsWith("/update.xml");
    assertThat(e.protocol()).isEqualTo("HTTP/1.1");
    assertThat(e.userAgent()).isNull();
    assertThat(e.sslCipher()).isNull();
    assertThat(e.sslProtocol()).isNull();
  }

  @Test
  void userAgentWithoutSslFields() {
    ElbEntry e = ok(UGLY.get("ua-without-ssl"));
    assertThat(e.requestTime()).isEqualTo(Instant.parse("2014-10-21T08:15:31Z"));
    assertThat(e.url()).isEqualTo("/__version__");
    assertThat(e.userAgent()).isEqualTo("curl/7.38.0");
    assertThat(e.sslCipher()).isNull();
    assertThat(e.sslProtocol()).isNull();
  }

  @Test
  void ipv6ClientSplitsOnLastColon() {
    ElbEntry e = ok(UGLY.get("ipv6-client"));
    assertThat(e.requestIp()).isEqualTo("2001:db8:85a3::8a2e:370:7334");
    assertThat(e.requestPort()).isEqualTo(51234);
    assertThat(e.requestTime()).isEqualTo(Instant.parse("2019-03-05T14:02:06.500Z"));
    assertThat(e.userAgent()).isNull();
  }

  @Test
  void bracketedIpv6() {
    ElbEntry e = ok(UGLY.get("ipv6-bracketed"));
    assertThat(e.requestIp()).isEqualTo("2001:db8::1");
    assertThat(e.requestPort()).isEqualTo(443);
    assertThat(e.backendIp()).isEqualTo("fd00::21");
    assertThat(e.backendPort()).isEqualTo(8080);
    assertThat(e.userAgent()).isEqualTo("kube-probe/1.14");
    assertThat(e.sslCipher()).isNull();
  }

  @Test
  void urlWithRawSpacesSurvives() {
    ElbEntry e = ok(UGLY.get("raw-spaces-url"));
    assertThat(e.timestamp()).isEqualTo("2019-03-05T14:02:08.123456789Z");
    assertThat(e.requestTime()).isEqualTo(Instant.parse("2019-03-05T14:02:08.123456789Z"));
    assertThat(e.requestVerb()).isEqualTo("GET");
    assertThat(e.url())
        .isEqualTo(
            "/update/6/Firefox/65.0/20190225143245/WINNT_x86_64-msvc-x64/en-US/release/Windows_NT"
                + " 10.0.0.0.17763.316 (x64)/ISET:SSE4_2,MEM:8192/default/default/update.xml");
    assertThat(e.protocol()).isEqualTo("HTTP/1.1");
    assertThat(e.sslProtocol()).isEqualTo("TLSv1.2");
  }

  @Test
  void strayQuotesInsideUrlDoNotEndTheField() {
    ElbEntry e = ok(UGLY.get("quote-in-url"));
    assertThat(e.url()).isEqualTo("/robots.txt\"or\"1\"=\"1");
    assertThat(e.protocol()).isEqualTo("HTTP/1.1");
    assertThat(e.userAgent()).isEqualTo("sqlmap/1.3");
    assertThat(e.elbResponseCode()).isEqualTo(404);
    assertThat(e.sslProtocol()).isEqualTo("TLSv1.2");
  }

  @Test
  void backslashEscapedQuotesAreKeptAsWritten() {
    ElbEntry e = ok(UGLY.get("escaped-quote-in-url"));
    assertThat(e.requestVerb()).isEqualTo("GET");
    assertThat(e.url()).isEqualTo("/a\\\" b");
    assertThat(e.protocol()).isEqualTo("HTTP/1.1");
    assertThat(e.userAgent()).isEqualTo("say \\\"hi\\\" ");
    assertThat(e.sslCipher()).isNull();
  }

  @Test
  void requestWithoutProtocol() {
    ElbEntry e = ok(UGLY.get("http09-request"));
    assertThat(e.requestVerb()).isEqualTo("GET");
    assertThat(e.url()).isEqualTo("/");
    assertThat(e.protocol()).isNull();
    assertThat(e.elbResponseCode()).isEqualTo(400);
    assertThat(e.isLbGenerated()).isTrue();
  }

  @Test
  void controlCharactersAndReplacementCharactersAreData() {
    ElbEntry e = ok(UGLY.get("crlf-and-control"));
    assertThat(e.userAgent()).isEqualTo("bot\u0001\\ufffd\ufffd");
    assertThat(e.sslProtocol()).isNull(); // "-" followed by the CR, which is trimmed
    assertThat(e.url()).isEqualTo("/update/6/x/update.xml");
  }

  @Test
  void albWithUnknownTrailingFields() {
    ElbEntry e = ok(UGLY.get("alb-extra-trailing"));
    assertThat(e.alb().connTraceId()).isEqualTo("TID_1234abcd5678ef90");
    assertThat(e.alb().classification()).isNull();
    assertThat(e.alb().targetStatusCodeList()).isEqualTo("200");
    assertThat(e.url()).isEqualTo("https://aus-api.mozilla.org:443/api/v1/rules/firefox-release");
  }

  @Test
  void albWithFewerTrailingFields() {
    ElbEntry e = ok(UGLY.get("alb-fewer-fields"));
    AlbFields a = e.alb();
    assertThat(a.type()).isEqualTo("https");
    assertThat(a.targetGroupArn()).endsWith("targetgroup/balrog-api/73e2d6bc24d8a067");
    assertThat(a.traceId()).isEqualTo("Root=1-5a4af5a5-0123456789abcdef01234567");
    assertThat(a.domainName()).isNull();
    assertThat(a.requestCreationTime()).isNull();
    assertThat(a.connTraceId()).isNull();
    // no request_creation_time: fall back to ALB's time
    assertThat(e.requestTime()).isEqualTo(Instant.parse("2018-01-02T03:04:05.678Z"));
    assertThat(a.responseTime()).isEqualTo(e.requestTime());
    assertThat(e.userAgent()).isEqualTo("python-requests/2.18.4");
  }

  @Test
  void alb504WithoutTarget() {
    ElbEntry e = ok(UGLY.get("alb-504-no-target"));
    AlbFields a = e.alb();
    assertThat(a.type()).isEqualTo("h2");
    assertThat(e.backendIp()).isNull();
    assertThat(e.backendPort()).isNull();
    assertThat(e.requestProcessingTime()).isEqualTo(-1.0);
    assertThat(e.elbResponseCode()).isEqualTo(504);
    assertThat(e.backendResponseCode()).isNull();
    assertThat(e.isLbGenerated()).isTrue();
    assertThat(e.protocol()).isEqualTo("HTTP/2.0");
    assertThat(a.targetGroupArn()).isNull();
    assertThat(a.chosenCertArn()).isNull();
    assertThat(a.requestCreationTime()).isNull();
    assertThat(e.requestTime()).isEqualTo(Instant.parse("2021-06-01T10:00:01Z"));
    assertThat(a.targetPortList()).isNull();
    assertThat(a.connTraceId()).isEqualTo("TID_00ff");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "https", "h2", "grpcs", "ws", "wss"})
  void everyAlbTypeIsDetected(String type) {
    String line = ElbFixtures.lines(ElbFixtures.ALB).get(0).replaceFirst("^https", type);
    assertThat(ok(line).alb().type()).isEqualTo(type);
  }

  @Test
  void tenKilobyteFieldsParse() {
    String longUa = "Mozilla/5.0 " + "x".repeat(10_240);
    String longPath = "/update/6/" + "a%20b/".repeat(2_000) + "update.xml";
    String line =
        "2019-03-05T14:02:03Z aus5-prod 198.51.100.23:51234 10.0.4.21:8080 0.1 0.2 0.3 200 200 0 42"
            + " \"GET "
            + longPath
            + " HTTP/1.1\" \""
            + longUa
            + "\" - TLSv1.2";
    assertThat(line.length()).isGreaterThan(20_000);
    ElbEntry e = ok(line);
    assertThat(e.url()).isEqualTo(longPath);
    assertThat(e.userAgent()).isEqualTo(longUa);
    assertThat(e.sslProtocol()).isEqualTo("TLSv1.2");
  }

  // ------------------------------------------------------------------ rejections

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\t \r", "\r\n"})
  void emptyLines(String line) {
    assertThat(rejected(line)).isEqualTo(RejectReason.EMPTY_LINE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - 0 0 \"GET /"
            + " HTTP/1.1|UNTERMINATED_QUOTE",
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - 0 0|TOO_FEW_FIELDS",
        // the request's closing quote is missing: the user agent runs into it
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - 0 0 \"GET /u HTTP/1.1"
            + " \"Mozilla/5.0 (X11) Firefox/65.0\" - -|UNTERMINATED_QUOTE",
        "2019-03-05T14:02:03Z|TOO_FEW_FIELDS",
        "https 2019-03-05T14:02:03Z app/x/y 1.2.3.4:5 - -1 -1 -1 504 - 0 0|TOO_FEW_FIELDS",
        "2019-03-05 14:02:03 aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_TIMESTAMP",
        "2019-03-05T14:02:03+00:00 aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_TIMESTAMP",
        "2019-02-29T14:02:03Z aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_TIMESTAMP",
        "2019-03-05T24:00:00Z aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_TIMESTAMP",
        "2019-03-05T14:02:03.Z aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_TIMESTAMP",
        "2019-03-05T14:02:03.1234567890Z aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_TIMESTAMP",
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4:5 - -1 x -1 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_NUMBER",
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4:5 - -1 -1 1e3 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_NUMBER",
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4:5 - -1 -1 -1 5O4 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_NUMBER",
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - -5 0 \"GET /"
            + " HTTP/1.1\"|BAD_NUMBER",
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4 - -1 -1 -1 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_ADDRESS",
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4:99999 - -1 -1 -1 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_ADDRESS",
        "2019-03-05T14:02:03Z aus5-prod :80 - -1 -1 -1 504 - 0 0 \"GET / HTTP/1.1\"|BAD_ADDRESS",
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4:5 10.0.0.1: -1 -1 -1 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|BAD_ADDRESS",
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - 0 0"
            + " \"GARBAGE\"|BAD_REQUEST_LINE",
        "2019-03-05T14:02:03Z aus5-prod 1.2.3.4:5 - -1 -1 -1 504 - 0 0 GET|BAD_REQUEST_LINE",
        "GET / HTTP/1.1|UNRECOGNIZED_FORMAT",
        "HTTPS 2019-03-05T14:02:03Z app/x/y 1.2.3.4:5 - -1 -1 -1 504 - 0 0 \"GET /"
            + " HTTP/1.1\"|UNRECOGNIZED_FORMAT",
        "\"2019-03-05T14:02:03Z\" aus5-prod|UNRECOGNIZED_FORMAT",
      })
  void rejectsWithTheFirstFailingFieldsReason(String line, RejectReason expected) {
    assertThat(rejected(line)).isEqualTo(expected);
  }

  @Test
  void badRequestCreationTimeIsABadTimestamp() {
    String line =
        ElbFixtures.lines(ElbFixtures.ALB)
            .get(0)
            .replace("2021-06-01T10:00:00.110000Z", "yesterday");
    assertThat(rejected(line)).isEqualTo(RejectReason.BAD_TIMESTAMP);
  }

  @Test
  void publicParseNeverThrowsAndAgreesWithUnguarded() {
    for (String line : ElbFixtures.lines(ElbFixtures.UGLY)) {
      assertThat(parser.parse(line).toString()).isEqualTo(parser.parseUnguarded(line).toString());
    }
  }

  // ------------------------------------------------------------------ truncation at every index

  static List<Arguments> fixtureLines() {
    List<Arguments> out = new java.util.ArrayList<>();
    for (String f : List.of(ElbFixtures.CLASSIC, ElbFixtures.ALB)) {
      for (String l : ElbFixtures.lines(f)) {
        out.add(Arguments.of(l));
      }
    }
    UGLY.values().forEach(l -> out.add(Arguments.of(l)));
    return out;
  }

  /**
   * Cutting a valid line anywhere must never throw. A cut before the request's closing quote must
   * be rejected (too few fields, or the quote left open, or a cut number/timestamp); a cut after it
   * may parse, and then the fields before the request equal the uncut line's.
   */
  @ParameterizedTest
  @MethodSource("fixtureLines")
  void truncatedAtEveryIndex(String line) {
    ElbEntry full = ok(line);
    int requestStart = line.indexOf(" \"") + 2;
    int requestClose = requestStart + line.substring(requestStart).indexOf("\" ") + 1;
    if (requestClose == requestStart) {
      requestClose = line.stripTrailing().length(); // the request is the last field
    }
    for (int cut = 0; cut < line.length(); cut++) {
      String prefix = line.substring(0, cut);
      ParseResult<ElbEntry> r = parser.parseUnguarded(prefix);
      // a cut right after a stray quote inside the request closes it early: a valid shorter line
      boolean strayQuoteCut = prefix.endsWith("\"") && cut > requestStart;
      if (cut < requestClose && !strayQuoteCut) {
        assertThat(r.isOk()).as("cut at %d: %s", cut, prefix).isFalse();
        assertThat(r.reason())
            .isIn(
                RejectReason.EMPTY_LINE,
                RejectReason.TOO_FEW_FIELDS,
                RejectReason.UNTERMINATED_QUOTE,
                RejectReason.BAD_TIMESTAMP,
                RejectReason.BAD_ADDRESS,
                RejectReason.BAD_NUMBER,
                RejectReason.BAD_REQUEST_LINE,
                RejectReason.UNRECOGNIZED_FORMAT);
      } else if (r.isOk()) {
        ElbEntry e = r.value();
        assertThat(e.timestamp()).isEqualTo(full.timestamp());
        assertThat(e.elbName()).isEqualTo(full.elbName());
        assertThat(e.requestIp()).isEqualTo(full.requestIp());
        assertThat(e.backendPort()).isEqualTo(full.backendPort());
        assertThat(e.elbResponseCode()).isEqualTo(full.elbResponseCode());
        assertThat(e.sentBytes()).isEqualTo(full.sentBytes());
        if (!strayQuoteCut) {
          assertThat(e.url()).isEqualTo(full.url());
        }
      } else {
        // only a cut inside a later quoted field or a later ALB timestamp can fail
        assertThat(r.reason()).isIn(RejectReason.UNTERMINATED_QUOTE, RejectReason.BAD_TIMESTAMP);
      }
    }
  }
}
