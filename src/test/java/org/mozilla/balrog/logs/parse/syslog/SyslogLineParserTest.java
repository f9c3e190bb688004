package org.mozilla.balrog.logs.parse.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mozilla.balrog.logs.model.SyslogLine;
import org.mozilla.balrog.logs.model.SyslogVariant;
import org.mozilla.balrog.logs.parse.Fixtures;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RejectReason;

class SyslogLineParserTest {
  private static final LocalDate MARCH_5_2019 = LocalDate.of(2019, 3, 5);
  private final SyslogLineParser parser = new SyslogLineParser(MARCH_5_2019);

  private SyslogLine ok(SyslogLineParser p, String line) {
    ParseResult<SyslogLine> r = p.parse(line);
    assertThat(r.isOk()).as("%s for %s", r, line).isTrue();
    return r.value();
  }

  private SyslogLine ok(String line) {
    return ok(parser, line);
  }

  @Test
  void rsyslogFileLineFromFormatsMd() {
    SyslogLine l = ok(Fixtures.lines("syslog/rsyslog-file.log").get(1));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC3164_NO_PRI);
    assertThat(l.pri()).isNull();
    assertThat(l.facility()).isNull();
    assertThat(l.severity()).isNull();
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:10:00Z"));
    assertThat(l.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(l.tag()).isEqualTo("docker/4a5b6c7d8e9f");
    assertThat(l.procId()).isEqualTo("1187");
    assertThat(l.msgId()).isNull();
    assertThat(l.structuredData()).isNull();
    assertThat(l.message()).isEqualTo("Traceback (most recent call last):");
  }

  @Test
  void continuationLineKeepsItsLeadingSpaces() {
    SyslogLine l = ok(Fixtures.lines("syslog/rsyslog-file.log").get(3));
    assertThat(l.message()).isEqualTo("    db.upgrade(options.version)");
  }

  @Test
  void rfc3164WithPri() {
    SyslogLine l = ok(Fixtures.lines("syslog/uwsgi-stderr.log").get(4));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC3164);
    assertThat(l.pri()).isEqualTo(27);
    assertThat(l.facility()).isEqualTo(3);
    assertThat(l.severity()).isEqualTo(3);
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T13:59:58Z"));
    assertThat(l.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(l.tag()).isEqualTo("docker/0a1b2c3d4e5f");
    assertThat(l.procId()).isEqualTo("1187");
    assertThat(l.message()).isEqualTo("goodbye to uWSGI.");
  }

  @Test
  void rfc5424ExampleFromTheRfc() {
    SyslogLine l = ok(Fixtures.lines("syslog/variants.log").get(0));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC5424);
    assertThat(l.pri()).isEqualTo(34);
    assertThat(l.facility()).isEqualTo(4);
    assertThat(l.severity()).isEqualTo(2);
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
    assertThat(l.hostname()).isEqualTo("mymachine.example.com");
    assertThat(l.tag()).isEqualTo("su");
    assertThat(l.procId()).isNull();
    assertThat(l.msgId()).isEqualTo("ID47");
    assertThat(l.structuredData()).isNull();
    assertThat(l.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
  }

