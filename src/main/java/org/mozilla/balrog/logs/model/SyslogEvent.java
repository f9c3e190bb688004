package org.mozilla.balrog.logs.model;

import java.util.Objects;

/**
 * One syslog record as the views show it: a single line, or a multi-line traceback reassembled per
 * host/tag (then the envelope's message holds the lines joined with {@code \n} and its line count
 * how many there were). The envelope is the syslog framing every record has; the payload is what
 * its message carries, with only the fields of its kind.
 */
public record SyslogEvent(SyslogEnvelope envelope, SyslogPayload payload) {

  public SyslogEvent {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(payload, "payload");
  }

  /** JSON, traceback, uWSGI or text. */
  public SyslogPayload.Kind payloadKind() {
    return payload.kind();
  }

  /**
   * Normalised level: critical, error, warning, info, debug. From the JSON Severity (syslog or GCP
   * scale, docs/formats.md#severity-scales) for JSON payloads that have one, else from the syslog
   * severity; null when neither exists.
   */
  public String level() {
    return payload.level(envelope.syslogSeverity());
  }

  /** The exception class of a traceback (stderr or JSON {@code Fields.traceback}), else null. */
  public String exceptionType() {
    return payload.exceptionType();
  }
}
