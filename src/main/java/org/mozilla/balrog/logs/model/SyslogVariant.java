package org.mozilla.balrog.logs.model;

/** The syslog header layouts we read (FORMATS.md 7). */
public enum SyslogVariant {
  /** {@code <PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG} */
  RFC3164,
  /** rsyslog file output without {@code <PRI>}: {@code Mmm dd hh:mm:ss HOST TAG[PID]: MSG} */
  RFC3164_NO_PRI,
  /** {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG} */
  RFC5424,
  /** srslog DefaultFormatter: {@code <PRI> RFC3339 HOST TAG[PID]: MSG} (note the space after {@code >}) */
  SRSLOG_DEFAULT,
  /** srslog UnixFormatter: {@code <PRI>Mmm dd hh:mm:ss TAG[PID]: MSG} (no hostname) */
  SRSLOG_UNIX;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
