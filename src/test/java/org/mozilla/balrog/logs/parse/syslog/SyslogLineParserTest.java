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
        org.junit.jupiter.params.provider.Arguments.of(
            LocalDate.of(2020, 1, 1), "Dec 31 23:59:59", "2019-12-31T23:59:59Z"),
        org.junit.jupiter.params.provider.Arguments.of(
            LocalDate.of(2020, 1, 1), "Jan  1 00:00:01", "2020-01-01T00:00:01Z"),
        org.junit.jupiter.params.provider.Arguments.of(
            LocalDate.of(2019, 12, 31), "Jan  1 00:00:01", "2020-01-01T00:00:01Z"),
        org.junit.jupiter.params.provider.Arguments.of(
            LocalDate.of(2019, 12, 31), "Dec 31 12:00:00", "2019-12-31T12:00:00Z"),
        org.junit.jupiter.params.provider.Arguments.of(
            LocalDate.of(2019, 6, 15), "Dec 31 12:00:00", "2019-12-31T12:00:00Z"),
        org.junit.jupiter.params.provider.Arguments.of(
            LocalDate.of(2020, 2, 29), "Feb 29 12:00:00", "2020-02-29T12:00:00Z"));
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

  // ---- RFC 3164 headers in the wild: rsyslog templates, fractional seconds, Docker
  // (fixtures/syslog/rfc3164-shapes.log)

  private static final List<String> SHAPES_3164 = Fixtures.lines("syslog/rfc3164-shapes.log");
  private static final List<String> SHAPES_5424 = Fixtures.lines("syslog/rfc5424-shapes.log");

  @Test
  void rsyslogFileFormatHasAnRfc3339TimeAndNoPri() {
    SyslogLine l = ok(SHAPES_3164.get(0));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC3164_NO_PRI);
    assertThat(l.pri()).isNull();
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T13:02:03.123456Z"));
    assertThat(l.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(l.tag()).isEqualTo("docker/9b1c2d3e4f5a");
    assertThat(l.procId()).isEqualTo("1187");
    assertThat(l.msgId()).isNull();
    assertThat(l.structuredData()).isNull();
    assertThat(l.message()).isEqualTo("rsyslog RSYSLOG_FileFormat");
  }

  @Test
  void rsyslogForwardFormatHasPriAndAnRfc3339Time() {
    SyslogLine l = ok(SHAPES_3164.get(1));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC3164);
    assertThat(l.pri()).isEqualTo(27);
    assertThat(l.severity()).isEqualTo(3);
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03.500Z"));
    assertThat(l.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(l.tag()).isEqualTo("docker/9b1c2d3e4f5a");
    assertThat(l.procId()).isEqualTo("1187");
    assertThat(l.message()).isEqualTo("rsyslog RSYSLOG_ForwardFormat");
  }

  @Test
  void rsyslogTraditionalForwardFormatWithATagWithoutPid() {
    SyslogLine l = ok(SHAPES_3164.get(2));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC3164);
    assertThat(l.pri()).isEqualTo(30);
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03Z"));
    assertThat(l.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(l.tag()).isEqualTo("balrog-agent");
    assertThat(l.procId()).isNull();
    assertThat(l.message()).isEqualTo("rsyslog RSYSLOG_TraditionalForwardFormat");
  }

  @Test
  void fractionalSecondsInBsdTimestamps() {
    SyslogLine a = ok(SHAPES_3164.get(3));
    assertThat(a.variant()).isEqualTo(SyslogVariant.RFC3164_NO_PRI);
    assertThat(a.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03.250Z"));
    assertThat(a.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(a.tag()).isEqualTo("cron");
    assertThat(a.procId()).isEqualTo("42");
    assertThat(a.message()).isEqualTo("fractional seconds in a BSD timestamp");
    SyslogLine b = ok(SHAPES_3164.get(4));
    assertThat(b.variant()).isEqualTo(SyslogVariant.RFC3164);
    assertThat(b.eventTime()).isEqualTo(Instant.parse("2019-03-15T14:02:03.000123Z"));
    assertThat(b.message()).isEqualTo("microseconds after the PRI");
  }

  @Test
  void dockerWithASpaceAfterThePriAndABsdTime() {
    SyslogLine l = ok(SHAPES_3164.get(5));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC3164);
    assertThat(l.pri()).isEqualTo(30);
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T21:10:17Z"));
    assertThat(l.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(l.tag()).isEqualTo("docker/00dfa98fe8e0");
    assertThat(l.procId()).isEqualTo("10798");
    assertThat(l.message()).isEqualTo("docker with a space after the PRI");
  }

  @Test
  void dockerWithAnRfc3339TimeRightAfterThePri() {
    SyslogLine l = ok(SHAPES_3164.get(6));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC3164);
    assertThat(l.pri()).isEqualTo(30);
    assertThat(l.eventTime())
        .isEqualTo(Instant.parse("2015-06-05T16:13:47Z")); // its own year, not the file's
    assertThat(l.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(l.tag()).isEqualTo("docker/00dfa98fe8e0");
    assertThat(l.procId()).isEqualTo("4843");
    assertThat(l.message()).isEqualTo("docker with an RFC 3339 time");
  }

  @Test
  void tagAndPidWithoutASpaceBeforeTheMessage() {
    SyslogLine l = ok(SHAPES_3164.get(7));
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T20:07:26Z"));
    assertThat(l.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(l.tag()).isEqualTo("root");
    assertThat(l.procId()).isEqualTo("8539");
    assertThat(l.message()).isEqualTo("no space after the tag");
  }

  @Test
  void isoBasicOffsetOutsideRfc5424() {
    SyslogLine l = ok(SHAPES_3164.get(8));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC3164_NO_PRI);
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T13:02:03Z"));
    assertThat(l.tag()).isEqualTo("shutdown");
    assertThat(l.procId()).isEqualTo("2649");
  }

  // ---- RFC 5424 (section 6 and its examples in 6.5, Docker and rsyslog layouts;
  // fixtures/syslog/rfc5424-shapes.log)

  @Test
  void rfc5424Example1WithARealBom() {
    SyslogLine l = ok(SHAPES_5424.get(0));
    assertThat(l.variant()).isEqualTo(SyslogVariant.RFC5424);
    assertThat(l.pri()).isEqualTo(34);
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
    assertThat(l.hostname()).isEqualTo("mymachine.example.com");
    assertThat(l.tag()).isEqualTo("su");
    assertThat(l.procId()).isNull();
    assertThat(l.msgId()).isEqualTo("ID47");
    assertThat(l.structuredData()).isNull();
    assertThat(l.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
  }

  @Test
  void rfc5424Example2WithAZonedTimeAndMicroseconds() {
    SyslogLine l = ok(SHAPES_5424.get(1));
    assertThat(l.pri()).isEqualTo(165);
    assertThat(l.facility()).isEqualTo(20);
    assertThat(l.severity()).isEqualTo(5);
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2003-08-24T12:14:15.000003Z"));
    assertThat(l.hostname()).isEqualTo("192.0.2.1");
    assertThat(l.tag()).isEqualTo("myproc");
    assertThat(l.procId()).isEqualTo("8710");
    assertThat(l.msgId()).isNull();
    assertThat(l.message()).isEqualTo("%% It's time to make the do-nuts.");
  }

  @Test
  void rfc5424Examples3And4WithStructuredData() {
    SyslogLine three = ok(SHAPES_5424.get(2));
    assertThat(three.tag()).isEqualTo("evntslog");
    assertThat(three.msgId()).isEqualTo("ID47");
    assertThat(three.structuredData())
        .isEqualTo("[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]");
    assertThat(three.message()).isEqualTo("An application event log entry...");
    SyslogLine four = ok(SHAPES_5424.get(3));
    assertThat(four.structuredData())
        .isEqualTo(
            "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
                + "[examplePriority@32473 class=\"high\"]");
    assertThat(four.message()).isEmpty();
  }

  @Test
  void structuredDataWithEscapesSeveralElementsAndEmptyOnes() {
    SyslogLine l = ok(SHAPES_5424.get(4));
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03.123456Z"));
    assertThat(l.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(l.tag()).isEqualTo("agent");
    assertThat(l.procId()).isEqualTo("1187");
    assertThat(l.msgId()).isNull();
    assertThat(l.structuredData())
        .isEqualTo(
            "[x@1 path=\"C:\\\\temp\" quote=\"say \\\"hi\\\"\" bracket=\"[a\\]\"][empty][y@2"
                + " k=\"\"]");
    assertThat(l.message()).isEqualTo("escaped values");
  }

  @Test
  void nilvalueFieldsAreNull() {
    SyslogLine l = ok(SHAPES_5424.get(5));
    assertThat(l.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03Z"));
    assertThat(l.hostname()).isNull();
    assertThat(l.tag()).isNull();
    assertThat(l.procId()).isNull();
    assertThat(l.msgId()).isNull();
    assertThat(l.structuredData()).isNull();
    assertThat(l.message()).isEqualTo("only NILVALUE fields");
  }

  @Test
  void dockerRfc5424AndRfc5424micro() {
    SyslogLine a = ok(SHAPES_5424.get(6));
    assertThat(a.pri()).isEqualTo(30);
    assertThat(a.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03Z"));
    assertThat(a.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(a.tag()).isEqualTo("docker/9b1c2d3e4f5a");
    assertThat(a.procId()).isEqualTo("1187");
    assertThat(a.msgId()).isEqualTo("docker/9b1c2d3e4f5a");
    assertThat(a.message()).isEqualTo("docker rfc5424");
    SyslogLine b = ok(SHAPES_5424.get(7));
    assertThat(b.pri()).isEqualTo(27);
    assertThat(b.eventTime())
        .isEqualTo(Instant.parse("2019-03-05T14:02:03.1234Z")); // Go drops trailing zeros
    assertThat(b.tag()).isEqualTo("9b1c2d3e4f5a");
    assertThat(b.msgId()).isEqualTo("9b1c2d3e4f5a");
    assertThat(b.message()).isEqualTo("docker rfc5424micro");
  }

  @Test
  void rsyslogProtocol23FormatAndLaterVersions() {
    SyslogLine a = ok(SHAPES_5424.get(8));
    assertThat(a.variant()).isEqualTo(SyslogVariant.RFC5424);
    assertThat(a.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03.123456Z"));
    assertThat(a.tag()).isEqualTo("balrog");
    assertThat(a.procId()).isEqualTo("1187");
    assertThat(a.message()).isEqualTo("rsyslog RSYSLOG_SyslogProtocol23Format");
    SyslogLine b = ok(SHAPES_5424.get(9));
    assertThat(b.variant()).isEqualTo(SyslogVariant.RFC5424);
    assertThat(b.tag()).isEqualTo("balrog");
    assertThat(b.message()).isEqualTo("a later VERSION");
  }

  @Test
  void rfc5424WithoutPriAndWithoutPriAndVersion() {
    for (String line : List.of(SHAPES_5424.get(10), SHAPES_5424.get(11))) {
      SyslogLine l = ok(line);
      assertThat(l.variant()).as(line).isEqualTo(SyslogVariant.RFC5424);
      assertThat(l.pri()).as(line).isNull();
      assertThat(l.eventTime()).as(line).isEqualTo(Instant.parse("2019-03-05T14:02:03Z"));
      assertThat(l.hostname()).as(line).isEqualTo("ip-10-0-4-21");
      assertThat(l.tag()).as(line).isEqualTo("balrog");
      assertThat(l.procId()).as(line).isEqualTo("12");
      assertThat(l.msgId()).as(line).isNull();
    }
    assertThat(ok(SHAPES_5424.get(10)).message()).isEqualTo("without PRI");
    assertThat(ok(SHAPES_5424.get(11)).message()).isEqualTo("without PRI and VERSION");
  }

  @Test
  void aRecordWithoutTimestampIsRejectedAsNoTimestamp() {
    assertThat(parser.parse(SHAPES_5424.get(12)).reason()).isEqualTo(RejectReason.NO_TIMESTAMP);
    assertThat(RejectReason.NO_TIMESTAMP.code()).isEqualTo("no_timestamp");
  }

  @Test
  void leapSecondAndOffsetsBeyondEighteenHours() {
    assertThat(ok("<1>1 2016-12-31T23:59:60Z h a - - - m").eventTime())
        .isEqualTo(Instant.parse("2016-12-31T23:59:59Z"));
    assertThat(ok("<1>1 2018-12-31T23:59:59.999999-23:59 h a - - - m").eventTime())
        .isEqualTo(Instant.parse("2019-01-01T23:58:59.999999Z"));
  }

  @Test
  void everyPrefixOfTheShapeFixturesParsesOrRejectsWithoutThrowing() {
    for (String file : List.of("rfc3164-shapes.log", "rfc5424-shapes.log", "continuation.log")) {
      for (String line : Fixtures.lines("syslog/" + file)) {
        for (String prefix : Fixtures.prefixes(line)) {
          ParseResult<SyslogLine> r = parser.parse(prefix);
          assertThat(r.isOk() ^ r.reason() != null).as(prefix).isTrue();
        }
      }
    }
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
        "<30>1 - h a p m - msg|NO_TIMESTAMP",
        "<30>1 2019-03-05T14:02:03Z h a|TOO_FEW_FIELDS",
        "<30>1 2019-03-05T14:02:03Z h a p m [x k=\"v]|UNTERMINATED_QUOTE",
        "<30>1 2019-03-05T14:02:03Z h a p m x msg|UNRECOGNIZED_FORMAT",
        "<30>|TOO_FEW_FIELDS",
        "<30>1 - h a p m x msg|UNRECOGNIZED_FORMAT",
        "<30>1 2019-03-05T14:02:03z h a p m - msg|BAD_TIMESTAMP",
        "<30>1 2019-03-05T14:02:03Z+01:00 h a p m - msg|BAD_TIMESTAMP",
        "<30>1 2019-03-05T14:02:03+0100 h a p m - msg|BAD_TIMESTAMP",
        "<30>01 2019-03-05T14:02:03Z h a p m - msg|UNRECOGNIZED_FORMAT",
        "<30>1 2019-03-05T14:02:03Z h  p m - msg|UNRECOGNIZED_FORMAT",
        "<30>1 2019-03-05T14:02:03Z h abcdefghijabcdefghijabcdefghijabcdefghijabcdefghi p m -"
            + " msg|UNRECOGNIZED_FORMAT",
        "<30>1 2019-03-05T14:02:03Z h a p abcdefghijabcdefghijabcdefghijabc -"
            + " msg|UNRECOGNIZED_FORMAT",
        "<30>1 2019-03-05T14:02:03Z h a p m [x k=\"1\"][x k=\"2\"] msg|BAD_STRUCTURED_DATA",
        "<30>1 2019-03-05T14:02:03Z h a p m [x k=\"]\"] msg|BAD_STRUCTURED_DATA",
        "<30>1 2019-03-05T14:02:03Z h a p m [ ] msg|BAD_STRUCTURED_DATA",
        "<30>1 2019-03-05T14:02:03Z h a p m [x k=\"v\"x] msg|BAD_STRUCTURED_DATA",
        "<30>1 2019-03-05T14:02:03Z h a p m [x k=v] msg|BAD_STRUCTURED_DATA",
        "<30>1 2019-03-05T14:02:03Z h a p m [x]msg|BAD_STRUCTURED_DATA",
        "<30>1 2019-03-05T14:02:03Z h a p m - \uFEFFbad \uFFFD byte|BAD_ENCODING",
        "2019-03-05T14:02:03 h t[1]: no zone|BAD_TIMESTAMP",
        "122 - - - - - -|UNRECOGNIZED_FORMAT"
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
