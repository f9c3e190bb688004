package org.mozilla.balrog.logs.model;

import java.util.Locale;

/**
 * The three Balrog applications that get deployed: the public web app (behind the
 * aus3/aus4/aus5/aus-api load balancers), the admin app and the agent. Holds the one rule that maps
 * a deploy id to its app.
 */
public enum BalrogApp {
  WEB,
  ADMIN,
  AGENT;

  /** {@code web}, {@code admin} or {@code agent}: the value of the {@code app} columns. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The app a deploy id names: {@code admin} or {@code agent} when the id starts with that word
   * (any case), else {@code web} (release tags such as {@code v3.122} deploy the public app).
   */
  public static BalrogApp forDeployId(String id) {
    String lower = id.toLowerCase(Locale.ROOT);
    if (lower.startsWith("admin")) {
      return ADMIN;
    }
    if (lower.startsWith("agent")) {
      return AGENT;
    }
    return WEB;
  }

  /** The app whose {@link #code()} is {@code code} (any case). */
  public static BalrogApp parse(String code) {
    for (BalrogApp a : values()) {
      if (a.code().equalsIgnoreCase(code.strip())) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown app '" + code + "'; expected web, admin or agent");
  }
}
