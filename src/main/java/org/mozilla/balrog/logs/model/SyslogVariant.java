package org.mozilla.balrog.logs.model;

/** The syslog header layouts we read (docs/formats.md#syslog-headers). */
public enum SyslogVariant {
  /**
   * {@code <PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG}; also with an RFC 3339 timestamp ({@code
   * RSYSLOG_ForwardFormat}, Docker) and with a space after {@code <PRI>} (Docker)
   */
  RFC3164,
  /**
   * rsyslog file output without {@code <PRI>}: {@code Mmm dd hh:mm:ss HOST TAG[PID]: MSG} ({@code
   * RSYSLOG_TraditionalFileFormat}), or with an RFC 3339 timestamp ({@code RSYSLOG_FileFormat})
   */
  RFC3164_NO_PRI,
  /**
   * {@code <PRI>VERSION TIMESTAMP HOST APP PROCID MSGID SD MSG}; PRI (then null) and VERSION may be
   * missing
   */
  RFC5424,
  /**
   * srslog DefaultFormatter: {@code <PRI> RFC3339 HOST TAG[PID]: MSG} (note the space after {@code
   * >})
   */
  SRSLOG_DEFAULT,
  /** srslog UnixFormatter: {@code <PRI>Mmm dd hh:mm:ss TAG[PID]: MSG} (no hostname) */
  SRSLOG_UNIX;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
