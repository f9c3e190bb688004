package org.mozilla.balrog.logs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One nginx error-log line (docs/formats.md#admin-nginx-error-log). The timestamp has no zone and
 * is taken as UTC. The context suffixes ({@code , client: ...}, {@code , request: "..."}) are split
 * off {@link #message}.
 *
 * @param connection the {@code *N} connection number, null when absent
 * @param client never written to an output table
 */
public record NginxErrorEntry(
    Instant eventTime,
    String level,
    int pid,
    int tid,
    Long connection,
    String message,
    String client,
    String server,
    String request,
    String subrequest,
    String upstream,
    String host,
    String referrer) {

  public NginxErrorEntry {
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(message, "message");
  }
}
