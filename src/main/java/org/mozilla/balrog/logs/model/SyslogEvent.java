package org.mozilla.balrog.logs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One syslog record as the views show it: a single line, or a multi-line traceback reassembled per
 * host/tag (then {@link #message} holds the lines joined with {@code \n} and {@link #lineCount} how
 * many there were). When the message is a Balrog JSON log line (FORMATS.md 6.2) its fields are
 * parsed into the {@code json*}/{@code fields*} components; otherwise those are null.
 *
 * @param payloadKind json, traceback, uwsgi or text
 * @param level normalised level: critical, error, warning, info, debug. From the JSON Severity
 *     (syslog or GCP scale, FORMATS.md 6.3) for JSON payloads, else from the syslog severity; null
 *     when neither exists
 * @param fieldsJson the JSON {@code Fields} object re-serialised, null for non-JSON
 * @param exceptionType the exception class of a traceback (stderr or JSON {@code
 *     Fields.traceback}), else null
 */
public record SyslogEvent(
    Instant eventTime,
    String hostname,
    String tag,
    String procId,
    Integer facility,
    Integer syslogSeverity,
    SyslogVariant variant,
    String message,
    int lineCount,
    PayloadKind payloadKind,
    String level,
    Instant jsonTimestamp,
    String jsonType,
    String jsonLogger,
    String jsonHostname,
    String jsonEnvVersion,
    Integer jsonSeverity,
    Integer jsonPid,
    String fieldsMessage,
    String fieldsError,
    String fieldsTraceback,
    String requestId,
    String fieldsJson,
    String exceptionType) {

  public SyslogEvent {
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(payloadKind, "payloadKind");
    if (lineCount < 1) {
      throw new IllegalArgumentException("lineCount must be >= 1: " + lineCount);
    }
  }

  /** What the syslog message carries. */
  public enum PayloadKind {
    JSON,
    TRACEBACK,
    UWSGI,
    TEXT;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
