package org.mozilla.balrog.logs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of nginx {@code balrog_admin_format} / {@code balrog_agent_format} (FORMATS.md 5.1). Quoted fields are
 * unescaped ({@code \xHH}); {@code -} becomes null.
 *
 * @param server {@code admin} or {@code agent}
 * @param msec {@code $msec} as written
 * @param eventTime {@code $msec} as a UTC instant
 * @param remoteAddr never written to an output table
 * @param request the full request line; {@link #method}, {@link #uri}, {@link #protocol} split from it (null if it is
 *     not a request line)
 * @param upstreamResponseTime {@code $upstream_response_time} as written (may be a list), null for {@code -}
 * @param upstreamResponseTimeTotal the sum of the numbers in that list, null when there are none
 */
public record NginxAccessEntry(
    String server,
    String msec,
    Instant eventTime,
    String remoteAddr,
    String request,
    String method,
    String uri,
    String protocol,
    int status,
    long requestLength,
    long bodyBytesSent,
    String remoteUser,
    Double requestTime,
    String upstreamResponseTime,
    Double upstreamResponseTimeTotal,
    String userAgent,
    String gzipRatio) {

  public NginxAccessEntry {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(eventTime, "eventTime");
  }
}
