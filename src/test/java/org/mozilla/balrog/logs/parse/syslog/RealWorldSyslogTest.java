package org.mozilla.balrog.logs.parse.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.SyslogEvent;
import org.mozilla.balrog.logs.model.SyslogPayload.JsonPayload;
import org.mozilla.balrog.logs.model.SyslogPayload.Kind;
import org.mozilla.balrog.logs.model.SyslogVariant;
import org.mozilla.balrog.logs.parse.RealWorld;
import org.mozilla.balrog.logs.parse.RecordEmitter;
import org.mozilla.balrog.logs.parse.RejectReason;
import org.mozilla.balrog.logs.source.FormatDetector;

/**
 * Syslog lines other projects' test suites hold ({@code shared/realworld/}, see its README.md):
 * every line (record) of a non-negative file parses, every line of {@code syslog_negative.log} is
 * rejected with a reason. The exceptions are listed and explained where they are asserted.
 */
class RealWorldSyslogTest {
  /** Mid-year, so no December/January rollover moves the year-less timestamps. */
  private static final LocalDate FILE_DATE = LocalDate.of(2024, 7, 1);

  /**
   * An RFC 5424 line whose TIMESTAMP is the NILVALUE: {@code <PRI>VERSION - ...} (PRI optional).
   */
  private static final Pattern NIL_TIMESTAMP =
      Pattern.compile("^(<\\d{1,3}>)?[1-9]\\d{0,2} - .*", Pattern.DOTALL);

  /** What a record parser made of some lines. */
  private static final class Outcome implements RecordEmitter<SyslogEvent> {
    final List<SyslogEvent> events = new ArrayList<>();
    final List<RejectReason> rejections = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();

    @Override
    public void parsed(SyslogEvent event, int lines) {
      assertThat(lines).isEqualTo(event.envelope().lineCount());
      events.add(event);
    }

    @Override
    public void rejected(RejectReason reason, String line) {
      rejections.add(reason);
      rejected.add(line);
    }
  }

  private static Outcome run(List<String> lines) {
    SyslogRecordParser p = new SyslogRecordParser(FILE_DATE);
    Outcome o = new Outcome();
    lines.forEach(l -> p.accept(l, o));
    p.finish(o);
    return o;
  }

  /** One line on its own must be one event of one line. */
  private static SyslogEvent oneEvent(RealWorld.Line l) {
    Outcome o = run(List.of(l.text()));
    assertThat(o.rejections).as("rejected: %s", l).isEmpty();
    assertThat(o.events).as("events of %s", l).hasSize(1);
    SyslogEvent e = o.events.get(0);
    assertThat(e.envelope().lineCount()).as("%s", l).isEqualTo(1);
    assertThat(e.envelope().eventTime()).as("%s", l).isNotNull();
    return e;
  }

  private static RejectReason rejection(RealWorld.Line l) {
    Outcome o = run(List.of(l.text()));
    assertThat(o.events).as("parsed, but expected a rejection: %s", l).isEmpty();
    assertThat(o.rejections).as("%s", l).hasSize(1);
    return o.rejections.get(0);
  }

  @TestFactory
  Stream<DynamicTest> rfc3164LinesParse() {
    return RealWorld.perLine("syslog_3164.log", RealWorldSyslogTest::oneEvent);
  }

  /**
   * Every line parses, except the lines whose TIMESTAMP is the NILVALUE (9-11, 23, 26-35:
   * go-syslog's and syslog-loose's NILVALUE and BOM cases, e.g. {@code <0>1 - - - - - -}). RFC 5424
   * allows them, but an event needs a time (it decides the day): they are rejected as {@code
   * no_timestamp}, and only when the rest of the record is well formed (a broken one gets the
   * reason of what is broken), which this asserts.
   */
  @TestFactory
  Stream<DynamicTest> rfc5424LinesParse() {
    return RealWorld.perLine(
        "syslog_5424.log",
        l -> {
          if (NIL_TIMESTAMP.matcher(l.text()).matches()) {
            assertThat(rejection(l)).as("%s", l).isEqualTo(RejectReason.NO_TIMESTAMP);
          } else {
            SyslogEvent e = oneEvent(l);
            assertThat(e.envelope().variant()).as("%s", l).isEqualTo(SyslogVariant.RFC5424);
          }
        });
  }

