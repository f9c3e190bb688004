package org.mozilla.balrog.logs.parse.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mozilla.balrog.logs.model.SyslogEnvelope;
import org.mozilla.balrog.logs.model.SyslogEvent;
import org.mozilla.balrog.logs.model.SyslogLevel;
import org.mozilla.balrog.logs.model.SyslogPayload.JsonPayload;
import org.mozilla.balrog.logs.model.SyslogPayload.Kind;
import org.mozilla.balrog.logs.model.SyslogVariant;
import org.mozilla.balrog.logs.parse.Fixtures;
import org.mozilla.balrog.logs.parse.RecordEmitter;
import org.mozilla.balrog.logs.parse.RejectReason;

class SyslogRecordParserTest {
  private static final LocalDate MARCH_5_2019 = LocalDate.of(2019, 3, 5);
  static final List<String> ALL_FIXTURES =
      List.of(
          "rsyslog-file.log",
          "balrog-json.log",
          "uwsgi-stderr.log",
          "variants.log",
          "formats-md-verbatim.log");

  /** A hand-written emitter that keeps everything, in order. */
  static final class Collector implements RecordEmitter<SyslogEvent> {
    final List<SyslogEvent> events = new ArrayList<>();
    final List<Integer> counts = new ArrayList<>();
    final List<RejectReason> rejections = new ArrayList<>();

    @Override
    public void parsed(SyslogEvent event, int lines) {
      assertThat(lines).isEqualTo(event.envelope().lineCount());
      events.add(event);
      counts.add(lines);
    }

    @Override
    public void rejected(RejectReason reason, String line) {
      rejections.add(reason);
    }

    int linesSeen() {
      return counts.stream().mapToInt(Integer::intValue).sum() + rejections.size();
    }
  }

  static Collector run(LocalDate fileDate, List<String> lines) {
    SyslogRecordParser p = new SyslogRecordParser(fileDate);
    Collector c = new Collector();
    lines.forEach(l -> p.accept(l, c));
    p.finish(c);
    assertThat(p.openCount()).isZero();
    assertThat(c.linesSeen()).as("every line counted once").isEqualTo(lines.size());
    return c;
  }

  /** The JSON payload of {@code e}, failing when it carries another kind. */
  static JsonPayload jsonOf(SyslogEvent e) {
    assertThat(e.payload()).isInstanceOf(JsonPayload.class);
    return (JsonPayload) e.payload();
  }

  static Collector run(List<String> lines) {
    return run(MARCH_5_2019, lines);
  }

  private static String l3164(String host, String tag, String msg) {
    return "<27>Mar  5 14:10:00 " + host + " docker/" + tag + "[1187]: " + msg;
  }