  @Test
  void rfc5424WithStructuredDataEscapesOffsetAndBom() {
    SyslogLine l = ok(Fixtures.lines("syslog/variants.log").get(5));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC5424);
    assertThat(l.pri()).isEqualTo(165);
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2003-08-24T12:14:15.000003Z"));
    assertThat(l.hostname()).isEqualTo("192.0.2.1");
    assertThat(l.tag()).isEqualTo("myproc");
    assertThat(l.procId()).isEqualTo("8710");
    assertThat(l.msgId()).isNull();
    assertThat(l.structuredData())
        .isEqualTo(
            "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
                + "[x@1 k=\"a \\\"quoted\\] value\"]");
    assertThat(l.message()).isEqualTo("An application event");
  }

  @Test
  void rfc5424DockerLayoutAndEmptyMessage() {
    SyslogLine l =
        ok("<30>1 2019-03-05T14:02:03.123456+01:00 ip-10-0-4-21 9b1c2d3e4f5a 1187 9b1c2d3e4f5a -");
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T13:02:03.123456Z"));
    assertThat(l.tag()).isEqualTo("9b1c2d3e4f5a");
    assertThat(l.msgId()).isEqualTo("9b1c2d3e4f5a");
    assertThat(l.procId()).isEqualTo("1187");
    assertThat(l.message()).isEmpty();
  }

  @Test
  void srslogDefaultFormatterWithSpaceAfterPri() {
    SyslogLine l = ok(Fixtures.lines("syslog/variants.log").get(1));
    assertThat(l.variant()).isEqualTo(SyslogVariant.SRSLOG_DEFAULT);
    assertThat(l.pri()).isEqualTo(30);
    assertThat(l.severity()).isEqualTo(6);
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2016-11-02T09:15:42Z"));
    assertThat(l.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(l.tag()).isEqualTo("docker/9b1c2d3e4f5a");
    assertThat(l.procId()).isEqualTo("1187");
    assertThat(l.message()).isEqualTo("goodbye to uWSGI.");
  }

  @Test
  void srslogUnixFormatterHasNoHostname() {
    SyslogLine l = ok(Fixtures.lines("syslog/variants.log").get(2));
    assertThat(l.variant()).isEqualTo(SyslogVariant.SRSLOG_UNIX);
    assertThat(l.pri()).isEqualTo(27);
    assertThat(l.hostname()).isNull();
    assertThat(l.tag()).isEqualTo("9b1c2d3e4f5a");
    assertThat(l.procId()).isEqualTo("1187");
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03Z"));
    assertThat(l.message()).isEqualTo("Traceback (most recent call last):");
  }

  @Test
  void sameShapeWithHostnameIsRfc3164() {
    SyslogLine l = ok(Fixtures.lines("syslog/variants.log").get(3));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC3164);
    assertThat(l.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(l.tag()).isEqualTo("9b1c2d3e4f5a");
    assertThat(l.message()).isEqualTo("ValueError: bad");
  }

  @Test
  void tagWithoutPidAndNoTagAtAll() {
    SyslogLine a = ok("<30>Mar  5 14:02:03 host balrog: hello: world");
    assertThat(a.tag()).isEqualTo("balrog");
    assertThat(a.procId()).isNull();
    assertThat(a.message()).isEqualTo("hello: world");
    SyslogLine b = ok("Mar  5 14:02:03 host last message repeated 2 times");
    assertThat(b.tag()).isNull();
    assertThat(b.message()).isEqualTo("last message repeated 2 times");
    SyslogLine c = ok("<30>Mar  5 14:02:03 balrog:");
    assertThat(c.variant()).isEqualTo(SyslogVariant.SRSLOG_UNIX);
    assertThat(c.tag()).isEqualTo("balrog");
    assertThat(c.message()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "Mar  5 14:02:03 h t: m, 2019-03-05T14:02:03Z",
    "Mar 05 14:02:03 h t: m, 2019-03-05T14:02:03Z",
    "Mar 5 14:02:03 h t: m, 2019-03-05T14:02:03Z",
    "Mar 15 23:59:59 h t: m, 2019-03-15T23:59:59Z"
  })
  void dayPadding(String line, String expected) {
    assertThat(ok(line).eventTime()).isEqualTo(Instant.parse(expected));
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> rollover() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(LocalDate.of(2020, 1, 1), "Dec 31 23:59:59", "2019-12-31T23:59:59Z"),
        org.junit.jupiter.params.provider.Arguments.of(LocalDate.of(2020, 1, 1), "Jan  1 00:00:01", "2020-01-01T00:00:01Z"),
        org.junit.jupiter.params.provider.Arguments.of(LocalDate.of(2019, 12, 31), "Jan  1 00:00:01", "2020-01-01T00:00:01Z"),
        org.junit.jupiter.params.provider.Arguments.of(LocalDate.of(2019, 12, 31), "Dec 31 12:00:00", "2019-12-31T12:00:00Z"),
        org.junit.jupiter.params.provider.Arguments.of(LocalDate.of(2019, 6, 15), "Dec 31 12:00:00", "2019-12-31T12:00:00Z"),
        org.junit.jupiter.params.provider.Arguments.of(LocalDate.of(2020, 2, 29), "Feb 29 12:00:00", "2020-02-29T12:00:00Z"));
  }

  @ParameterizedTest
  @MethodSource
  void rollover(LocalDate fileDate, String stamp, String expected) {
    SyslogLine l = ok(new SyslogLineParser(fileDate), stamp + " host tag[1]: x");
    assertThat(l.eventTime()).isEqualTo(Instant.parse(expected));
  }

  @Test
  void withoutFileDateTheYearIsTheCurrentUtcYear() {
    SyslogLineParser p = new SyslogLineParser(null);
    int year = Year.now(ZoneOffset.UTC).getValue();
    assertThat(ok(p, "Dec 31 23:59:59 host tag: x").eventTime())
        .isEqualTo(LocalDate.of(year, 12, 31).atTime(23, 59, 59).toInstant(ZoneOffset.UTC));
    assertThat(ok(p, "Jan  1 00:00:00 host tag: x").eventTime())
        .isEqualTo(LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|EMPTY_LINE",
        "' '|EMPTY_LINE",
        "hello world|UNRECOGNIZED_FORMAT",
        "<30>hello|UNRECOGNIZED_FORMAT",
        "<x0>Mar  5 14:02:03 h t: m|UNRECOGNIZED_FORMAT",
        "<30|UNRECOGNIZED_FORMAT",
        "<192>Mar  5 14:02:03 h t: m|BAD_NUMBER",
        "<30>Mar  5 25:02:03 h t: m|BAD_TIMESTAMP",
        "<30>Mar 32 14:02:03 h t: m|BAD_TIMESTAMP",
        "<30>Feb 29 14:02:03 h t: m|BAD_TIMESTAMP",
        "<30>Mar  5 14:02|BAD_TIMESTAMP",
        "<30>Mar  5 14:02:03|TOO_FEW_FIELDS",
        "<30> 2016-13-02T09:15:42Z h t[1]: m|BAD_TIMESTAMP",
        "<30> 2016-11-02T09:15:42 h t[1]: m|BAD_TIMESTAMP",
        "<30> 2016-11-02T09:15:42Z h|TOO_FEW_FIELDS",
        "<30>1 - h a p m - msg|BAD_TIMESTAMP",
        "<30>1 2019-03-05T14:02:03Z h a|TOO_FEW_FIELDS",
        "<30>1 2019-03-05T14:02:03Z h a p m [x k=\"v]|UNTERMINATED_QUOTE",
        "<30>1 2019-03-05T14:02:03Z h a p m x msg|UNRECOGNIZED_FORMAT",
        "<30>|TOO_FEW_FIELDS"
      })
  void rejections(String line, RejectReason reason) {
    assertThat(parser.parse(line).reason()).isEqualTo(reason);
  }

  @Test
  void everyPrefixOfEveryFixtureLineParsesOrRejectsWithoutThrowing() {
    for (String file : SyslogRecordParserTest.ALL_FIXTURES) {
      for (String line : Fixtures.lines("syslog/" + file)) {
        for (String prefix : Fixtures.prefixes(line)) {
          assertThatCode(() -> parser.parse(prefix)).as(prefix).doesNotThrowAnyException();
        }
      }
    }
  }

  @Test
  void tenKilobyteMessage() {
    String msg = "{\"a\": \"" + "x".repeat(10_240) + "\"}";
    assertThat(ok("<30>Mar  5 14:02:03 host docker/abc[1]: " + msg).message()).isEqualTo(msg);
  }
}
