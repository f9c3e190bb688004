package org.mozilla.balrog.logs.model;

/**
 * Severities normalised to the levels of the syslog views: critical, error, warning, info, debug
 * (docs/formats.md#severity-scales).
 */
public final class SyslogLevel {
  private SyslogLevel() {}

  /**
   * A JSON {@code Severity}: up to 7 it is the syslog scale, from 100 the GCP LogSeverity scale
   * (values between buckets fall to the lower bucket); anything else is null.
   */
  public static String ofJsonSeverity(int sev) {
    if (sev >= 0 && sev <= 7) {
      return ofSyslogSeverity(sev);
    }
    if (sev >= 600) {
      return "critical";
    }
    if (sev >= 500) {
      return "error";
    }
    if (sev >= 400) {
      return "warning";
    }
    if (sev >= 200) {
      return "info";
    }
    if (sev >= 100) {
      return "debug";
    }
    return null;
  }

  /**
   * Syslog severity 0-7 as a level: 0-2 critical, 3 error, 4 warning, 5-6 info, 7 debug; null for
   * null or anything else.
   */
  public static String ofSyslogSeverity(Integer sev) {
    if (sev == null) {
      return null;
    }
    switch (sev) {
      case 0:
      case 1:
      case 2:
        return "critical";
      case 3:
        return "error";
      case 4:
        return "warning";
      case 5:
      case 6:
        return "info";
      case 7:
        return "debug";
      default:
        return null;
    }
  }
}
