package org.mozilla.balrog.logs.metrics.errors;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.balrog.logs.privacy.Redactor;

/**
 * One application or nginx error, classified from the columns of a parsed event: whether it is an
 * error at all, its severity, logger, exception class, {@link ErrorSignature signature} and a
 * redacted sample. Pure Java, thread-safe.
 *
 * <p><b>Which syslog events are errors</b> (docs/formats.md#syslog-payloads):
 *
 * <ul>
 *   <li>Balrog JSON records whose level (from the JSON {@code Severity},
 *       docs/formats.md#severity-scales) is {@code error} or {@code critical}. Warnings ({@code
 *       Forbidden domain}, {@code Bad input}, {@code Authorization Required}) are not errors. The
 *       2019-2020 mapping bug logs CRITICAL as 7 (debug); such records cannot be told from debug
 *       lines and are not counted.
 *   <li>Every reassembled traceback (payload {@code traceback}): severity CRITICAL when its syslog
 *       level is, else ERROR.
 *   <li>Other text on the containers' streams ({@code uwsgi}, {@code text}): Docker gives every
 *       stderr line syslog severity {@code err}, whatever it says, so the level alone means
 *       nothing. A line in Python's {@code LEVEL:logger:message} or Balrog's plain format is an
 *       error when its own level is ERROR or CRITICAL (so alembic's {@code INFO:...} migration
 *       lines are not). Any other line must be at syslog level error/critical and say so in words
 *       ({@code error}, {@code exception}, {@code failed}, {@code fatal}, {@code unable to}, {@code
 *       cannot}, {@code refused}, {@code broken pipe}, {@code segmentation fault}, {@code died},
 *       {@code no app loaded}, {@code !!!}, ...): uWSGI's banner, worker and {@code goodbye to
 *       uWSGI.} lines, its request log lines ({@code [pid: ...}) and Python {@code warnings} output
 *       are not errors.
 * </ul>
 *
 * <p><b>nginx</b>: levels {@code error}, {@code crit}, {@code alert} and {@code emerg}. {@code
 * warn} is left out: in the admin nginx it is request-body buffering and similar notes that say
 * nothing about the app's health.
 *
 * @param severity {@link Severity} name
 * @param logger the Python logger name when known (JSON {@code Type}, {@code LEVEL:logger:}
 *     prefix), {@code uwsgi} for uWSGI lines, else null
 * @param exceptionType the exception class when known, else null
 * @param sample one message, IP addresses redacted, at most {@link #SAMPLE_CHARS} characters
 */