  @Test
  void rsyslogFileFromFormatsMd() {
    Collector c = run(Fixtures.lines("syslog/rsyslog-file.log"));
    assertThat(c.rejections).isEmpty();
    assertThat(c.events).hasSize(2);

    SyslogEvent json = c.events.get(0);
    assertThat(json.payloadKind()).isEqualTo(Kind.JSON);
    SyslogEnvelope s = json.envelope();
    JsonPayload j = jsonOf(json);
    assertThat(s.variant()).isEqualTo(SyslogVariant.RFC3164_NO_PRI);
    assertThat(s.eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03Z"));
    assertThat(s.hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(s.tag()).isEqualTo("docker/9b1c2d3e4f5a");
    assertThat(s.procId()).isEqualTo("1187");
    assertThat(s.facility()).isNull();
    assertThat(s.syslogSeverity()).isNull();
    assertThat(s.lineCount()).isEqualTo(1);
    assertThat(json.level()).isEqualTo("info");
    assertThat(j.timestamp()).isEqualTo(Instant.parse("2019-03-05T14:02:03.456789Z"));
    assertThat(j.type()).isEqualTo("auslib.web.admin.base");
    assertThat(j.logger()).isEqualTo("Balrog");
    assertThat(j.hostname()).isEqualTo("9b1c2d3e4f5a");
    assertThat(j.envVersion()).isEqualTo("2.0");
    assertThat(j.severity()).isEqualTo(6);
    assertThat(j.pid()).isEqualTo(14);
    assertThat(j.requestId()).isEqualTo("140512345678912");
    assertThat(j.fieldsMessage()).isEqualTo("Got query: {'product': 'Firefox'}");
    assertThat(j.fieldsError()).isNull();
    assertThat(j.fieldsTraceback()).isNull();
    assertThat(json.exceptionType()).isNull();
    assertThat(j.fieldsJson())
        .isEqualTo(
            "{\"requestid\":140512345678912,\"message\":\"Got query: {'product': 'Firefox'}\"}");

    SyslogEvent tb = c.events.get(1);
    assertThat(tb.payloadKind()).isEqualTo(Kind.TRACEBACK);
    assertThat(tb.envelope().lineCount()).isEqualTo(5);
    assertThat(tb.envelope().eventTime()).isEqualTo(Instant.parse("2019-03-05T14:10:00Z"));
    assertThat(tb.envelope().tag()).isEqualTo("docker/4a5b6c7d8e9f");
    assertThat(tb.exceptionType()).isEqualTo("sqlalchemy.exc.OperationalError");
    assertThat(tb.level()).isNull(); // no PRI in the file
    assertThat(tb.envelope().message())
        .isEqualTo(
            String.join(
                "\n",
                "Traceback (most recent call last):",
                "  File \"scripts/manage-db.py\", line 212, in <module>",
                "    db.upgrade(options.version)",
                "  File \"/app/auslib/db.py\", line 3183, in upgrade",
                "sqlalchemy.exc.OperationalError: (2003, \"Can't connect to MySQL server on"
                    + " 'db'\")"));
    assertThat(tb.payload()).isNotInstanceOf(JsonPayload.class);
  }

  @Test
  void json2019AdminIseWithSyslogSeverityAndStringRequestId() {
    SyslogEvent e =
        run(LocalDate.of(2019, 9, 5), Fixtures.lines("syslog/balrog-json.log")).events.get(0);
    JsonPayload j = jsonOf(e);
    assertThat(e.payloadKind()).isEqualTo(Kind.JSON);
    assertThat(e.envelope().variant()).isEqualTo(SyslogVariant.RFC3164);
    assertThat(e.envelope().eventTime()).isEqualTo(Instant.parse("2019-09-05T11:22:03Z"));
    assertThat(e.envelope().facility()).isEqualTo(3);
    assertThat(e.envelope().syslogSeverity()).isEqualTo(6);
    assertThat(e.level()).isEqualTo("error"); // JSON Severity 3 wins over PRI 30 (info)
    assertThat(j.severity()).isEqualTo(3);
    assertThat(j.timestamp()).isEqualTo(Instant.parse("2019-09-05T11:22:03.456789Z"));
    assertThat(j.pid()).isEqualTo(14);
    assertThat(j.requestId()).isEqualTo("140512345678912");
    assertThat(j.fieldsMessage())
        .isEqualTo(
            "Caught ISE 500 error: OperationalError('(MySQLdb._exceptions.OperationalError) (2006,"
                + " ...)')");
    assertThat(j.fieldsError()).isEqualTo("OperationalError(...)");
    assertThat(j.fieldsTraceback())
        .startsWith("Uncaught exception:\n  File \"/app/auslib/web/admin/views/base.py\", line 41")
        .endsWith("<class 'sqlalchemy.exc.OperationalError'>\nOperationalError(...)\n");
    assertThat(e.exceptionType()).isEqualTo("sqlalchemy.exc.OperationalError");
    assertThat(j.fieldsJson()).startsWith("{\"requestid\":\"140512345678912\",\"message\":");
  }

  @Test
  void json2021PublicWarningOnGcpScaleOverRfc5424() {
    SyslogEvent e = run(Fixtures.lines("syslog/balrog-json.log")).events.get(1);
    JsonPayload j = jsonOf(e);
    assertThat(e.envelope().variant()).isEqualTo(SyslogVariant.RFC5424);
    assertThat(e.envelope().eventTime()).isEqualTo(Instant.parse("2021-06-01T10:00:00.123456Z"));
    assertThat(e.envelope().hostname()).isEqualTo("balrog-web-7d9f8b6c5-x2k4q");
    assertThat(e.envelope().tag()).isEqualTo("balrog-web");
    assertThat(e.envelope().procId()).isEqualTo("1");
    assertThat(e.payloadKind()).isEqualTo(Kind.JSON);
    assertThat(j.severity()).isEqualTo(400);
    assertThat(e.level()).isEqualTo("warning");
    assertThat(j.type()).isEqualTo("root");
    assertThat(j.pid()).isEqualTo(9);
    assertThat(j.timestamp()).isEqualTo(Instant.parse("2021-06-01T10:00:00.123456Z"));
    assertThat(j.requestId()).isNull();
    assertThat(j.fieldsMessage()).isEqualTo("Forbidden domain: evil.example.com");
    assertThat(j.fieldsJson()).isEqualTo("{\"message\":\"Forbidden domain: evil.example.com\"}");
    assertThat(e.exceptionType()).isNull();
  }

  @Test
  void python2KeyOrderAndIntRequestId() {
    SyslogEvent e = run(Fixtures.lines("syslog/balrog-json.log")).events.get(2);
    JsonPayload j = jsonOf(e);
    assertThat(e.payloadKind()).isEqualTo(Kind.JSON);
    assertThat(j.timestamp()).isEqualTo(Instant.parse("2019-03-05T14:02:03Z"));
    assertThat(j.type()).isEqualTo("auslib.web.admin.base");
    assertThat(j.logger()).isEqualTo("Balrog");
    assertThat(j.hostname()).isEqualTo("9b1c2d3e4f5a");
    assertThat(j.envVersion()).isEqualTo("2.0");
    assertThat(j.severity()).isEqualTo(4);
    assertThat(e.level()).isEqualTo("warning");
    assertThat(j.pid()).isEqualTo(15);
    assertThat(j.requestId()).isEqualTo("140512345678999");
    assertThat(j.fieldsMessage()).isEqualTo("Login Required");
  }

  @ParameterizedTest
  @CsvSource({
    "0, critical",
    "1, critical",
    "2, critical",
    "3, error",
    "4, warning",
    "5, info",
    "6, info",
    "7, debug",
    "100, debug",
    "199, debug",
    "200, info",
    "300, info",
    "400, warning",
    "450, warning",
    "500, error",
    "600, critical",
    "700, critical",
    "800, critical"
  })
  void bothSeverityScales(int severity, String level) {
    assertThat(SyslogLevel.ofJsonSeverity(severity)).isEqualTo(level);
    String line =
        "<30>Mar  5 14:02:03 h docker/x[1]: {\"Timestamp\": 1, \"Severity\": "
            + severity
            + ", \"Fields\": {}}";
    assertThat(run(List.of(line)).events.get(0).level()).isEqualTo(level);
  }

  @Test
  void jsonWithoutSeverityFallsBackToPri() {
    SyslogEvent e =
        run(List.of("<30>Mar  5 14:02:03 h t: {\"Timestamp\": 5, \"Fields\": {}}")).events.get(0);
    assertThat(e.payloadKind()).isEqualTo(Kind.JSON);
    assertThat(e.level()).isEqualTo("info");
    assertThat(jsonOf(e).timestamp()).isEqualTo(Instant.ofEpochSecond(0, 5));
    assertThat(jsonOf(e).fieldsJson()).isEqualTo("{}");
  }

  @Test
  void uwsgiLinesAndPlainStderrText() {
    Collector c = run(Fixtures.lines("syslog/uwsgi-stderr.log"));
    assertThat(c.events)
        .extracting(SyslogEvent::payloadKind)
        .containsExactly(Kind.UWSGI, Kind.UWSGI, Kind.UWSGI, Kind.UWSGI, Kind.UWSGI, Kind.TEXT);
    assertThat(c.events).extracting(SyslogEvent::level).containsOnly("error"); // stderr: PRI 27
    assertThat(c.events).extracting(e -> e.envelope().syslogSeverity()).containsOnly(3);
    assertThat(c.events.get(1).envelope().message())
        .startsWith("*** Starting uWSGI 2.0.17.1 (64bit)");
    assertThat(c.events.get(5).envelope().message())
        .isEqualTo("INFO:AUSDatabase:Transition to alembic complete");
    assertThat(c.events.get(5).payload()).isNotInstanceOf(JsonPayload.class);
  }

  @Test
  void brokenOrForeignJsonIsText() {
    String partial =
        "{\"Timestamp\": 1551794523456789000, \"Type\": \"auslib\", \"Fields\": {\"message\": \""
            + "x".repeat(16_000);
    Collector c =
        run(
            List.of(
                l3164("h", "a", partial),
                l3164("h", "a", "{not json at all}"),
                l3164("h", "a", "{\"level\": \"info\", \"msg\": \"other program\"}"),
                l3164("h", "a", "{\"Timestamp\": 1, \"Fields\": {}} trailing"),
                l3164("h", "a", "[1, 2]")));
    assertThat(c.rejections).isEmpty();
    assertThat(c.events).extracting(SyslogEvent::payloadKind).containsOnly(Kind.TEXT);
    assertThat(c.events.get(0).envelope().message()).isEqualTo(partial);
    assertThat(c.events)
        .extracting(SyslogEvent::payload)
        .doesNotHaveAnyElementsOfTypes(JsonPayload.class);
  }

  @Test
  void interleavedTracebacksFromAnotherHostAndTagAreReassembledSeparately() {
    List<String> lines =
        List.of(
            l3164("host-a", "aaaaaaaaaaaa", "Traceback (most recent call last):"),
            l3164("host-b", "bbbbbbbbbbbb", "Traceback (most recent call last):"),
            l3164("host-a", "aaaaaaaaaaaa", "  File \"/app/a.py\", line 1, in <module>"),
            "<30>Mar  5 14:10:00 host-a docker/aaaaaaaaaaaa[1187]: {\"Timestamp\": 1, \"Severity\":"
                + " 6, \"Fields\": {}}",
            l3164("host-b", "bbbbbbbbbbbb", "  File \"/app/b.py\", line 2, in <module>"),
            l3164("host-a", "cccccccccccc", "unrelated text from another container"),
            l3164("host-b", "bbbbbbbbbbbb", "    import b"),
            l3164("host-a", "aaaaaaaaaaaa", "    import a"),
            l3164("host-b", "bbbbbbbbbbbb", "KeyboardInterrupt"),
            l3164("host-a", "aaaaaaaaaaaa", "ValueError: bad value"),
            l3164("host-a", "aaaaaaaaaaaa", "next plain line"));
    Collector c = run(lines);
    assertThat(c.rejections).isEmpty();
    List<SyslogEvent> tbs =
        c.events.stream().filter(e -> e.payloadKind() == Kind.TRACEBACK).toList();
    assertThat(tbs).hasSize(2);
    SyslogEvent b =
        tbs.stream()
            .filter(e -> e.envelope().hostname().equals("host-b"))
            .findFirst()
            .orElseThrow();
    assertThat(b.envelope().lineCount()).isEqualTo(4);
    assertThat(b.exceptionType()).isEqualTo("KeyboardInterrupt");
    assertThat(b.envelope().message())
        .isEqualTo(
            "Traceback (most recent call last):\n"
                + "  File \"/app/b.py\", line 2, in <module>\n"
                + "    import b\n"
                + "KeyboardInterrupt");
    SyslogEvent a =
        tbs.stream()
            .filter(e -> e.envelope().hostname().equals("host-a"))
            .findFirst()
            .orElseThrow();
    assertThat(a.envelope().lineCount()).isEqualTo(4);
    assertThat(a.exceptionType()).isEqualTo("ValueError");
    assertThat(a.level()).isEqualTo("error");
    assertThat(a.envelope().message()).endsWith("\n    import a\nValueError: bad value");
    // the JSON line with PRI 30 is a different key and stays its own event
    assertThat(c.events).filteredOn(e -> e.payloadKind() == Kind.JSON).hasSize(1);
    // a finished traceback waits for the next line of its key (a chained header would reopen it):
    // host-a's is
    // emitted when "next plain line" arrives, host-b's at finish()
    assertThat(c.events)
        .extracting(e -> e.envelope().message())
        .last()
        .asString()
        .startsWith("Traceback");
    int aAt = c.events.indexOf(a);
    assertThat(c.events.get(aAt + 1).envelope().message()).isEqualTo("next plain line");
  }

  @Test
  void unterminatedTracebackAtEndOfFileIsOneEventWithoutExceptionType() {
    Collector c =
        run(
            List.of(
                l3164("h", "a", "Traceback (most recent call last):"),
                l3164("h", "a", "  File \"/app/a.py\", line 1, in <module>"),
                l3164("h", "a", "    a()")));
    assertThat(c.events).hasSize(1);
    SyslogEvent e = c.events.get(0);
    assertThat(e.payloadKind()).isEqualTo(Kind.TRACEBACK);
    assertThat(e.envelope().lineCount()).isEqualTo(3);
    assertThat(e.exceptionType()).isNull();
  }

  @Test
  void tracebackCutShortByAnotherLineOfTheSameKey() {
    Collector c =
        run(
            List.of(
                l3164("h", "a", "Traceback (most recent call last):"),
                l3164("h", "a", "  File \"/app/a.py\", line 1, in <module>"),
                l3164(
                    "h",
                    "a",
                    "[pid: 9|app: 0|req: 1/1] 1.2.3.4 () {38 vars in 790 bytes} [x] GET / =>"
                        + " generated"),
                l3164("h", "a", "Traceback (most recent call last):")));
    assertThat(c.events)
        .extracting(SyslogEvent::payloadKind)
        .containsExactly(Kind.TRACEBACK, Kind.UWSGI, Kind.TRACEBACK);
    assertThat(c.events).extracting(e -> e.envelope().lineCount()).containsExactly(2, 1, 1);
    assertThat(c.events.get(0).exceptionType()).isNull();
  }

  @Test
  void chainedExceptionsAreOneEvent() {
    Collector c =
        run(
            List.of(
                l3164("h", "a", "Traceback (most recent call last):"),
                l3164("h", "a", "  File \"/app/a.py\", line 1, in f"),
                l3164("h", "a", "KeyError: 'x'"),
                l3164(
                    "h",
                    "a",
                    "During handling of the above exception, another exception occurred:"),
                l3164("h", "a", "Traceback (most recent call last):"),
                l3164("h", "a", "  File \"/app/a.py\", line 3, in g"),
                l3164("h", "a", "auslib.errors.BlobValidationError: nope"),
                l3164("h", "a", "after")));
    assertThat(c.events).hasSize(2);
    assertThat(c.events.get(0).envelope().lineCount()).isEqualTo(7);
    assertThat(c.events.get(0).exceptionType()).isEqualTo("auslib.errors.BlobValidationError");
    assertThat(c.events.get(1).payloadKind()).isEqualTo(Kind.TEXT);
  }

  @Test
  void rsyslogEscapedMultiLineTracebackIsOneTracebackEvent() {
    String m =
        "Traceback (most recent call last):#012  File \"/app/a.py\", line 1, in <module>#012   "
            + " a()#012ZeroDivisionError: division by zero";
    Collector c = run(List.of(l3164("h", "a", m)));
    SyslogEvent e = c.events.get(0);
    assertThat(e.payloadKind()).isEqualTo(Kind.TRACEBACK);
    assertThat(e.envelope().lineCount()).isEqualTo(1);
    assertThat(e.envelope().message()).isEqualTo(m);
    assertThat(e.exceptionType()).isEqualTo("ZeroDivisionError");
  }

  @Test
  void unparsableLinesAreRejectedAndCounted() {
    Collector c =
        run(
            List.of(
                "",
                "garbage",
                l3164("h", "a", "Traceback (most recent call last):"),
                "<30>Mar 99 14:10:00 h t: x",
                l3164("h", "a", "  File \"x\", line 1, in y"),
                l3164("h", "a", "OSError: [Errno 2] No such file")));
    assertThat(c.rejections)
        .containsExactly(
            RejectReason.EMPTY_LINE, RejectReason.UNRECOGNIZED_FORMAT, RejectReason.BAD_TIMESTAMP);
    assertThat(c.events).hasSize(1);
    assertThat(c.events.get(0).envelope().lineCount()).isEqualTo(3);
    assertThat(c.events.get(0).exceptionType()).isEqualTo("OSError");
  }

  @Test
  void allFixturesTogetherCountEveryLineOnce() {
    List<String> all = new ArrayList<>();
    for (String f : ALL_FIXTURES) {
      all.addAll(Fixtures.lines("syslog/" + f));
    }
    Collector c = run(all);
    assertThat(c.rejections).isEmpty();
  }

  @Test
  void everyPrefixOfEveryFixtureLineKeepsTheCount() {
    List<String> prefixes = new ArrayList<>();
    for (String f : ALL_FIXTURES) {
      for (String line : Fixtures.lines("syslog/" + f)) {
        prefixes.addAll(Fixtures.prefixes(line));
      }
    }
    run(prefixes); // asserts the count and that nothing throws
  }

  @Test
  void runawayTracebackIsCappedAndNoLineIsLost() {
    List<String> lines = new ArrayList<>();
    lines.add(l3164("h", "a", "Traceback (most recent call last):"));
    String frame = "  " + "f".repeat(10_000);
    int n = SyslogRecordParser.MAX_TRACEBACK_CHARS / frame.length() + 5;
    for (int i = 0; i < n; i++) {
      lines.add(l3164("h", "a", frame));
    }
    Collector c = run(lines);
    assertThat(c.events.get(0).payloadKind()).isEqualTo(Kind.TRACEBACK);
    assertThat(c.events.get(0).envelope().message().length())
        .isLessThanOrEqualTo(SyslogRecordParser.MAX_TRACEBACK_CHARS);
    assertThat(c.events.size()).isGreaterThan(1);
  }

  @Test
  void verbatimFormatsMdLinesAndOtherStderrText() {
    Collector c = run(Fixtures.lines("syslog/formats-md-verbatim.log"));
    assertThat(c.rejections).isEmpty();
    assertThat(c.events)
        .extracting(SyslogEvent::payloadKind)
        .containsExactly(
            Kind.TEXT, // the fixture abbreviates the JSON with "...": not valid JSON, so text
            Kind.TEXT, // plain formatter (LOG_FORMAT=plain)
            Kind.UWSGI,
            Kind.UWSGI,
            Kind.UWSGI,
            Kind.UWSGI,
            Kind.UWSGI,
            Kind.TEXT,
            Kind.TEXT,
            Kind.TEXT,
            Kind.TEXT,
            Kind.TEXT);
    SyslogEvent abbreviated = c.events.get(0);
    assertThat(abbreviated.envelope().message())
        .isEqualTo(
            "{\"Timestamp\": 1551794523456789000, \"Type\": \"auslib.web.admin.base\", \"Logger\":"
                + " \"Balrog\", ...}");
    assertThat(abbreviated.level()).isNull();
    assertThat(abbreviated.payload()).isNotInstanceOf(JsonPayload.class);
    assertThat(c.events.get(1).envelope().message())
        .startsWith("2019-03-05 14:02:03,456 - WARNING - PID: 12 - Request: 140512345678912 - ");
    assertThat(c.events.get(11).envelope().message())
        .isEqualTo("INFO:alembic.runtime.migration:Running upgrade 0001 -> 0002, add thing");
    assertThat(c.events.get(11).envelope().tag()).isEqualTo("docker/5f6e7d8c9b0a");
    assertThat(c.events.subList(1, 12)).extracting(SyslogEvent::level).containsOnly("error");
  }

  @Test
  void tabIndentedContinuationLinesJoinTheRecordBeforeThem() {
    Collector c = run(Fixtures.lines("syslog/continuation.log"));
    assertThat(c.events).extracting(e -> e.envelope().lineCount()).containsExactly(4, 2);
    SyslogEvent first = c.events.get(0);
    assertThat(first.envelope().eventTime()).isEqualTo(Instant.parse("2019-03-05T14:02:03Z"));
    assertThat(first.envelope().hostname()).isEqualTo("ip-10-0-4-21");
    assertThat(first.envelope().tag()).isEqualTo("GoogleSoftwareUpdateAgent");
    assertThat(first.envelope().procId()).isEqualTo("21412");
    assertThat(first.payloadKind()).isEqualTo(Kind.TEXT);
    assertThat(first.envelope().message())
        .isEqualTo(
            "Checking for updates <KSUpdateEngine:0x100341a00\n"
                + "\t\tticketStore=<KSPersistentTicketStore:0x100204520\n"
                + "\t\t\tpath=\"/Library/TicketStore\"\n"
                + "\t>");
    SyslogEvent second = c.events.get(1);
    assertThat(second.envelope().tag()).isEqualTo("syslogd");
    assertThat(second.envelope().message())
        .isEqualTo("ASL Sender Statistics\n\torphan? no: it continues the line above");
    // a tab line after a rejected line has no record to join
    assertThat(c.rejections)
        .containsExactly(RejectReason.UNRECOGNIZED_FORMAT, RejectReason.UNRECOGNIZED_FORMAT);
  }

  @Test
  void continuationsJoinOnlyTheLineRightBeforeThem() {
    Collector c =
        run(
            List.of(
                "\tat the start of a file",
                l3164("h", "a", "Traceback (most recent call last):"),
                "\tafter a traceback line",
                l3164("h", "a", "  File \"x\", line 1, in y"),
                l3164("h", "a", "OSError: no"),
                l3164("h", "b", "{\"Timestamp\": 1, \"Severity\": 6, \"Fields\": {}}"),
                "\tafter JSON",
                "\t",
                "\tafter a blank line"));
    // a blank (tab-only) line is an empty line and ends the record before it
    assertThat(c.rejections)
        .containsExactly(
            RejectReason.UNRECOGNIZED_FORMAT,
            RejectReason.UNRECOGNIZED_FORMAT,
            RejectReason.EMPTY_LINE,
            RejectReason.UNRECOGNIZED_FORMAT);
    // the joined message is no longer one JSON object: text. (The finished traceback waits for its
    // key until finish.)
    assertThat(c.events)
        .extracting(SyslogEvent::payloadKind)
        .containsExactly(Kind.TEXT, Kind.TRACEBACK);
    assertThat(c.events).extracting(e -> e.envelope().lineCount()).containsExactly(2, 3);
    assertThat(c.events.get(0).envelope().message()).endsWith("}}\n\tafter JSON");
  }

  @Test
  void endLineRule() {
    assertThat(Payloads.endLineClass("ValueError: x")).isEqualTo("ValueError");
    assertThat(Payloads.endLineClass("sqlalchemy.exc.OperationalError: (2003, \"x\")"))
        .isEqualTo("sqlalchemy.exc.OperationalError");
    assertThat(Payloads.endLineClass("KeyboardInterrupt")).isEqualTo("KeyboardInterrupt");
    assertThat(Payloads.endLineClass("SystemExit: 1")).isEqualTo("SystemExit");
    assertThat(Payloads.endLineClass("  File \"x\"")).isNull();
    assertThat(Payloads.endLineClass("Call stack:")).isNull();
    assertThat(Payloads.endLineClass("two words")).isNull();
    assertThat(Payloads.endLineClass("")).isNull();
    assertThat(Payloads.classFromRepr("x\n<type 'exceptions.ValueError'>\n"))
        .isEqualTo("exceptions.ValueError");
  }
}
