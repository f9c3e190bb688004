package org.mozilla.balrog.logs.parse.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mozilla.balrog.logs.model.NginxErrorEntry;
import org.mozilla.balrog.logs.parse.Fixtures;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RejectReason;

class NginxErrorParserTest {
  private static final List<String> LINES = Fixtures.lines("nginx/admin-error.log");
  private final NginxErrorParser parser = new NginxErrorParser();

  private NginxErrorEntry ok(String line) {
    ParseResult<NginxErrorEntry> r = parser.parse(line);
    assertThat(r.isOk()).as("%s for %s", r, line).isTrue();
    return r.value();
  }

  @Test
  void exampleFromFormatsMd() {
    NginxErrorEntry e = ok(LINES.get(0));
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03Z"));
    assertThat(e.level()).isEqualTo("error");
    assertThat(e.pid()).isEqualTo(7);
    assertThat(e.tid()).isEqualTo(7);
    assertThat(e.connection()).isEqualTo(1523L);
    assertThat(e.message())
        .isEqualTo("connect() failed (111: Connection refused) while connecting to upstream");
    assertThat(e.client()).isEqualTo("10.0.1.12");
    assertThat(e.server()).isEmpty();
    assertThat(e.request()).isEqualTo("GET /api/rules HTTP/1.1");
    assertThat(e.subrequest()).isNull();
    assertThat(e.upstream()).isEqualTo("http://172.18.0.3:7070/rules");
    assertThat(e.host()).isEqualTo("aus4-admin.mozilla.org");
    assertThat(e.referrer()).isNull();
  }

  @Test
  void noConnectionNoContext() {
    NginxErrorEntry e = ok(LINES.get(1));
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:04Z"));
    assertThat(e.level()).isEqualTo("notice");
    assertThat(e.pid()).isEqualTo(1);
    assertThat(e.tid()).isEqualTo(1);
    assertThat(e.connection()).isNull();
    assertThat(e.message()).isEqualTo("signal process started");
    assertThat(e.client()).isNull();
    assertThat(e.server()).isNull();
    assertThat(e.request()).isNull();
    assertThat(e.upstream()).isNull();
    assertThat(e.host()).isNull();
  }

  @Test
  void allContextKeysIncludingReferrer() {
    NginxErrorEntry e = ok(LINES.get(2));
    assertThat(e.level()).isEqualTo("warn");
    assertThat(e.connection()).isEqualTo(1601L);
    assertThat(e.message())
        .isEqualTo(
            "an upstream response is buffered to a temporary file "
                + "/var/cache/nginx/proxy_temp/1/00/0000000001 while reading upstream");
    assertThat(e.client()).isEqualTo("10.0.1.12");
    assertThat(e.server()).isEqualTo("aus4-admin.mozilla.org");
    assertThat(e.request()).isEqualTo("GET /api/releases HTTP/1.1");
    assertThat(e.upstream()).isEqualTo("http://172.18.0.3:7070/releases");
    assertThat(e.host()).isEqualTo("aus4-admin.mozilla.org");
    assertThat(e.referrer()).isEqualTo("https://aus4-admin.mozilla.org/rules");
  }

  @Test
  void clientAndServerOnly() {
    NginxErrorEntry e = ok(LINES.get(3));
    assertThat(e.level()).isEqualTo("info");
    assertThat(e.message()).isEqualTo("client closed connection while waiting for request");
    assertThat(e.client()).isEqualTo("10.0.1.16");
    assertThat(e.server()).isEqualTo("0.0.0.0:443");
  }

  @Test
  void subrequestAndCommaInMessage() {
    NginxErrorEntry e =
        ok(
            "2019/03/05 14:02:03 [crit] 7#9: *5 open() \"/x\" failed, really, client: 1.2.3.4,"
                + " server: s, request: \"GET /a, b HTTP/1.1\", subrequest: \"/auth\", host:"
                + " \"h\"");
    assertThat(e.tid()).isEqualTo(9);
    assertThat(e.message()).isEqualTo("open() \"/x\" failed, really");
    assertThat(e.request()).isEqualTo("GET /a, b HTTP/1.1");
    assertThat(e.subrequest()).isEqualTo("/auth");
    assertThat(e.server()).isEqualTo("s");
    assertThat(e.host()).isEqualTo("h");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|EMPTY_LINE",
        "hello world, this is not nginx at all|UNRECOGNIZED_FORMAT",
        "2019/13/05 14:02:03 [error] 7#7: x|BAD_TIMESTAMP",
        "2019/02/30 14:02:03 [error] 7#7: x|BAD_TIMESTAMP",
        "2019/0a/05 14:02:03 [error] 7#7: x|BAD_TIMESTAMP",
        "2019/03/05 14:02:03 [oops] 7#7: x|UNRECOGNIZED_FORMAT",
        "2019/03/05 14:02:03 [error] x#7: x|BAD_NUMBER",
        "2019/03/05 14:02:03 [error] 7#7: *x1 x|BAD_NUMBER",
        "2019/03/05 14:02:03 [error] 7|TOO_FEW_FIELDS",
        "2019/03/05 14:02:03|TOO_FEW_FIELDS",
        "2019/03/05 14:02:03 [warn] 23#23: *1 body buffered, client: 10.0.1.20, server: a, request:"
            + " \"PU|UNTERMINATED_QUOTE"
      })
  void rejections(String line, RejectReason reason) {
    assertThat(parser.parse(line).reason()).isEqualTo(reason);
  }

  @Test
  void everyPrefixParsesOrRejectsWithoutThrowing() {
    for (String line : LINES) {
      for (String prefix : Fixtures.prefixes(line)) {
        assertThatCode(() -> parser.parse(prefix)).as(prefix).doesNotThrowAnyException();
      }
    }
  }

  @Test
  void tenKilobyteMessage() {
    String msg = "m".repeat(10_240);
    NginxErrorEntry e = ok("2019/03/05 14:02:03 [error] 7#7: " + msg + ", client: 1.2.3.4");
    assertThat(e.message()).isEqualTo(msg);
    assertThat(e.client()).isEqualTo("1.2.3.4");
  }
}
