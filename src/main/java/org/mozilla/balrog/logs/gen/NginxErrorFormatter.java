package org.mozilla.balrog.logs.gen;

import org.mozilla.balrog.logs.model.NginxErrorEntry;

/**
 * Writes a {@link NginxErrorEntry} as a standard nginx error-log line
 * (docs/formats.md#admin-nginx-error-log): {@code YYYY/MM/DD HH:MM:SS [level] pid#tid: *conn
 * message[, client: ..][, server: ..][, request: ".."]...}. The time is written in UTC at second
 * precision; null context fields are left out ({@code server} may be empty, as nginx writes {@code
 * server: ,}). Stateless and thread-safe.
 */
final class NginxErrorFormatter {

  public String format(NginxErrorEntry e) {
    return append(new StringBuilder(256), e).toString();
  }

  public StringBuilder append(StringBuilder sb, NginxErrorEntry e) {
    Fmt.dateTime(sb, e.eventTime().getEpochSecond(), '/', ' ');
    sb.append(" [")
        .append(e.level())
        .append("] ")
        .append(e.pid())
        .append('#')
        .append(e.tid())
        .append(": ");
    if (e.connection() != null) {
      sb.append('*').append(e.connection().longValue()).append(' ');
    }
    sb.append(e.message());
    plain(sb, "client", e.client());
    plain(sb, "server", e.server());
    quoted(sb, "request", e.request());
    quoted(sb, "subrequest", e.subrequest());
    quoted(sb, "upstream", e.upstream());
    quoted(sb, "host", e.host());
    quoted(sb, "referrer", e.referrer());
    return sb;
  }

  private static void plain(StringBuilder sb, String name, String value) {
    if (value != null) {
      sb.append(", ").append(name).append(": ").append(value);
    }
  }

  private static void quoted(StringBuilder sb, String name, String value) {
    if (value != null) {
      sb.append(", ").append(name).append(": \"").append(value).append('"');
    }
  }
}
