package org.mozilla.balrog.logs.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The class of an admin or agent API write route, for release activity: {@code enacted} (a
 * scheduled change or a v2 release enacted, usually by the agent), {@code builds} (a build
 * submitted into a release: routine, every nightly), {@code scheduled_changes}, {@code rules},
 * {@code releases}, {@code emergency_shutoff} or {@code other} (permissions, required signoffs,
 * pins, users...). The one place routes are classed: {@code release_activity} stores the class and
 * {@code deploy-window} reads it.
 */
public final class AdminRouteClass {
  /** Classes, in the order explanations list them. */
  public static final List<String> CLASSES =
      List.of(
          "rules",
          "releases",
          "scheduled_changes",
          "emergency_shutoff",
          "enacted",
          "builds",
          "other");

  /** Classes that are not release activity: build submissions (every nightly) and the rest. */
  public static final Set<String> ROUTINE = Set.of("builds", "other");

  /**
   * Classes written when a release is prepared, not every day: new release blobs, emergency
   * shutoffs (rules, scheduled changes and their enactment are everyday work too).
   */
  public static final Set<String> RELEASE_ONLY = Set.of("releases", "emergency_shutoff");

  /** The write methods: successful requests of these are writes. */
  public static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  private AdminRouteClass() {}

  /** The class of a route template (or path). */
  public static String of(String route) {
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
