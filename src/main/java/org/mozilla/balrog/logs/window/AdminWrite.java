package org.mozilla.balrog.logs.window;

import java.time.LocalDate;
import org.mozilla.balrog.logs.model.AdminRouteClass;

/**
 * One {@code admin_activity} row of a successful (2xx) write: a POST, PUT, PATCH or DELETE of the
 * admin or agent app on a route template, with its requests and distinct users (a count: the table
 * holds no user name). The table is daily: {@code day} is its {@code log_date}.
 */
public record AdminWrite(
    LocalDate day, String app, String method, String route, long requests, long users) {

  /** Route classes, in the order explanations list them ({@link AdminRouteClass#CLASSES}). */
  public static final java.util.List<String> CLASSES = AdminRouteClass.CLASSES;

  /** Classes that are not release activity ({@link AdminRouteClass#ROUTINE}). */
  public static final java.util.Set<String> ROUTINE = AdminRouteClass.ROUTINE;

  /** The route class ({@link AdminRouteClass#of}). */
  public String routeClass() {
    return AdminRouteClass.of(route);
  }
}