  @Test
  void rfc5424FieldsOfSomeLines() {
    List<RealWorld.Line> lines = RealWorld.lines("syslog_5424.log");
    SyslogLineParser p = new SyslogLineParser(FILE_DATE);
    // the maximum lengths of RFC 5424 6: a 255-character HOSTNAME, 48 APP-NAME, 128 PROCID, 32
    // MSGID
    var max = p.parse(lines.get(11).text()).value();
    assertThat(max.hostname()).hasSize(255);
    assertThat(max.tag()).hasSize(48);
    assertThat(max.procId()).hasSize(128);
    assertThat(max.msgId()).hasSize(32);
    assertThat(max.eventTime()).isEqualTo(Instant.parse("2019-01-01T23:58:59.999999Z")); // -23:59
    // escaped backslashes in several elements
    var sd = p.parse(lines.get(17).text()).value();
    assertThat(sd.structuredData())
        .isEqualTo("[meta one=\"\\\\one\"][other two=\"\\\\two\" double=\"\\\\a\\\\b\"]");
    assertThat(sd.message()).isEqualTo("127.0.0.1 - - 1452819643 \"GET\"");
    // a leap second (RFC 3339 5.7), read as :59
    var leap = p.parse(lines.get(42).text()).value();
    assertThat(leap.eventTime()).isEqualTo(Instant.parse("2017-01-01T03:59:59Z"));
    assertThat(leap.tag()).isEqualTo("prg00000[1234]");
    // without <PRI>
    var noPri = p.parse(lines.get(5).text()).value();
    assertThat(noPri.pri()).isNull();
    assertThat(noPri.tag()).isEqualTo("OX-XXX-CONTEUDO:rpd");
    assertThat(noPri.eventTime()).isEqualTo(Instant.parse("2020-05-22T17:59:09.250Z"));
  }

  /**
   * The Docker syslog-driver lines parse. The uWSGI lines of this file are not syslog lines but
   * what uWSGI writes to stderr, which reaches Balrog's logs as the message of a Docker syslog line
   * (docs/formats.md#uwsgi-and-other-stderr-text, docs/formats.md#dockers-syslog-driver): alone
   * they are rejected (no header), as the message of a Docker stderr line they parse, uWSGI chatter
   * kept as written.
   */
  @TestFactory
  Stream<DynamicTest> dockerLinesAndUwsgiStderrParse() {
    Pattern syslogStart =
        Pattern.compile("^(<\\d{1,3}>|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ).*");
    return RealWorld.perLine(
        "syslog_docker_uwsgi.log",
        l -> {
          if (syslogStart.matcher(l.text()).matches()) {
            SyslogEvent e = oneEvent(l);
            if (l.text().contains("docker/")) {
              assertThat(e.envelope().tag()).as("%s", l).startsWith("docker/");
            }
            return;
          }
          assertThat(rejection(l)).as("%s", l).isEqualTo(RejectReason.UNRECOGNIZED_FORMAT);
          SyslogEvent e =
              oneEvent(new RealWorld.Line(l.file(), l.number(), DOCKER_STDERR + l.text()));
          assertThat(e.envelope().message()).as("%s", l).isEqualTo(l.text());
          if (l.text().startsWith("[pid: ") || l.text().contains("uWSGI")) {
            assertThat(e.payloadKind()).as("%s", l).isEqualTo(Kind.UWSGI);
          }
        });
  }

  private static final String DOCKER_STDERR =
      "<27>Mar  5 14:02:03 ip-10-0-4-21 docker/9b1c2d3e4f5a[1187]: ";

  /**
   * The whole file through one parser: the tab-indented continuation lines join their record. The
   * exception is the fluentd record {@code Hi,} / {@code from} / {@code Fluentd!} (an RFC 5424
   * message with embedded newlines): its continuation lines have neither a header nor a tab, and
   * such lines stay rejections, because in Balrog's logs (Docker, rsyslog: one header per line) a
   * headerless line is damage; joining it would hide it.
   */
  @Test
  void multiLineRecordsAreWhole() {
    List<RealWorld.Line> lines = RealWorld.lines("syslog_multiline.log");
    Outcome o = run(lines.stream().map(RealWorld.Line::text).toList());
    assertThat(o.events)
        .extracting(e -> e.envelope().lineCount())
        .as("lines per record")
        .containsExactly(19, 1, 1, 1);
    SyslogEvent agent = o.events.get(0);
    assertThat(agent.envelope().tag()).isEqualTo("GoogleSoftwareUpdateAgent");
    assertThat(agent.envelope().procId()).isEqualTo("21412");
    assertThat(agent.envelope().message())
        .startsWith(
            "2016-12-13 11:35:28.420 GoogleSoftwareUpdateAgent[21412/0x700007399000] [lvl=2]")
        .contains(
            "\n"
                + "\t\tticketStore=<KSPersistentTicketStore:0x100204520"
                + " store=<KSKeyedPersistentStore:0x100213290\n")
        .endsWith("\n\t\terrors=0\n\t>");
    assertThat(o.events.get(3).envelope().message()).isEqualTo("Hi,");
    assertThat(o.rejected)
        .as("the fluentd record's headerless lines")
        .containsExactly("from", "Fluentd!");
  }

