package org.mozilla.balrog.logs.metrics.errors;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorEventTest {
  private static final String TB =
      ErrorSignatureTest.jsonTraceback(
          "/app/auslib/web/admin/views/base.py",
          97,
          "_put",
          "KeyError",
          "KeyError('data_version')");

  private static ErrorEvent json(
      String level,
      String type,
      String message,
      String error,
      String traceback,
      String exceptionType) {
    return ErrorEvent.fromSyslog(
        "json", level, "{...}", type, message, error, traceback, exceptionType);
  }

  private static ErrorEvent text(String kind, String level, String message) {
    return ErrorEvent.fromSyslog(kind, level, message, null, null, null, null, null);
  }

  @Test
  void jsonErrorsWithATracebackAreSignedByTheTraceback() {
    ErrorEvent e =
        json(
            "error",
            "auslib.web.admin.base",
            "Caught ISE 500 error: KeyError('data_version')",
            "KeyError('data_version')",
            TB,
            "KeyError");
    assertThat(e).isNotNull();
    assertThat(e.severity()).isEqualTo("ERROR");
    assertThat(e.logger()).isEqualTo("auslib.web.admin.base");
    assertThat(e.exceptionType()).isEqualTo("KeyError");
    assertThat(e.signature()).isEqualTo("KeyError @ auslib/web/admin/views/base.py:_put");
    assertThat(e.sample()).isEqualTo("Caught ISE 500 error: KeyError('data_version')");
  }

  @Test
  void jsonSampleAddsTheErrorWhenTheMessageLacksIt() {
    ErrorEvent e =
        json(
            "critical",
            "auslib.web.public.base",
            "Exception on /update/6/Firefox/1 [GET]",
            "OperationalError('x')",
            TB,
            "sqlalchemy.exc.OperationalError");
    assertThat(e.severity()).isEqualTo("CRITICAL");
    assertThat(e.sample())
        .isEqualTo("Exception on /update/6/Firefox/1 [GET] OperationalError('x')");
  }

  @Test
  void jsonErrorsWithoutTracebackAreSignedByLoggerAndNormalizedMessage() {
    ErrorEvent a =
        json("error", "root", "Scheduled change 41234 failed for 10.0.7.31", null, null, null);
    ErrorEvent b =
        json("error", "root", "Scheduled change 7 failed for 10.0.7.32", null, null, null);
    assertThat(a.signature())
        .isEqualTo(b.signature())
        .isEqualTo("root: Scheduled change N failed for <ip>");
    assertThat(a.exceptionType()).isNull();
    assertThat(a.sample()).isEqualTo("Scheduled change 41234 failed for <ip>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"warning", "info", "debug"})
  void jsonBelowErrorIsNotAnError(String level) {
    assertThat(json(level, "root", "Forbidden domain: x", null, null, null)).isNull();
  }

  @Test
  void jsonWithoutLevelIsNotAnError() {
    assertThat(json(null, "root", "m", null, null, null)).isNull();
  }

  @Test
  void everyTracebackIsAnError() {
    String tb =
        ErrorSignatureTest.stderrTraceback(
            "/app/auslib/blobs/apprelease.py", 412, "_getPartialsXML", "KeyError: 'partials'");
    ErrorEvent e =
        ErrorEvent.fromSyslog("traceback", "error", tb, null, null, null, null, "KeyError");
    assertThat(e.severity()).isEqualTo("ERROR");
    assertThat(e.logger()).isNull();
    assertThat(e.signature()).isEqualTo("KeyError @ auslib/blobs/apprelease.py:_getPartialsXML");
    assertThat(e.sample())
        .isEqualTo("KeyError: 'partials' [in auslib/blobs/apprelease.py:_getPartialsXML]");
    assertThat(
            ErrorEvent.fromSyslog("traceback", "critical", tb, null, null, null, null, "KeyError")
                .severity())
        .isEqualTo("CRITICAL");
    ErrorEvent cut =
        ErrorEvent.fromSyslog(
            "traceback", null, "Traceback (most recent call last):", null, null, null, null, null);
    assertThat(cut.severity()).isEqualTo("ERROR");
    assertThat(cut.signature()).isEqualTo(ErrorSignature.UNKNOWN_EXCEPTION);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "*** Starting uWSGI 2.0.28 (64bit) on [Sun Nov  1 10:00:00 2026] ***",
        "compiled with version: 12.2.0 on 21 October 2026 09:12:44",
        "current working directory: /app",
        "*** WARNING: you are running uWSGI without its master process manager ***",
        "uWSGI http bound on :8000 fd 4",
        "spawned uWSGI http 1 (pid: 9)",
        "WSGI app 0 (mountpoint='') ready in 2 seconds on interpreter 0x55d5c6a0e5a0 pid: 10"
            + " (default app)",
        "spawned uWSGI worker 1 (and the only) (pid: 10, cores: 1)",
        "goodbye to uWSGI.",
        "[pid: 9|app: 0|req: 5/5] 10.0.4.5 () {38 vars in 790 bytes} [Tue Mar  5 14:02:03 2019] GET"
            + " /x => generated 42 bytes in 3 msecs (HTTP/1.1 500) 7 headers in 323 bytes (1"
            + " switches on core 0)",
        "INFO:alembic.runtime.migration:Running upgrade 0001 -> 0002, add release_assets table",
        "INFO:AUSDatabase:Upgrading database to alembic version: head",
        "WARNING:AUSDatabase:something odd",
        "/usr/local/lib/python3.9/site-packages/x.py:12: DeprecationWarning: the error module is"
            + " deprecated",
        "DeprecationWarning: failing soon",
      })
  void stderrChatterIsNotAnError(String line) {
    assertThat(
            text(line.startsWith("[") || line.contains("uWSGI") ? "uwsgi" : "text", "error", line))
        .isNull();
  }

  @Test
  void stderrLinesThatSayErrorAre() {
    ErrorEvent e =
        text(
            "uwsgi",
            "error",
            "unable to load app 0 (mountpoint='') (callable not found or import error)");
    assertThat(e.severity()).isEqualTo("ERROR");
    assertThat(e.logger()).isEqualTo("uwsgi");
    assertThat(e.signature())
        .isEqualTo(
            "uwsgi: unable to load app N (mountpoint='…') (callable not found or import error)");
    ErrorEvent pipe =
        text(
            "text",
            "error",
            "uwsgi_response_writev_headers_and_body_do(): Broken pipe [core/writer.c "
                + "line 306] during GET /update/6/Firefox/1/x/update.xml (10.0.4.5)");
    assertThat(pipe.signature())
        .isEqualTo(
            "uwsgi_response_writev_headers_and_body_do(): Broken pipe [core/writer.c "
                + "line N] during GET /update/… (<ip>)");
    assertThat(pipe.sample()).doesNotContain("10.0.4.5").contains("<ip>");
    ErrorEvent lone = text("text", "error", "OSError: write error");
    assertThat(lone.exceptionType()).isEqualTo("OSError");
    assertThat(lone.signature()).isEqualTo("OSError: write error");
    assertThat(
            text("uwsgi", "critical", "!!! uWSGI process 10 got Segmentation Fault !!!").severity())
        .isEqualTo("CRITICAL");
  }

  @Test
  void stdoutTextIsNotAnErrorUnlessItSaysSoInItsOwnFormat() {
    assertThat(text("text", "info", "connection failed, retrying")).isNull();
    ErrorEvent basic =
        text("text", "info", "ERROR:AUSDatabase:Failed to upgrade to 0003: 1050 table exists");
    assertThat(basic.severity()).isEqualTo("ERROR");
    assertThat(basic.logger()).isEqualTo("AUSDatabase");
    assertThat(basic.signature()).isEqualTo("AUSDatabase: Failed to upgrade to N: N table exists");
    ErrorEvent plain =
        text(
            "text",
            "info",
            "2019-03-05 14:02:03,456 - CRITICAL - PID: 12 - Request: 140512345678912"
                + " - auslib.web.admin.base.ise#176: Caught ISE 500 error: boom");
    assertThat(plain.severity()).isEqualTo("CRITICAL");
    assertThat(plain.logger()).isEqualTo("auslib.web.admin.base.ise");
    assertThat(plain.signature()).isEqualTo("auslib.web.admin.base.ise: Caught ISE N error: boom");
    assertThat(text("text", "error", "")).isNull();
    assertThat(text(null, "error", "fatal thing")).isNotNull();
  }

  @Test
  void nginxLevels() {
    String msg = "connect() failed (111: Connection refused) while connecting to upstream";
    for (String level : new String[] {"error", "crit", "alert", "emerg"}) {
      ErrorEvent e =
          ErrorEvent.fromNginx(
              level, msg, "GET /api/rules HTTP/1.1", "http://10.0.6.11:7070/rules");
      assertThat(e).as(level).isNotNull();
      assertThat(e.signature()).isEqualTo(msg);
      assertThat(e.logger()).isNull();
    }
    assertThat(ErrorEvent.fromNginx("crit", msg, null, null).severity()).isEqualTo("CRITICAL");
    assertThat(ErrorEvent.fromNginx("emerg", msg, null, null).severity()).isEqualTo("EMERG");
    for (String level : new String[] {"warn", "notice", "info", "debug"}) {
      assertThat(ErrorEvent.fromNginx(level, msg, null, null)).as(level).isNull();
    }
    assertThat(
            ErrorEvent.fromNginx(
                    "error", msg, "GET /api/rules HTTP/1.1", "http://10.0.6.11:7070/rules")
                .sample())
        .isEqualTo(
            msg + ", request: \"GET /api/rules HTTP/1.1\", upstream: \"http://<ip>:7070/rules\"");
  }

  @Test
  void samplesAreRedactedThenTruncated() {
    String s = ErrorEvent.sample("x".repeat(496) + " 10.0.0.1 and more");
    assertThat(s).hasSize(ErrorEvent.SAMPLE_CHARS).isEqualTo("x".repeat(496) + " <i…");
  }

  @Property(tries = 300)
  void noSampleOrSignatureKeepsAnAddress(
      @ForAll @IntRange(min = 0, max = 255) int a,
      @ForAll @IntRange(min = 0, max = 255) int b,
      @ForAll @StringLength(max = 40) String noise) {
    String ip = "10." + a + "." + b + ".7";
    String line = "connect to " + ip + " failed: " + noise.replace(".", " ");
    for (ErrorEvent e :
        new ErrorEvent[] {
          text("text", "error", line),
          json("error", "root", line, null, null, null),
          ErrorEvent.fromNginx(
              "error", line, "GET /x?ip=" + ip + " HTTP/1.1", "http://" + ip + ":7070/")
        }) {
      assertThat(e.sample()).doesNotContain(ip);
      assertThat(e.signature()).doesNotContain(ip);
    }
  }

  @Test
  void severityOrder() {
    assertThat(Severity.EMERG.rank()).isGreaterThan(Severity.ALERT.rank());
    assertThat(Severity.ALERT.rank()).isGreaterThan(Severity.CRITICAL.rank());
    assertThat(Severity.CRITICAL.rank()).isGreaterThan(Severity.ERROR.rank());
    assertThat(Severity.ERROR.rank()).isGreaterThan(Severity.WARNING.rank());
    assertThat(Severity.of("crit")).isEqualTo(Severity.CRITICAL);
    assertThat(Severity.of("warn")).isEqualTo(Severity.WARNING);
    assertThat(Severity.of("notice")).isNull();
    assertThat(Severity.of(null)).isNull();
  }
}
