package org.mozilla.balrog.logs.window;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code release_activity} row of signal {@code admin_write}: the successful (2xx) admin or
 * agent API writes of one route class ({@link org.mozilla.balrog.logs.model.AdminRouteClass}) in
 * the UTC hour starting at {@code hour}, with their distinct users (a count: the table holds no
 * user name).
 */
public record AdminWrite(Instant hour, String routeClass, long requests, long users) {
  public AdminWrite {
    Objects.requireNonNull(hour, "hour");
    Objects.requireNonNull(routeClass, "routeClass");
  }
}