  /**
   * Every line is rejected, each with the reason of what breaks its spec, except line 53 (lnav's
   * "bad syslog" file): {@code Nov 3 09:23:38 veridian lookup for opt failed} has a valid RFC 3164
   * header; lnav rejects it for lacking a {@code TAG:}, but RFC 3164 4.1.3 does not require one, so
   * it parses, with no tag and the rest as message.
   */
  @TestFactory
  Stream<DynamicTest> negativeLinesAreRejectedWithTheirReason() {
    Map<Integer, RejectReason> expected = new TreeMap<>();
    put(expected, 1, 4, RejectReason.UNRECOGNIZED_FORMAT); // free text, bad PRI brackets, no PRI
    put(expected, 5, 5, RejectReason.BAD_NUMBER); // PRI 192
    put(expected, 6, 7, RejectReason.UNRECOGNIZED_FORMAT); // PRI not a number, VERSION 0
    put(expected, 8, 8, RejectReason.TOO_FEW_FIELDS);
    put(expected, 9, 10, RejectReason.UNRECOGNIZED_FORMAT); // VERSION 3a, abc
    put(
        expected,
        11,
        23,
        RejectReason.BAD_TIMESTAMP); // lower-case z, cut, 99 s, ".Z", -60:00, Sept 31, ...
    put(
        expected,
        24,
        30,
        RejectReason.UNRECOGNIZED_FORMAT); // header fields too long or empty, SD "X"
    put(
        expected,
        31,
        38,
        RejectReason.BAD_STRUCTURED_DATA); // empty/long SD-ID, repeated SD-ID, unescaped ] or "
    put(expected, 39, 49, RejectReason.BAD_ENCODING); // invalid UTF-8 after a BOM
    put(expected, 50, 52, RejectReason.UNRECOGNIZED_FORMAT);
    return RealWorld.perLine(
        "syslog_negative.log",
        l -> {
          if (l.number() == 53) {
            SyslogEvent e = oneEvent(l);
            assertThat(e.envelope().hostname()).isEqualTo("veridian");
            assertThat(e.envelope().tag()).isNull();
            assertThat(e.envelope().message()).isEqualTo("lookup for opt failed");
            return;
          }
          assertThat(rejection(l)).as("%s", l).isEqualTo(expected.get(l.number()));
        });
  }

  private static void put(Map<Integer, RejectReason> m, int from, int to, RejectReason r) {
    for (int i = from; i <= to; i++) {
      m.put(i, r);
    }
  }

  /**
   * mozlog JSON lines as Docker would send them (stdout, PRI 30): Balrog's JSON envelope, fields
   * extracted.
   */
  @TestFactory
  Stream<DynamicTest> mozlogJsonLinesAreJsonPayloads() {
    return RealWorld.perLine(
        "balrog_json.log",
        l -> {
          String stdout = "<30>Mar  5 14:02:03 h docker/ebf44d051438[1]: ";
          SyslogEvent e = oneEvent(new RealWorld.Line(l.file(), l.number(), stdout + l.text()));
          assertThat(e.payloadKind()).as("%s", l).isEqualTo(Kind.JSON);
          JsonPayload j = (JsonPayload) e.payload();
          assertThat(j.logger()).as("%s", l).isEqualTo("antenna");
          assertThat(j.type()).as("%s", l).startsWith("antenna.");
          assertThat(j.hostname()).as("%s", l).isEqualTo("ebf44d051438");
          assertThat(j.pid()).as("%s", l).isEqualTo(15);
          assertThat(j.timestamp())
              .as("%s", l)
              .isBetween(
                  Instant.parse("2017-05-05T00:00:00Z"), Instant.parse("2017-05-06T00:00:00Z"));
          assertThat(j.fieldsMessage()).as("%s", l).isNotNull();
        });
  }

  /**
   * Application logs with Python tracebacks, each line sent by Docker as its own stderr line
   * (docs/formats.md#tracebacks): no line is rejected and the traceback is one record with its
   * exception class. Balrog's reassembly joins tracebacks only, so the file's two other two-line
   * records ({@code info message:} / {@code processing started}, {@code Hello, World!} / {@code How
   * are you today?}) are two events each.
   */
  @Test
  void pythonTracebacksAsDockerStderr() {
    List<RealWorld.Line> lines = RealWorld.lines("python_tracebacks.log");
    Outcome o = run(lines.stream().map(l -> DOCKER_STDERR + l.text()).toList());
    assertThat(o.rejected).isEmpty();
    List<SyslogEvent> tracebacks =
        o.events.stream().filter(e -> e.payloadKind() == Kind.TRACEBACK).toList();
    assertThat(tracebacks).hasSize(1);
    assertThat(tracebacks.get(0).envelope().lineCount()).isEqualTo(5);
    assertThat(tracebacks.get(0).exceptionType()).isEqualTo("ZeroDivisionError");
    assertThat(tracebacks.get(0).envelope().message())
        .endsWith("    ~~^~~\nZeroDivisionError: division by zero");
    assertThat(o.events).hasSize(lines.size() - 4);
  }

  @Test
  void realWorldSyslogFilesAreDetectedAsSyslog() throws IOException {
    for (String f :
        List.of(
            "syslog_3164.log",
            "syslog_5424.log",
            "syslog_docker_uwsgi.log",
            "syslog_multiline.log")) {
      Optional<LogFormat> detected =
          new FormatDetector()
              .detect(
                  FileSystem.getLocal(new Configuration()),
                  new org.apache.hadoop.fs.Path(
                      RealWorld.dir().resolve(f).toAbsolutePath().toUri()));
      assertThat(detected).as(f).contains(LogFormat.SYSLOG);
    }
  }
}
