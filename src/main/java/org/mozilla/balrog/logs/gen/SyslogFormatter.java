package org.mozilla.balrog.logs.gen;

import org.mozilla.balrog.logs.model.SyslogLine;

/**
 * Writes a {@link SyslogLine} in the header layout of its {@link
 * org.mozilla.balrog.logs.model.SyslogVariant} (docs/formats.md#syslog-headers): RFC 3164 with or
 * without {@code <PRI>} ({@code Mmm _d hh:mm:ss}, UTC, seconds), RFC 5424 ({@code <PRI>1 TIME HOST
 * APP PROCID MSGID SD MSG}, nulls as {@code -}), srslog default ({@code <PRI> RFC3339 HOST
 * TAG[PID]: MSG}) and srslog unix ({@code <PRI>Mmm _d hh:mm:ss TAG[PID]: MSG}). RFC 3339 times
 * carry a fraction (6 digits) only when the instant has one. Stateless and thread-safe.
 */
final class SyslogFormatter {

  public String format(SyslogLine l) {
    return append(new StringBuilder(200), l).toString();
  }

  public StringBuilder append(StringBuilder sb, SyslogLine l) {
    long sec = l.eventTime().getEpochSecond();
    switch (l.variant()) {
      case RFC3164 -> {
        pri(sb, l);
        Fmt.bsd(sb, sec);
        sb.append(' ').append(l.hostname()).append(' ');
        tag(sb, l);
      }
      case RFC3164_NO_PRI -> {
        Fmt.bsd(sb, sec);
        sb.append(' ').append(l.hostname()).append(' ');
        tag(sb, l);
      }
      case SRSLOG_UNIX -> {
        pri(sb, l);
        Fmt.bsd(sb, sec);
        sb.append(' ');
        tag(sb, l);
      }
      case SRSLOG_DEFAULT -> {
        pri(sb, l);
        sb.append(' ');
        Fmt.rfc3339(sb, l.eventTime());
        sb.append(' ').append(l.hostname()).append(' ');
        tag(sb, l);
      }
      case RFC5424 -> {
        pri(sb, l);
        sb.append("1 ");
        Fmt.rfc3339(sb, l.eventTime());
        sb.append(' ').append(dash(l.hostname()));
        sb.append(' ').append(dash(l.tag()));
        sb.append(' ').append(dash(l.procId()));
        sb.append(' ').append(dash(l.msgId()));
        sb.append(' ').append(dash(l.structuredData()));
        sb.append(' ');
      }
      default -> throw new IllegalArgumentException("unknown variant " + l.variant());
    }
    sb.append(l.message());
    return sb;
  }

  private static void pri(StringBuilder sb, SyslogLine l) {
    if (l.pri() == null) {
      throw new IllegalArgumentException(l.variant() + " needs a PRI");
    }
    sb.append('<').append(l.pri().intValue()).append('>');
  }

  private static void tag(StringBuilder sb, SyslogLine l) {
    sb.append(l.tag());
    if (l.procId() != null) {
      sb.append('[').append(l.procId()).append(']');
    }
    sb.append(": ");
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }
}
