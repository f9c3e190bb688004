package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.optional;
import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.DOUBLE;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;
import static org.mozilla.balrog.logs.sink.ColumnType.TIMESTAMP;

import java.util.List;

/**
 * The columns of {@code release_activity} by name, in table order; {@link
 * SummaryTables#RELEASE_ACTIVITY} is built from them. Code that names a column of this table uses
 * these constants.
 */
public final class ReleaseActivityTable {
  private ReleaseActivityTable() {}

  public static final String HOUR = "hour";
  public static final String SIGNAL = "signal";
  public static final String ROUTE_CLASS = "route_class";
  public static final String PRODUCT = "product";
  public static final String CHANNEL = "channel";
  public static final String VERSION = "version";
  public static final String REQUESTS = "requests";
  public static final String USERS = "users";
  public static final String SHARE = "share";
  public static final String STATUS_5XX = "status_5xx";
  public static final String LATENCY_P95_MS = "latency_p95_ms";

  static final SummaryTable TABLE =
      new SummaryTable(
          "release_activity",
          "Release activity per UTC hour, for 'is now a good time to deploy?': successful admin"
              + " API writes by route class (admin_write), update requests per product, channel"
              + " and version with the version's share (update_version), and the update requests'"
              + " 5xx and p95 latency (update_health).",
          List.of(
              required(HOUR, TIMESTAMP, "Start of the UTC hour"),
              required(SIGNAL, STRING, "admin_write, update_version or update_health"),
              optional(
                  ROUTE_CLASS,
                  STRING,
                  "admin_write: rules, releases, scheduled_changes, emergency_shutoff, enacted"
                      + " (a scheduled change enacted), builds or other"),
              optional(PRODUCT, STRING, "update_version: product of the update requests"),
              optional(
                  CHANNEL, STRING, "update_version: channel (normalized; test channels left out)"),
              optional(VERSION, STRING, "update_version: version the clients run"),
              required(
                  REQUESTS,
                  BIGINT,
                  "admin_write: successful (2xx) POST, PUT, PATCH and DELETE requests;"
                      + " update_version: the version's update requests (every update domain);"
                      + " update_health: all update requests of the update domains"),
              optional(
                  USERS,
                  BIGINT,
                  "admin_write: distinct users (HTTP Basic remote_user; 0 when the log names"
                      + " none)"),
              optional(
                  SHARE,
                  DOUBLE,
                  "update_version: the version's share of its product and channel's update"
                      + " requests in the hour"),
              optional(STATUS_5XX, BIGINT, "update_health: responses 500-599"),
              optional(
                  LATENCY_P95_MS,
                  DOUBLE,
                  "update_health: 95th percentile latency in ms (the merged sketches of"
                      + " request_rates' buckets); null when no request had a latency")));
}
