package org.mozilla.balrog.logs.parse.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mozilla.balrog.logs.model.NginxAccessEntry;
import org.mozilla.balrog.logs.parse.Fixtures;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RejectReason;

class NginxAccessParserTest {
  private static final List<String> LINES = Fixtures.lines("nginx/admin-access.log");
  private final NginxAccessParser parser = new NginxAccessParser();

  private NginxAccessEntry ok(String line) {
    ParseResult<NginxAccessEntry> r = parser.parse(line);
    assertThat(r.isOk()).as("%s for %s", r, line).isTrue();
    return r.value();
  }

  @Test
  void adminExampleFromFormatsMd() {
    NginxAccessEntry e = ok(LINES.get(0));
    assertThat(e.server()).isEqualTo("admin");
    assertThat(e.msec()).isEqualTo("1551794523.456");
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03.456Z"));
    assertThat(e.remoteAddr()).isEqualTo("10.0.1.12");
    assertThat(e.request()).isEqualTo("GET /api/rules?product=Firefox HTTP/1.1");
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.uri()).isEqualTo("/api/rules?product=Firefox");
    assertThat(e.protocol()).isEqualTo("HTTP/1.1");
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.requestLength()).isEqualTo(512);
    assertThat(e.bodyBytesSent()).isEqualTo(20480);
    assertThat(e.remoteUser()).isNull();
    assertThat(e.requestTime()).isEqualTo(0.087);
    assertThat(e.upstreamResponseTime()).isEqualTo("0.085");
    assertThat(e.upstreamResponseTimeTotal()).isEqualTo(0.085);
    assertThat(e.userAgent())
        .isEqualTo("Mozilla/5.0 (X11; Linux x86_64; rv:65.0) Gecko/20100101 Firefox/65.0");
    assertThat(e.gzipRatio()).isNull();
  }

  @Test
  void agentExampleFromFormatsMd() {
    NginxAccessEntry e = ok(LINES.get(1));
    assertThat(e.server()).isEqualTo("agent");
    assertThat(e.msec()).isEqualTo("1551794530.002");
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:10.002Z"));
    assertThat(e.remoteAddr()).isEqualTo("127.0.0.1");
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.uri()).isEqualTo("/api/scheduled_changes/rules");
    assertThat(e.protocol()).isEqualTo("HTTP/1.1");
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.requestLength()).isEqualTo(301);
    assertThat(e.bodyBytesSent()).isEqualTo(2);
    assertThat(e.remoteUser()).isNull();
    assertThat(e.requestTime()).isEqualTo(0.015);
    assertThat(e.upstreamResponseTime()).isEqualTo("0.015");
    assertThat(e.upstreamResponseTimeTotal()).isEqualTo(0.015);
    assertThat(e.userAgent()).isEqualTo("Python/3.7 aiohttp/3.5.4");
    assertThat(e.gzipRatio()).isNull();
  }

  @Test
  void upstreamListWithCommasAndBasicAuthUser() {
    NginxAccessEntry e = ok(LINES.get(2));
    assertThat(e.method()).isEqualTo("PUT");
    assertThat(e.uri()).isEqualTo("/api/rules/42");
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.remoteUser()).isEqualTo("ldapuser");
    assertThat(e.requestTime()).isEqualTo(1.504);
    assertThat(e.upstreamResponseTime()).isEqualTo("0.012, 0.034");
    assertThat(e.upstreamResponseTimeTotal())
        .isCloseTo(0.046, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.userAgent()).isEqualTo("python-requests/2.21.0");
  }

  @Test
  void upstreamListWithColonAndGzipRatio() {
    NginxAccessEntry e = ok(LINES.get(3));
    assertThat(e.upstreamResponseTime()).isEqualTo("0.012 : 0.030");
    assertThat(e.upstreamResponseTimeTotal())
        .isCloseTo(0.042, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.gzipRatio()).isEqualTo("4.21");
    assertThat(e.bodyBytesSent()).isEqualTo(98765);
  }

  @Test
  void noUpstreamIsNull() {
    NginxAccessEntry e = ok(LINES.get(4));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.requestTime()).isEqualTo(0.0);
    assertThat(e.upstreamResponseTime()).isNull();
    assertThat(e.upstreamResponseTimeTotal()).isNull();
    assertThat(e.userAgent()).isEqualTo("curl/7.58.0");
  }

  @Test
  void scannerGarbageIsParsedWithNullRequestParts() {
    NginxAccessEntry e = ok(LINES.get(5));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.request()).startsWith("\u0016\u0003\u0001\u0000").contains("\uFFFD");
    assertThat(e.method()).isNull();
    assertThat(e.uri()).isNull();
    assertThat(e.protocol()).isNull();
    assertThat(e.userAgent()).isNull();
  }

  @Test
  void hexEscapesAreUtf8AndBackslashEscapesHonoured() {
    NginxAccessEntry e = ok(LINES.get(6));
    assertThat(e.request()).isEqualTo("GET /café?q=\"x\" HTTP/1.1");
    assertThat(e.uri()).isEqualTo("/café?q=\"x\"");
    assertThat(e.userAgent()).isEqualTo("Mozilla/5.0 \"quoted\" \\o/");
  }

  @Test
  void escapedQuoteDoesNotCloseTheField() {
    NginxAccessEntry e =
        ok(
            "admin 1551794523.456 \"10.0.1.12\" \"GET /a\\\"b HTTP/1.1\" 200 1 2 - 0.001 - \"ua"
                + " \\\" x\" \"-\"");
    assertThat(e.uri()).isEqualTo("/a\"b");
    assertThat(e.userAgent()).isEqualTo("ua \" x");
  }

  @Test
  void unescapeKeepsUnknownEscapesAndDecodesInvalidUtf8AsReplacement() {
    assertThat(Text.unescape("a\\nb", 0, 4)).isEqualTo("a\\nb");
    assertThat(Text.unescape("\\xff\\x41", 0, 8)).isEqualTo("\uFFFDA");
    assertThat(Text.unescape("\\xE2\\x82\\xAC!", 0, 13)).isEqualTo("€!");
    assertThat(Text.unescape("\\x4", 0, 3)).isEqualTo("\\x4");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0.012, 0.034|2|0.046",
        "0.012 : 0.030|2|0.042",
        "0.012, - : 0.030|2|0.042",
        "-|0|0",
        "- , -|0|0",
        "1.5|1|1.5"
      })
  void upstreamSums(String value, int count, double sum) {
    double[] total = new double[1];
    assertThat(NginxAccessParser.sumUpstreamTimes(value, total)).isEqualTo(count);
    assertThat(total[0]).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void upstreamWithThreeEntriesInALine() {
    NginxAccessEntry e =
        ok("admin 1.5 \"a\" \"GET / HTTP/1.0\" 504 1 2 - 60.001 30.000, 30.001 : - \"x\" \"-\"");
    assertThat(e.upstreamResponseTime()).isEqualTo("30.000, 30.001 : -");
    assertThat(e.upstreamResponseTimeTotal())
        .isCloseTo(60.001, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.eventTime()).isEqualTo(Instant.ofEpochSecond(1, 500_000_000));
    assertThat(e.protocol()).isEqualTo("HTTP/1.0");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|EMPTY_LINE",
        "'   '|EMPTY_LINE",
        "public 1551794523.456 \"a\" \"GET / HTTP/1.1\" 200 1 2 - 0.1 0.1 \"u\""
            + " \"-\"|UNRECOGNIZED_FORMAT",
        "admin 15517945x3.456 \"a\" \"GET / HTTP/1.1\" 200 1 2 - 0.1 0.1 \"u\" \"-\"|BAD_TIMESTAMP",
        "admin 1551794523.456 \"a\" \"GET / HTTP/1.1\" 2x0 1 2 - 0.1 0.1 \"u\" \"-\"|BAD_NUMBER",
        "admin 1551794523.456 \"a\" \"GET / HTTP/1.1\" 200 1 -5 - 0.1 0.1 \"u\" \"-\"|BAD_NUMBER",
        "admin 1551794523.456 \"a\" \"GET / HTTP/1.1\" 200 1 2 - 0.1.2 0.1 \"u\" \"-\"|BAD_NUMBER",
        "admin 1551794523.456 \"a\" \"GET / HTTP/1.1\" 200 1 2 - 0.1 0.1, abc \"u\""
            + " \"-\"|BAD_NUMBER",
        "admin 1551794523.456 \"a\" \"GET / HTTP/1.1\" 200 1 2 - 0.1 0.1 \"u\""
            + " \"-|UNTERMINATED_QUOTE",
        "admin 1551794523.456 \"a\" \"GET / HTTP/1.1\" 200 1 2|TOO_FEW_FIELDS",
        "admin 1551794523.456 \"a\" \"GET / HTTP/1.1\" 200 1 2 - 0.1 0.1|TOO_FEW_FIELDS",
        "admin 1551794523.456 a \"GET / HTTP/1.1\" 200 1 2 - 0.1 0.1 \"u\""
            + " \"-\"|UNRECOGNIZED_FORMAT",
        "admin|TOO_FEW_FIELDS"
      })
  void rejections(String line, RejectReason reason) {
    assertThat(parser.parse(line).reason()).isEqualTo(reason);
  }

  @Test
  void crlfAndExtraTrailingFieldsAreTolerated() {
    assertThat(ok(LINES.get(0) + "\r").gzipRatio()).isNull();
    assertThat(ok(LINES.get(0) + " \"extra\"").userAgent()).contains("Firefox/65.0");
  }

  @Test
  void tenKilobyteUserAgent() {
    String ua = "x".repeat(10_240);
    NginxAccessEntry e =
        ok(
            "admin 1551794523.456 \"a\" \"GET /"
                + "p".repeat(10_000)
                + " HTTP/1.1\" 200 1 2 - 0.1 - \""
                + ua
                + "\" \"-\"");
    assertThat(e.userAgent()).hasSize(10_240);
    assertThat(e.uri()).hasSize(10_001);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void everyPrefixOfEveryFixtureLineParsesOrRejectsWithoutThrowing(int index) {
    String line = LINES.get(index);
    for (String prefix : Fixtures.prefixes(line)) {
      assertThatCode(() -> parser.parse(prefix)).as(prefix).doesNotThrowAnyException();
      ParseResult<NginxAccessEntry> r = parser.parse(prefix);
      assertThat(r.isOk() || r.reason() != null).isTrue();
    }
    // cutting anywhere before the final quote leaves an incomplete line, which must be rejected
    assertThat(parser.parse(line.substring(0, line.length() - 1)).isOk()).isFalse();
  }

  // ---- standard layouts that start like nginx `combined` (fixtures/nginx/combined-access.log)

  private static final List<String> COMBINED = Fixtures.lines("nginx/combined-access.log");

  /**
   * Asserts the fields only the Balrog layout has are null, as for every line of the standard
   * layouts.
   */
  private static NginxAccessEntry standard(NginxAccessEntry e) {
    assertThat(e.server()).isNull();
    assertThat(e.msec()).isNull();
    assertThat(e.gzipRatio()).isNull();
    return e;
  }

  @Test
  void combinedFromTheNginxLogModule() {
    NginxAccessEntry e = standard(ok(COMBINED.get(0)));
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03Z"));
    assertThat(e.remoteAddr()).isEqualTo("203.0.113.9");
    assertThat(e.remoteUser()).isNull();
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.uri())
        .startsWith("/update/6/Firefox/65.0/")
        .endsWith("/default/default/update.xml");
    assertThat(e.protocol()).isEqualTo("HTTP/1.1");
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.bodyBytesSent()).isEqualTo(512);
    assertThat(e.userAgent())
        .isEqualTo(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0) Gecko/20100101 Firefox/65.0");
    assertThat(e.requestLength()).isNull();
    assertThat(e.requestTime()).isNull();
    assertThat(e.upstreamResponseTime()).isNull();
    assertThat(e.upstreamResponseTimeTotal()).isNull();
  }

  @Test
  void combinedWithUserOffsetIpv6AndReferer() {
    NginxAccessEntry e = standard(ok(COMBINED.get(1)));
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03Z")); // +0100
    assertThat(e.remoteAddr()).isEqualTo("2001:db8::1");
    assertThat(e.remoteUser()).isEqualTo("alice");
    assertThat(e.request()).isEqualTo("POST /api/rules HTTP/2.0");
    assertThat(e.status()).isEqualTo(201);
    assertThat(e.bodyBytesSent()).isEqualTo(20);
    assertThat(e.userAgent()).isEqualTo("python-requests/2.21.0"); // the referer has no column
  }

  @Test
  void combinedWithATlsHandshakeAsRequest() {
    NginxAccessEntry e = standard(ok(COMBINED.get(2)));
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2019-03-05T19:02:04Z")); // -0500
    assertThat(e.request()).isEqualTo("\u0016\u0003\u0001\u0000\uFFFD");
    assertThat(e.method()).isNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.userAgent()).isNull();
  }

  @Test
  void mainWithForwardedForAfterTheUserAgent() {
    NginxAccessEntry e = standard(ok(COMBINED.get(3)));
    assertThat(e.remoteAddr()).isEqualTo("10.0.1.12");
    assertThat(e.userAgent()).isEqualTo("curl/7.58.0 \"quoted\"");
    assertThat(e.requestTime()).isNull();
    assertThat(e.upstreamResponseTime()).isNull();
  }

  @Test
  void mainExtWithHostAndKeyValueTimes() {
    NginxAccessEntry e = standard(ok(COMBINED.get(4)));
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:05Z"));
    assertThat(e.uri()).isEqualTo("/api/rules");
    assertThat(e.bodyBytesSent()).isEqualTo(98765);
    assertThat(e.requestTime()).isEqualTo(0.050);
    assertThat(e.upstreamResponseTime()).isEqualTo("0.048");
    assertThat(e.upstreamResponseTimeTotal()).isEqualTo(0.048);
    assertThat(e.requestLength()).isNull();
  }

  @Test
  void upstreamTimeLayoutWithAList() {
    NginxAccessEntry e = standard(ok(COMBINED.get(5)));
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.requestTime()).isEqualTo(1.504);
    assertThat(e.upstreamResponseTime()).isEqualTo("0.012, 0.034");
    assertThat(e.upstreamResponseTimeTotal())
        .isCloseTo(0.046, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void positionalTimesUpstreamAddrAndHost() {
    // timed_combined: $request_time $upstream_response_time $pipe
    NginxAccessEntry timed = standard(ok(COMBINED.get(6)));
    assertThat(timed.requestTime()).isEqualTo(0.003);
    assertThat(timed.upstreamResponseTime()).isEqualTo("0.002");
    NginxAccessEntry redirected = standard(ok(COMBINED.get(7)));
    assertThat(redirected.requestTime()).isEqualTo(0.050);
    assertThat(redirected.upstreamResponseTime()).isEqualTo("0.012 : 0.030");
    assertThat(redirected.upstreamResponseTimeTotal())
        .isCloseTo(0.042, org.assertj.core.data.Offset.offset(1e-9));
    NginxAccessEntry noUpstream = standard(ok(COMBINED.get(8)));
    assertThat(noUpstream.status()).isEqualTo(401);
    assertThat(noUpstream.requestTime()).isEqualTo(0.0);
    assertThat(noUpstream.upstreamResponseTime()).isNull();
    assertThat(noUpstream.upstreamResponseTimeTotal()).isNull();
  }

  @Test
  void ingressNginxUpstreaminfo() {
    NginxAccessEntry e = standard(ok(COMBINED.get(9)));
    assertThat(e.remoteAddr()).isEqualTo("192.168.64.1");
    assertThat(e.bodyBytesSent()).isEqualTo(59);
    assertThat(e.requestLength()).isEqualTo(91);
    assertThat(e.requestTime()).isEqualTo(0.001);
    assertThat(e.upstreamResponseTime()).isEqualTo("0.100, 0.004");
    assertThat(e.upstreamResponseTimeTotal())
        .isCloseTo(0.104, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void forwardedForListsAndHostBeforeTheAddress() {
    NginxAccessEntry list = standard(ok(COMBINED.get(10)));
    // in the $remote_addr slot: kept as written
    assertThat(list.remoteAddr()).isEqualTo("10.0.0.2, 10.0.0.1, 85.181.35.98");
    assertThat(list.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:10Z"));
    NginxAccessEntry quoted = standard(ok(COMBINED.get(11)));
    assertThat(quoted.remoteAddr())
        .isEqualTo("10.2.1.185"); // the list before $remote_addr has no column
    assertThat(quoted.userAgent()).isEqualTo("Amazon CloudFront");
    NginxAccessEntry host = standard(ok(COMBINED.get(12)));
    assertThat(host.remoteAddr()).isEqualTo("192.168.1.1");
    assertThat(host.status()).isEqualTo(404);
    assertThat(host.userAgent()).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "203.0.113.9 - - [05/Mar/2019:14:02:03 +0000] \"GET / HTTP/1.1\" 200|TOO_FEW_FIELDS",
        "203.0.113.9 - - [05/Mar/2019:14:02:03 +0000] \"GET / HTTP/1.1\" 200 1"
            + " \"-\"|TOO_FEW_FIELDS",
        "203.0.113.9 - - [05/Mar/2019:14:02:03] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"|BAD_TIMESTAMP",
        "203.0.113.9 - - [32/Mar/2019:14:02:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\""
            + " \"-\"|BAD_TIMESTAMP",
        "203.0.113.9 - - [05/Mar/2019:14:02:03 +0000 \"GET / HTTP/1.1\" 200 1 \"-\""
            + " \"-\"|BAD_TIMESTAMP",
        "203.0.113.9 - - [05/Mar/2019:14:02:03 +0000] \"GET / HTTP/1.1|UNTERMINATED_QUOTE",
        "203.0.113.9 - - [05/Mar/2019:14:02:03 +0000] \"GET / HTTP/1.1\" 2x0 1 \"-\""
            + " \"-\"|BAD_NUMBER",
        "203.0.113.9 - - [05/Mar/2019:14:02:03 +0000] \"GET / HTTP/1.1\" 200 1 2 3 4 \"-\""
            + " \"-\"|UNRECOGNIZED_FORMAT",
        "203.0.113.9 - [05/Mar/2019:14:02:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\""
            + " \"-\"|TOO_FEW_FIELDS",
        "a b c d e [05/Mar/2019:14:02:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\""
            + " \"-\"|UNRECOGNIZED_FORMAT",
        "Dec 28 16:49:07 host nginx: 127.0.0.1 - - [28/Dec/2019:16:49:07 +0000] \"GET / HTTP/1.1\""
            + " 304 0 \"-\" \"x\"|UNRECOGNIZED_FORMAT",
        "[05/Mar/2019:14:02:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"|UNRECOGNIZED_FORMAT",
        "hello world|TOO_FEW_FIELDS"
      })
  void combinedRejections(String line, RejectReason reason) {
    assertThat(parser.parse(line).reason()).as(line).isEqualTo(reason);
  }

  @Test
  void everyPrefixOfTheCombinedFixturesParsesOrRejects() {
    for (String line : COMBINED) {
      for (String prefix : Fixtures.prefixes(line)) {
        ParseResult<NginxAccessEntry> r = parser.parse(prefix);
        assertThat(r.isOk() ^ r.reason() != null).as(prefix).isTrue();
      }
    }
  }

  @Test
  void requestLineSplitting() {
    assertThat(RequestLine.split("GET / HTTP/1.1"))
        .isEqualTo(new RequestLine("GET", "/", "HTTP/1.1"));
    assertThat(RequestLine.split("GET /a b HTTP/1.1"))
        .isEqualTo(new RequestLine("GET", "/a b", "HTTP/1.1"));
    assertThat(RequestLine.split("GET /")).isEqualTo(new RequestLine("GET", "/", null));
    assertThat(RequestLine.split("get / HTTP/1.1")).isNull();
    assertThat(RequestLine.split("GET / FOO/1.1")).isNull();
    assertThat(RequestLine.split("-")).isNull();
    assertThat(RequestLine.split("")).isNull();
    assertThat(RequestLine.split("GET  HTTP/1.1")).isNull();
  }
}
