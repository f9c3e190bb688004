package org.mozilla.balrog.logs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One physical syslog line (docs/formats.md#syslog-headers), before multi-line reassembly.
 *
 * @param variant which header layout the line used
 * @param pri the {@code <PRI>} value, null when the stored line dropped it
 * @param eventTime UTC; RFC 3164 lines take their year from the file's date folder and are read as
 *     UTC
 * @param hostname null for the srslog Unix format (no hostname)
 * @param tag the TAG / APP-NAME (e.g. {@code docker/9b1c2d3e4f5a})
 * @param procId the {@code [PID]} / PROCID, null when absent or {@code -}
 * @param msgId RFC 5424 MSGID, null otherwise
 * @param structuredData RFC 5424 STRUCTURED-DATA, null when {@code -} or not 5424
 * @param message the MSG part (a leading BOM removed)
 */
public record SyslogLine(
    SyslogVariant variant,
    Integer pri,
    Instant eventTime,
    String hostname,
    String tag,
    String procId,
    String msgId,
    String structuredData,
    String message) {

  public SyslogLine {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(message, "message");
  }

  public Integer facility() {
    return pri == null ? null : pri / 8;
  }

  public Integer severity() {
    return pri == null ? null : pri % 8;
  }
}