public record ErrorEvent(
    String severity, String logger, String exceptionType, String signature, String sample) {
  public static final int SAMPLE_CHARS = 500;

  public ErrorEvent {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(sample, "sample");
  }

  /**
   * {@code LEVEL:logger:message} (Python's {@code logging.basicConfig} format, e.g. manage-db and
   * alembic).
   */
  private static final Pattern BASIC_FORMAT =
      Pattern.compile("^(CRITICAL|ERROR|WARNING|INFO|DEBUG):([^:\\s]+):(.*)$", Pattern.DOTALL);

  /**
   * Balrog's plain formatter (docs/formats.md#uwsgi-and-other-stderr-text): {@code time - LEVEL -
   * PID: n - Request: id - logger.func#line: msg}.
   */
  private static final Pattern PLAIN_FORMAT =
      Pattern.compile(
          "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d+ - (CRITICAL|ERROR|WARNING|INFO|DEBUG) -"
              + " PID: \\S+ - Request: \\S+ - (\\S+?)#\\d+: (.*)$",
          Pattern.DOTALL);

  /** A lone Python exception line, {@code module.SomeError: message}. */
  private static final Pattern EXCEPTION_LINE =
      Pattern.compile(
          "^([A-Za-z_][\\w.]*(?:Error|Exception|Exit|Interrupt|Warning)): ?(.*)$", Pattern.DOTALL);

  /** Python's {@code warnings} output: {@code /path/file.py:12: DeprecationWarning: message}. */
  private static final Pattern PYTHON_WARNING = Pattern.compile("^\\S+:\\d+: [\\w.]*Warning: ");

  private static final Pattern ERROR_WORDS =
      Pattern.compile(
          "(?i)\\b(?:error|errors|exception|fail|failed|failure|fatal|unable to|cannot|can't|could"
              + " not|refused|denied|broken pipe|segmentation fault|died|timed out|timeout|no app"
              + " loaded)\\b|!!!|DAMN");

  // ---------------------------------------------------------------- syslog

  /**
   * The error a syslog event carries, or null when it is not an error (see the class contract).
   *
   * @param payloadKind json, traceback, uwsgi or text
   * @param level the event's normalised level (critical, error, warning, info, debug; may be null)
   * @param message the syslog message (the whole reassembled text for a traceback)
   * @param jsonType the JSON {@code Type} (Python logger name), for JSON records
   * @param fieldsMessage JSON {@code Fields.message}
   * @param fieldsError JSON {@code Fields.error} ({@code repr} of the exception)
   * @param fieldsTraceback JSON {@code Fields.traceback}
   * @param exceptionType the exception class the parser found (traceback or JSON traceback), may be
   *     null
   */
  public static ErrorEvent fromSyslog(
      String payloadKind,
      String level,
      String message,
      String jsonType,
      String fieldsMessage,
      String fieldsError,
      String fieldsTraceback,
      String exceptionType) {
    String kind = payloadKind == null ? "text" : payloadKind;
    return switch (kind) {
      case "json" ->
          json(
              level, message, jsonType, fieldsMessage, fieldsError, fieldsTraceback, exceptionType);
      case "traceback" -> traceback(level, message, exceptionType);
      default -> text(kind, level, message);
    };
  }

  private static ErrorEvent json(
      String level,
      String message,
      String logger,
      String fieldsMessage,
      String error,
      String traceback,
      String exceptionType) {
    Severity sev = Severity.of(level);
    if (sev == null || sev.rank() < Severity.ERROR.rank()) {
      return null;
    }
    String text = fieldsMessage != null ? fieldsMessage : error != null ? error : message;
    if (fieldsMessage != null && error != null && !fieldsMessage.contains(error)) {
      text = fieldsMessage + " " + error;
    }
    boolean hasTraceback = traceback != null && !traceback.isBlank();
    String type = exceptionType != null ? ErrorSignature.exceptionClass(exceptionType) : null;
    String signature =
        hasTraceback || type != null
            ? ErrorSignature.ofTraceback(type, traceback)
            : ErrorSignature.ofMessage(logger, fieldsMessage != null ? fieldsMessage : text);
    return new ErrorEvent(sev.name(), logger, type, signature, sample(text == null ? "" : text));
  }

  private static ErrorEvent traceback(String level, String message, String exceptionType) {
    Severity sev = Severity.of(level) == Severity.CRITICAL ? Severity.CRITICAL : Severity.ERROR;
    String type = exceptionType != null ? ErrorSignature.exceptionClass(exceptionType) : null;
    String text = message == null ? "" : message;
    String[] lines = text.split("\\r?\\n|#012");
    String last = lines[lines.length - 1].trim();
    ErrorSignature.Frame f = ErrorSignature.innermostAppFrame(text);
    String sample = type != null ? last : lines[0];
    if (f != null) {
      sample = sample + " [in " + f.file() + ":" + f.function() + "]";
    }
    return new ErrorEvent(
        sev.name(), null, type, ErrorSignature.ofTraceback(type, text), sample(sample));
  }

  private static ErrorEvent text(String kind, String level, String message) {
    if (message == null || message.isBlank()) {
      return null;
    }
    Matcher m = BASIC_FORMAT.matcher(message);
    if (!m.matches()) {
      m = PLAIN_FORMAT.matcher(message);
      if (!m.matches()) {
        m = null;
      }
    }
    if (m != null) {
      Severity own = Severity.of(m.group(1));
      if (own == null || own.rank() < Severity.ERROR.rank()) {
        return null;
      }
      return new ErrorEvent(
          own.name(),
          m.group(2),
          exceptionOf(m.group(3)),
          ErrorSignature.ofMessage(m.group(2), m.group(3)),
          sample(message));
    }
    Severity sev = Severity.of(level);
    if (sev == null
        || sev.rank() < Severity.ERROR.rank()
        || message.startsWith("[pid: ")
        || PYTHON_WARNING.matcher(message).find()) {
      return null;
    }
    String exception = exceptionOf(message);
    if (exception != null && exception.endsWith("Warning")) {
      return null;
    }
    if (exception == null && !ERROR_WORDS.matcher(message).find()) {
      return null;
    }
    String logger = kind.equals("uwsgi") ? "uwsgi" : null;
    return new ErrorEvent(
        sev.name(), logger, exception, ErrorSignature.ofMessage(logger, message), sample(message));
  }

  private static String exceptionOf(String text) {
    Matcher m = EXCEPTION_LINE.matcher(text.trim());
    return m.matches() ? ErrorSignature.exceptionClass(m.group(1)) : null;
  }

  // ---------------------------------------------------------------- nginx

  /**
   * The error an nginx error-log line carries, or null below level {@code error}. The sample is the
   * message with the request, upstream and host context (never the client address), redacted.
   */
  public static ErrorEvent fromNginx(
      String level, String message, String request, String upstream) {
    Severity sev = Severity.of(level);
    if (sev == null || sev.rank() < Severity.ERROR.rank() || message == null) {
      return null;
    }
    StringBuilder sample = new StringBuilder(message);
    if (request != null) {
      sample.append(", request: \"").append(request).append('"');
    }
    if (upstream != null) {
      sample.append(", upstream: \"").append(upstream).append('"');
    }
    return new ErrorEvent(
        sev.name(), null, null, ErrorSignature.ofNginx(message), sample(sample.toString()));
  }

  /** Redacted first (so no address is cut into an unrecognisable piece), then truncated. */
  static String sample(String text) {
    String s = Redactor.redact(text);
    return s.length() <= SAMPLE_CHARS ? s : s.substring(0, SAMPLE_CHARS - 1) + "…";
  }
}
