package org.mozilla.balrog.logs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The syslog framing of one {@link SyslogEvent}: the header of its first line, its whole message
 * and how many physical lines it took.
 *
 * @param hostname null for the srslog Unix format (no hostname)
 * @param tag the TAG / APP-NAME (e.g. {@code docker/9b1c2d3e4f5a})
 * @param procId the {@code [PID]} / PROCID, null when absent
 * @param facility from the PRI, null when the line had none
 * @param syslogSeverity from the PRI (0-7), null when the line had none
 * @param message one line, or the lines of a reassembled traceback or of a message with
 *     continuation lines joined with {@code \n}
 * @param lineCount the number of physical lines in {@code message}, at least 1
 */
public record SyslogEnvelope(
    Instant eventTime,
    String hostname,
    String tag,
    String procId,
    Integer facility,
    Integer syslogSeverity,
    SyslogVariant variant,
    String message,
    int lineCount) {

  public SyslogEnvelope {
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(message, "message");
    if (lineCount < 1) {
      throw new IllegalArgumentException("lineCount must be >= 1: " + lineCount);
    }
  }

  /** The header of {@code first} with {@code message} spanning {@code lineCount} lines. */
  public static SyslogEnvelope of(SyslogLine first, String message, int lineCount) {
    return new SyslogEnvelope(
        first.eventTime(),
        first.hostname(),
        first.tag(),
        first.procId(),
        first.facility(),
        first.severity(),
        first.variant(),
        message,
        lineCount);
  }
}
