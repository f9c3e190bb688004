package org.mozilla.balrog.logs.gen;

import java.nio.charset.StandardCharsets;
import org.mozilla.balrog.logs.model.NginxAccessEntry;

/**
 * Writes a {@link NginxAccessEntry} as a {@code balrog_admin_format} / {@code balrog_agent_format}
 * line (docs/formats.md#admin-nginx-access-log). Quoted fields are escaped like nginx {@code
 * escape=default}: {@code "}, {@code \}, control characters and bytes above 126 (of the UTF-8
 * encoding) become {@code \xHH}. Null fields are written as {@code -}; {@code request_time} with 3
 * decimals. Stateless and thread-safe.
 */
final class NginxAccessFormatter {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  public String format(NginxAccessEntry e) {
    return append(new StringBuilder(256), e).toString();
  }

  public StringBuilder append(StringBuilder sb, NginxAccessEntry e) {
    sb.append(e.server()).append(' ').append(e.msec()).append(' ');
    quoted(sb, e.remoteAddr());
    sb.append(' ');
    quoted(sb, e.request());
    sb.append(' ')
        .append(e.status())
        .append(' ')
        .append(e.requestLength())
        .append(' ')
        .append(e.bodyBytesSent());
    sb.append(' ').append(e.remoteUser() == null ? "-" : e.remoteUser()).append(' ');
    if (e.requestTime() == null) {
      sb.append('-');
    } else {
      Fmt.fixed(sb, e.requestTime(), 3);
    }
    sb.append(' ')
        .append(e.upstreamResponseTime() == null ? "-" : e.upstreamResponseTime())
        .append(' ');
    quoted(sb, e.userAgent());
    sb.append(' ');
    quoted(sb, e.gzipRatio());
    return sb;
  }

  /** {@code "value"} with nginx escaping, {@code "-"} for null. */
  static void quoted(StringBuilder sb, String s) {
    sb.append('"');
    if (s == null) {
      sb.append('-');
    } else {
      escape(sb, s);
    }
    sb.append('"');
  }

  static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f) {
        hex(sb, c);
      } else if (c > 126) {
        int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
        for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          hex(sb, b & 0xff);
        }
        i = end - 1;
      } else {
        sb.append(c);
      }
    }
  }

  private static void hex(StringBuilder sb, int b) {
    sb.append("\\x").append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
  }
}
