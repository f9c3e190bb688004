package org.mozilla.balrog.logs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of nginx {@code balrog_admin_format} / {@code balrog_agent_format}
 * (docs/formats.md#admin-nginx-access-log), or of the standard layouts that start like nginx {@code
 * combined} ({@code main}, extended and ingress-nginx ones). Quoted fields are unescaped ({@code
 * \xHH}); {@code -} becomes null, and so does a field the line's layout does not have.
 *
 * @param server {@code admin} or {@code agent}; null for the standard layouts, which do not name
 *     the server block
 * @param msec {@code $msec} as written; null for the standard layouts
 * @param eventTime {@code $msec}, or {@code $time_local} with its offset, as a UTC instant
 * @param remoteAddr never written to an output table; as written, so an X-Forwarded-For list logged
 *     in its place stays a list
 * @param requestLength {@code $request_length}; null when the layout does not log it
 * @param request the full request line; {@link #method}, {@link #uri}, {@link #protocol} split from
 *     it (null if it is not a request line)
 * @param upstreamResponseTime {@code $upstream_response_time} as written (may be a list), null for
 *     {@code -}
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
    Long requestLength,
    long bodyBytesSent,
    String remoteUser,
    Double requestTime,
    String upstreamResponseTime,
    Double upstreamResponseTimeTotal,
    String userAgent,
    String gzipRatio) {

  public NginxAccessEntry {
    Objects.requireNonNull(eventTime, "eventTime");
  }
}
