package org.mozilla.balrog.logs.model;

/** The line formats of the input tables (docs/formats.md#the-nine-log-tables). */
public enum LogFormat {
  /** Classic ELB, or ALB (detected per line from the leading {@code type} field). */
  ELB,
  /** nginx {@code balrog_admin_format} / {@code balrog_agent_format}. */
  NGINX_ACCESS,
  /** nginx error log. */
  NGINX_ERROR,
  /** syslog (RFC 3164 / 5424 / Docker srslog variants) with JSON or text payloads. */
  SYSLOG
}
