package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.optional;
import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.DOUBLE;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;

import java.util.List;

/**
 * The columns of {@code admin_activity} by name, in table order; {@link
 * SummaryTables#ADMIN_ACTIVITY} is built from them. Code that names a column of this table uses
 * these constants.
 */
public final class AdminActivityTable {
  private AdminActivityTable() {}

  public static final String APP = "app";
  public static final String METHOD = "method";
  public static final String ROUTE = "route";
  public static final String STATUS_CLASS = "status_class";
  public static final String REQUESTS = "requests";
  public static final String USERS = "users";
  public static final String LATENCY_P95_MS = "latency_p95_ms";

  static final SummaryTable TABLE =
      new SummaryTable(
          "admin_activity",
          "Admin and agent API use per day x app x method x route template x status class (from the"
              + " admin nginx access log).",
          List.of(
              required(APP, STRING, "admin (people and tools) or agent (balrogagent)"),
              required(METHOD, STRING, "HTTP method"),
              required(
                  ROUTE, STRING, "Route template, e.g. /api/rules/{id}, /api/releases/{release}"),
              required(STATUS_CLASS, STRING, "2xx, 3xx, 4xx, 5xx or other"),
              required(REQUESTS, BIGINT, "Requests"),
              required(USERS, BIGINT, "Distinct authenticated users (remote_user; 0 when none)"),
              optional(LATENCY_P95_MS, DOUBLE, "95th percentile of request_time in ms")));
}
