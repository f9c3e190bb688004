package org.mozilla.balrog.logs.model;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The nine input tables: view name (the Redash table name), line format, and default location under
 * an input root (docs/formats.md#default-input-layout). Date folders are {@code yyyy/MM/dd} of
 * delivery.
 */
public enum LogSource {
  AUS3("balrog_elb_logs_aus3", LogFormat.ELB, "elb/aus3/AWSLogs/*/elasticloadbalancing/*"),
  AUS4("balrog_elb_logs_aus4", LogFormat.ELB, "elb/aus4/AWSLogs/*/elasticloadbalancing/*"),
  AUS5("balrog_elb_logs_aus5", LogFormat.ELB, "elb/aus5/AWSLogs/*/elasticloadbalancing/*"),
  AUS_API("balrog_elb_logs_aus_api", LogFormat.ELB, "elb/aus-api/AWSLogs/*/elasticloadbalancing/*"),
  ADMIN_NGINX_ACCESS("log_balrog_admin_nginx_access", LogFormat.NGINX_ACCESS, "nginx/admin-access"),
  ADMIN_NGINX_ERROR("log_balrog_admin_nginx_error", LogFormat.NGINX_ERROR, "nginx/admin-error"),
  SYSLOG_ADMIN("log_balrog_admin_syslog_admin_fixed", LogFormat.SYSLOG, "syslog/admin"),
  SYSLOG_AGENT("log_balrog_admin_syslog_agent", LogFormat.SYSLOG, "syslog/agent"),
  SYSLOG_WEB("log_balrog_web_syslog_web_fixed", LogFormat.SYSLOG, "syslog/web");

  private final String viewName;
  private final LogFormat format;
  private final String basePattern;
  // asked for once per ELB line by the scan tasks: made once
  private final String id = name().toLowerCase(Locale.ROOT);

  LogSource(String viewName, LogFormat format, String basePattern) {
    this.viewName = viewName;
    this.format = format;
    this.basePattern = basePattern;
  }

  /** The Redash table name, used as the Spark view name. */
  public String viewName() {
    return viewName;
  }

  public LogFormat format() {
    return format;
  }

  /** Short id used in reports and file names, e.g. {@code aus5}, {@code syslog_admin}. */
  public String id() {
    return id;
  }

  /**
   * The folder pattern (relative to the input root, may contain {@code *}) that holds the date
   * folders.
   */
  public String basePattern() {
    return basePattern;
  }

  /** The glob of the delivery-date folder for {@code day}, relative to the input root. */
  public String dayFolderGlob(LocalDate day) {
    return String.format(
        Locale.ROOT,
        "%s/%04d/%02d/%02d",
        basePattern,
        day.getYear(),
        day.getMonthValue(),
        day.getDayOfMonth());
  }

  /** The source whose view name or id is {@code name}. */
  public static LogSource byName(String name) {
    for (LogSource s : values()) {
      if (s.viewName.equalsIgnoreCase(name) || s.id().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown log source: " + name);
  }
}
