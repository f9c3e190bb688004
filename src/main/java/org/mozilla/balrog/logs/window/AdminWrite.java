package org.mozilla.balrog.logs.window;

import java.time.LocalDate;
import java.util.Locale;

/**
 * One {@code admin_activity} row of a successful (2xx) write: a POST, PUT, PATCH or DELETE of the
 * admin or agent app on a route template, with its requests and distinct users (a count: the table
 * holds no user name). The table is daily: {@code day} is its {@code log_date}.
 */
public record AdminWrite(
    LocalDate day, String app, String method, String route, long requests, long users) {

  /** Route classes, in the order explanations list them. */
  public static final java.util.List<String> CLASSES =
      java.util.List.of(
          "rules",
          "releases",
          "scheduled_changes",
          "emergency_shutoff",
          "enacted",
          "builds",
          "other");

  /** Classes that are not release activity: build submissions (every nightly) and the rest. */
  public static final java.util.Set<String> ROUTINE = java.util.Set.of("builds", "other");

  /**
   * The route class: {@code enacted} (a scheduled change or a v2 release enacted, usually by the
   * agent), {@code builds} (a build submitted into a release: routine, every nightly), {@code
   * scheduled_changes}, {@code rules}, {@code releases}, {@code emergency_shutoff} or {@code other}
   * (permissions, required signoffs, pins, users...).
   */
  public String routeClass() {
    String r = route.toLowerCase(Locale.ROOT);
    if (r.endsWith("/enact")) {
      return "enacted";
    }
    if (r.contains("/builds/")) {
      return "builds";
    }
    if (r.startsWith("/api/scheduled_changes")) {
      return "scheduled_changes";
    }
    if (r.startsWith("/api/rules")) {
      return "rules";
    }
    if (r.startsWith("/api/releases") || r.startsWith("/api/v2/releases")) {
      return "releases";
    }
    if (r.startsWith("/api/emergency_shutoff")) {
      return "emergency_shutoff";
    }
    return "other";
  }
}
