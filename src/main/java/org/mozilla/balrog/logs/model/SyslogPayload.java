package org.mozilla.balrog.logs.model;

import java.time.Instant;
import java.util.Locale;

/**
 * What the message of a {@link SyslogEvent} carries (docs/formats.md#syslog-payloads): a Balrog
 * JSON log line, a Python traceback, uWSGI's own chatter, or other text. Each kind holds only its
 * own fields.
 */
public sealed interface SyslogPayload
    permits SyslogPayload.JsonPayload,
        SyslogPayload.TracebackPayload,
        SyslogPayload.UwsgiPayload,
        SyslogPayload.TextPayload {

  Kind kind();

  /** The exception class this payload names, null when it names none. */
  default String exceptionType() {
    return null;
  }

  /**
   * The event's normalised level (see {@link SyslogLevel}) given its syslog severity (null when the
   * line had no PRI): by default the syslog severity's.
   */
  default String level(Integer syslogSeverity) {
    return SyslogLevel.ofSyslogSeverity(syslogSeverity);
  }

  /** The payload kinds, as the {@code payload_kind} column names them. */
  enum Kind {
    JSON,
    TRACEBACK,
    UWSGI,
    TEXT;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A Balrog JSON log line (docs/formats.md#balrog-json-lines): its top-level keys, then the
   * well-known keys of its {@code Fields} object. Keys that are missing, or of an odd type, are
   * null.
   *
   * @param timestamp {@code Timestamp} (nanoseconds since the epoch) as an instant
   * @param severity {@code Severity} on the syslog or the GCP scale
   * @param requestId {@code Fields.requestid} as written (a number or a string)
   * @param fieldsJson the {@code Fields} object re-serialised, null when there is none
   * @param exceptionType the exception class named in {@code Fields.traceback}, else null
   */
  record JsonPayload(
      Instant timestamp,
      String type,
      String logger,
      String hostname,
      String envVersion,
      Integer severity,
      Integer pid,
      String fieldsMessage,
      String fieldsError,
      String fieldsTraceback,
      String requestId,
      String fieldsJson,
      String exceptionType)
      implements SyslogPayload {

    @Override
    public Kind kind() {
      return Kind.JSON;
    }

    /**
     * The application's own Severity wins: Docker gives every stdout line PRI 30 whatever its
     * level. Without one, the syslog severity's level.
     */
    @Override
    public String level(Integer syslogSeverity) {
      return severity != null
          ? SyslogLevel.ofJsonSeverity(severity)
          : SyslogLevel.ofSyslogSeverity(syslogSeverity);
    }
  }

  /**
   * A Python traceback printed to stderr, reassembled from its lines or rsyslog-escaped in one.
   *
   * @param exceptionType the class its final line names, null when it was cut short
   */
  record TracebackPayload(String exceptionType) implements SyslogPayload {
    @Override
    public Kind kind() {
      return Kind.TRACEBACK;
    }
  }

  /**
   * uWSGI's own stderr lines (docs/formats.md#uwsgi-and-other-stderr-text): request log lines,
   * banner, worker messages.
   */
  record UwsgiPayload() implements SyslogPayload {
    public static final UwsgiPayload INSTANCE = new UwsgiPayload();

    @Override
    public Kind kind() {
      return Kind.UWSGI;
    }
  }

  /** Any other message, including JSON that is not a complete Balrog line. */
  record TextPayload() implements SyslogPayload {
    public static final TextPayload INSTANCE = new TextPayload();

    @Override
    public Kind kind() {
      return Kind.TEXT;
    }
  }
}
