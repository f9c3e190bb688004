package org.mozilla.balrog.logs.metrics.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorSignatureTest {
  /** A stderr traceback as the syslog parser reassembles it (lines joined by \n). */
  static String stderrTraceback(String appFile, int line, String function, String exceptionLine) {
    return String.join(
        "\n",
        "Traceback (most recent call last):",
        "  File \"/usr/local/lib/python3.9/site-packages/flask/app.py\", line 1950, in"
            + " full_dispatch_request",
        "    rv = self.dispatch_request()",
        "  File \"/usr/local/lib/python3.9/site-packages/connexion/decorators/decorator.py\", line"
            + " 68, in wrapper",
        "    response = function(request)",
        "  File \"" + appFile + "\", line " + line + ", in " + function,
        "    for partial in self[\"platforms\"][buildTarget][\"locales\"][locale][\"partials\"]:",
        exceptionLine);
  }

  /** Balrog's safer_format_traceback text (JSON Fields.traceback). */
  static String jsonTraceback(String appFile, int line, String function, String cls, String repr) {
    return "Uncaught exception:\n"
        + "  File \"/usr/local/lib/python3.9/site-packages/flask/app.py\", line 1950, in"
        + " full_dispatch_request\n"
        + "    rv = self.dispatch_request()\n"
        + "  File \""
        + appFile
        + "\", line "
        + line
        + ", in "
        + function
        + "\n"
        + "    x = y\n"
        + "<class '"
        + cls
        + "'>\n"
        + repr
        + "\n";
  }

  @Test
  void tracebackSignatureIsTheExceptionAndTheInnermostApplicationFrame() {
    String tb =
        stderrTraceback(
            "/app/auslib/blobs/apprelease.py", 412, "_getPartialsXML", "KeyError: 'partials'");
    assertThat(ErrorSignature.ofTraceback("KeyError", tb))
        .isEqualTo("KeyError @ auslib/blobs/apprelease.py:_getPartialsXML");
  }

  @Test
  void lineNumbersHostsAndMessagesDoNotChangeATracebackSignature() {
    String a =
        stderrTraceback(
            "/app/auslib/blobs/apprelease.py", 412, "_getPartialsXML", "KeyError: 'partials'");
    String b =
        stderrTraceback(
            "/app/auslib/blobs/apprelease.py", 977, "_getPartialsXML", "KeyError: 'locales'");
    String c =
        stderrTraceback(
            "/srv/balrog/src/auslib/blobs/apprelease.py", 3, "_getPartialsXML", "KeyError: 'x'");
    assertThat(ErrorSignature.ofTraceback("KeyError", a))
        .isEqualTo(ErrorSignature.ofTraceback("KeyError", b))
        .isEqualTo(ErrorSignature.ofTraceback("KeyError", c));
  }

  @Test
  void jsonAndStderrTracebacksOfOneErrorHaveOneSignature() {
    String stderr =
        stderrTraceback(
            "/app/auslib/db.py", 245, "select", "sqlalchemy.exc.OperationalError: (2013, 'Lost')");
    String json =
        jsonTraceback(
            "/app/auslib/db.py",
            245,
            "select",
            "sqlalchemy.exc.OperationalError",
            "OperationalError(\"(2013, 'Lost')\")");
    assertThat(ErrorSignature.ofTraceback("sqlalchemy.exc.OperationalError", json))
        .isEqualTo(ErrorSignature.ofTraceback("sqlalchemy.exc.OperationalError", stderr))
        .isEqualTo("sqlalchemy.exc.OperationalError @ auslib/db.py:select");
  }

  @Test
  void differentFunctionsOrExceptionsAreDifferentSignatures() {
    String a = stderrTraceback("/app/auslib/AUS.py", 171, "evaluateRules", "AttributeError: x");
    String b =
        stderrTraceback("/app/auslib/AUS.py", 171, "getFallbackChannel", "AttributeError: x");
    assertThat(ErrorSignature.ofTraceback("AttributeError", a))
        .isNotEqualTo(ErrorSignature.ofTraceback("AttributeError", b));
    assertThat(ErrorSignature.ofTraceback("AttributeError", a))
        .isNotEqualTo(ErrorSignature.ofTraceback("KeyError", a));
  }

  @Test
  void withoutAnApplicationFrameTheInnermostLibraryFrameIsUsed() {
    String tb =
        String.join(
            "\n",
            "Traceback (most recent call last):",
            "  File \"/usr/local/lib/python3.9/site-packages/werkzeug/wsgi.py\", line 462, in"
                + " __next__",
            "    return self._next()",
            "  File \"/usr/local/lib/python3.9/site-packages/werkzeug/wrappers/response.py\", line"
                + " 50, in _iter_encoded",
            "    for item in iterable:",
            "OSError: write error");
    assertThat(ErrorSignature.ofTraceback("OSError", tb))
        .isEqualTo("OSError @ werkzeug/wrappers/response.py:_iter_encoded");
  }

  @Test
  void balrogInstalledAsAPackageIsStillTheApplication() {
    String tb =
        String.join(
            "\n",
            "Traceback (most recent call last):",
            "  File \"/usr/local/lib/python3.13/site-packages/auslib/web/admin/views/base.py\","
                + " line 97, in _put",
            "    x",
            "  File \"/usr/local/lib/python3.13/site-packages/sqlalchemy/engine/base.py\", line 1,"
                + " in execute",
            "    y",
            "KeyError: 'data_version'");
    assertThat(ErrorSignature.ofTraceback("builtins.KeyError", tb))
        .isEqualTo("KeyError @ auslib/web/admin/views/base.py:_put");
  }

  @Test
  void agentAndScriptFramesAreRelativeToTheApp() {
    String agent =
        jsonTraceback(
            "/app/src/balrogagent/client.py",
            49,
            "request",
            "aiohttp.client_exceptions.ContentTypeError",
            "ContentTypeError()");
    assertThat(ErrorSignature.ofTraceback("aiohttp.client_exceptions.ContentTypeError", agent))
        .isEqualTo("aiohttp.client_exceptions.ContentTypeError @ balrogagent/client.py:request");
    String script =
        String.join(
            "\n",
            "Traceback (most recent call last):",
            "  File \"scripts/manage-db.py\", line 212, in <module>",
            "    db.upgrade(options.version)",
            "  File \"/usr/lib/python3.9/logging/__init__.py\", line 3, in emit",
            "    z",
            "ValueError: bad");
    assertThat(ErrorSignature.ofTraceback("ValueError", script))
        .isEqualTo("ValueError @ scripts/manage-db.py:<module>");
  }

  @Test
  void aChainedTracebackIsSignedByItsLastException() {
    String tb =
        String.join(
            "\n",
            "Traceback (most recent call last):",
            "  File \"/app/auslib/db.py\", line 10, in first",
            "    a",
            "KeyError: 'a'",
            "During handling of the above exception, another exception occurred:",
            "Traceback (most recent call last):",
            "  File \"/app/auslib/web/admin/base.py\", line 20, in ise",
            "    b",
            "ValueError: b");
    assertThat(ErrorSignature.ofTraceback("ValueError", tb))
        .isEqualTo("ValueError @ auslib/web/admin/base.py:ise");
  }

  @Test
  void rsyslogEscapedTracebacksAreRead() {
    String tb =
        "Traceback (most recent call last):#012  File \"/app/auslib/AUS.py\", line 171, in"
            + " evaluateRules#012    x#012AttributeError: 'NoneType' object has no attribute 'get'";
    assertThat(ErrorSignature.ofTraceback("AttributeError", tb))
        .isEqualTo("AttributeError @ auslib/AUS.py:evaluateRules");
  }

  @Test
  void aTracebackCutShortOrWithoutFrames() {
    assertThat(
            ErrorSignature.ofTraceback(
                null,
                "Traceback (most recent call last):\n  File \"/app/auslib/db.py\", "
                    + "line 3, in select"))
        .isEqualTo("UnknownException @ auslib/db.py:select");
    assertThat(
            ErrorSignature.ofTraceback(
                "KeyboardInterrupt", "Traceback (most recent call last):\nKeyboardInterrupt"))
        .isEqualTo("KeyboardInterrupt");
    assertThat(ErrorSignature.ofTraceback("exceptions.KeyError", null)).isEqualTo("KeyError");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Scheduled change 41234 failed|Scheduled change N failed",
        "Caught ISE 500 error: KeyError('data_version')|Caught ISE N error: KeyError('…')",
        "Forbidden domain: download.cdn.example.net|Forbidden domain: download.cdn.example.net",
        "Can't connect to MySQL server on 'db' (111)|Can't connect to MySQL server on '…' (N)",
        "lost connection to 10.0.6.11:7070 and [2001:db8::1]:443|lost connection to <ip>:N and"
            + " [<ip>]:N",
        "request 5f0c8e3a-1b2c-4d5e-8f90-123456789abc done|request X done",
        "container 9b1c2d3e4f5a at 0x55d5c6a0e5a0|container X at X",
        "Exception on"
            + " /update/6/Firefox/145.0.2/20251103/WINNT_x86_64-msvc-x64/en-US/release/update.xml"
            + " [GET]|Exception on /update/… [GET]",
        "Exception on /json/1/FirefoxVPN/2.3/WINNT_x86_64/release/update.json [GET]|Exception on"
            + " /json/… [GET]",
        "PUT /api/rules/1234?data_version=2 failed|PUT /api/rules/{id} failed",
        "user jane.doe@mozilla.com denied|user <email> denied",
        "value \"x \\\" y\" rejected|value '…' rejected",
        "took 12.5 ms for Firefox-146.0b9-build1|took N ms for Firefox-NbN-buildN",
        "  many   spaces  |many spaces",
      })
  void normalizeReplacesVariableParts(String in, String out) {
    assertThat(ErrorSignature.normalize(in)).isEqualTo(out);
  }

  @Test
  void messageSignaturesAreStableAcrossIdsAndAddresses() {
    assertThat(ErrorSignature.ofMessage("root", "Scheduled change 41234 failed on 10.0.7.31"))
        .isEqualTo(ErrorSignature.ofMessage("root", "Scheduled change 99 failed on 10.0.7.32"))
        .isEqualTo("root: Scheduled change N failed on <ip>");
    assertThat(ErrorSignature.ofMessage(null, "x 1")).isEqualTo("x N");
    assertThat(ErrorSignature.ofMessage("", null)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "connect() failed (111: Connection refused) while connecting to upstream"
            + "|connect() failed (111: Connection refused) while connecting to upstream",
        "upstream timed out (110: Connection timed out) while reading response header from"
            + " upstream|upstream timed out (110: Connection timed out) while reading response"
            + " header from upstream",
        "open() \"/usr/share/nginx/html/favicon.ico\" failed (2: No such file or directory)"
            + "|open() '…' failed (2: No such file or directory)",
        "a client request body is buffered to a temporary file"
            + " /var/cache/nginx/client_temp/0000012345|a client request body is buffered to a"
            + " temporary file /var/cache/nginx/client_temp/N",
        "limiting requests, excess: 10.500 by zone \"one\"|limiting requests, excess: N by zone"
            + " '…'",
        "upstream prematurely closed connection while reading response header from upstream"
            + "|upstream prematurely closed connection while reading response header from upstream",
        "recv() failed (104: Connection reset by peer) while reading from 10.0.1.5"
            + "|recv() failed (104: Connection reset by peer) while reading from <ip>",
      })
  void nginxSignatures(String message, String signature) {
    assertThat(ErrorSignature.ofNginx(message)).isEqualTo(signature);
  }

  @Test
  void signaturesAreCapped() {
    String longMessage = "x".repeat(2000);
    assertThat(ErrorSignature.ofMessage("l", longMessage)).hasSize(ErrorSignature.MAX_LENGTH);
    assertThat(ErrorSignature.ofNginx(longMessage)).hasSize(ErrorSignature.MAX_LENGTH);
  }

  @Test
  void relativeFiles() {
    for (List<String> c :
        List.of(
            List.of("/app/auslib/db.py", "auslib/db.py"),
            List.of("/app/src/auslib/db.py", "auslib/db.py"),
            List.of("/app/src/balrogagent/cmd.py", "balrogagent/cmd.py"),
            List.of("/usr/local/lib/python3.9/site-packages/flask/app.py", "flask/app.py"),
            List.of("/usr/lib/python3/dist-packages/six.py", "six.py"),
            List.of("/usr/lib/python3.9/logging/__init__.py", "logging/__init__.py"),
            List.of("/app/scripts/manage-db.py", "scripts/manage-db.py"),
            List.of("C:\\balrog\\auslib\\db.py", "auslib/db.py"))) {
      assertThat(ErrorSignature.relativeFile(c.get(0))).as(c.get(0)).isEqualTo(c.get(1));
    }
    assertThat(ErrorSignature.isApplication("/usr/lib/python3.9/logging/__init__.py")).isFalse();
    assertThat(ErrorSignature.isApplication("<frozen importlib._bootstrap>")).isFalse();
    assertThat(ErrorSignature.isApplication("/app/uwsgi/public.wsgi")).isTrue();
  }
}
