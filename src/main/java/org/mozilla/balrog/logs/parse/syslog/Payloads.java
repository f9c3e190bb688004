package org.mozilla.balrog.logs.parse.syslog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognisers for syslog message payloads: tracebacks, uWSGI chatter. Package-private. */
final class Payloads {
  static final String TRACEBACK_START = "Traceback (most recent call last):";
  static final String CHAINED_DURING =
      "During handling of the above exception, another exception occurred:";
  static final String CHAINED_CAUSE =
      "The above exception was the direct cause of the following exception:";

  /** rsyslog's escape for LF inside one message ({@code $EscapeControlCharactersOnReceive}). */
  static final String RSYSLOG_LF = "#012";

  /**
   * The last line of a Python traceback (docs/formats.md#tracebacks): {@code module.Class:
   * message}, or a bare class name ({@code KeyboardInterrupt}). Group 1 is the class.
   */
  private static final Pattern END_LINE =
      Pattern.compile(
          "^([A-Za-z_][\\w.]*(?:Error|Exception|Exit|Interrupt|Warning)?)(?:: .*|:|)$",
          Pattern.DOTALL);

  private Payloads() {}

  /**
   * A line that continues an open traceback: an indented frame or source line, or a
   * chained-exception header.
   */
  static boolean isContinuation(String m) {
    return m.startsWith("  ") || isChainHeader(m);
  }

  static boolean isChainHeader(String m) {
    return m.equals(CHAINED_DURING) || m.equals(CHAINED_CAUSE);
  }

  /** The exception class when {@code m} is a traceback's final line, else null. */
  static String endLineClass(String m) {
    if (m.isEmpty() || m.length() > 100_000) {
      return null;
    }
    char c = m.charAt(0);
    if (!(Character.isLetter(c) || c == '_')) {
      return null; // cheap reject before the regex
    }
    Matcher matcher = END_LINE.matcher(m);
    return matcher.matches() ? matcher.group(1) : null;
  }

  /**
   * The exception class of an rsyslog-escaped one-message traceback: its last {@code #012} part
   * that ends one.
   */
  static String escapedTracebackClass(String m) {
    String[] parts = m.split(RSYSLOG_LF, -1);
    for (int i = parts.length - 1; i > 0; i--) {
      String cls = endLineClass(parts[i]);
      if (cls != null) {
        return cls;
      }
    }
    return null;
  }

  /**
   * The exception class named in a Balrog {@code Fields.traceback} ({@code <class 'x.y.Z'>}, or
   * {@code <type 'x'>} from Python 2), null when there is none.
   */
  static String classFromRepr(String traceback) {
    if (traceback == null) {
      return null;
    }
    int at = traceback.lastIndexOf("<class '");
    int skip = 8;
    if (at < 0) {
      at = traceback.lastIndexOf("<type '");
      skip = 7;
    }
    if (at < 0) {
      return null;
    }
    int close = traceback.indexOf("'>", at + skip);
    return close < 0 ? null : traceback.substring(at + skip, close);
  }

  /**
   * uWSGI's own stderr lines (docs/formats.md#uwsgi-and-other-stderr-text): request log lines, the
   * banner, worker and shutdown messages.
   */
  static boolean isUwsgi(String m) {
    return m.startsWith("[pid: ")
        || m.startsWith("*** ")
        || m.startsWith("WSGI app ")
        || m.startsWith("spawned uWSGI ")
        || m.startsWith("unable to load app ")
        || m.equals("goodbye to uWSGI.")
        || m.contains("uWSGI");
  }
}
