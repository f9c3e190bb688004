package org.mozilla.balrog.logs.metrics.errors;

import java.util.Locale;

/**
 * The {@code severity} vocabulary of {@code app_errors}: application levels and nginx error-log
 * levels on one scale, in increasing order. nginx's {@code crit} is {@link #CRITICAL}, {@code warn}
 * is {@link #WARNING}.
 */
public enum Severity {
  WARNING,
  ERROR,
  CRITICAL,
  ALERT,
  EMERG;

  /** Higher is worse; for "highest level seen". */
  public int rank() {
    return ordinal() + 1;
  }

  /**
   * The severity of a normalised application level ({@code critical}, {@code error}, {@code
   * warning}) or an nginx level ({@code emerg}, {@code alert}, {@code crit}, {@code error}, {@code
   * warn}); null for info, notice, debug, null and anything unknown.
   */
  public static Severity of(String level) {
    if (level == null) {
      return null;
    }
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "emerg", "emergency" -> EMERG;
      case "alert" -> ALERT;
      case "crit", "critical", "fatal" -> CRITICAL;
      case "error", "err" -> ERROR;
      case "warn", "warning" -> WARNING;
      default -> null;
    };
  }
}
