package org.mozilla.balrog.logs.gen;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.mozilla.balrog.logs.model.BalrogApp;

/**
 * A deploy to simulate: at {@code time} the app's hosts restart one after another (rolling). The app is the public
 * web app unless the id starts with {@code admin} or {@code agent} (see {@link #app()}).
 *
 * @param regression the new build raises backend 5xx and latency and brings a new exception signature until the next
 *     deploy of the same app
 * @param migration a schema migration (alembic) runs on an admin host just before the rollout
 */
public record DeploySpec(String id, Instant time, boolean regression, boolean migration) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern FLAG = Pattern.compile("[A-Za-z]+");

  public DeploySpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "deploy id must be letters, digits, '.', '_' or '-' (starting with a letter or digit): '" + id + "'");
    }
  }

  /**
   * Parses {@code ID@TIME[:regression][:migration]}, TIME being ISO-8601 with a zone or offset, seconds optional
   * ({@code 2026-11-02T14:00:00Z}, {@code 2026-11-02T14:00Z}).
   *
   * @throws IllegalArgumentException with a message naming what is wrong
   */
  public static DeploySpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty deploy spec; expected ID@TIME[:regression][:migration]");
    }
    String s = text.strip();
    int at = s.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException(
          "deploy spec '" + text + "' has no '@'; expected ID@TIME[:regression][:migration]");
    }
    String id = s.substring(0, at);
    if (id.isEmpty()) {
      throw new IllegalArgumentException("deploy spec '" + text + "' has an empty ID before '@'");
    }
    String rest = s.substring(at + 1);
    boolean regression = false;
    boolean migration = false;
    // Flags are trailing ':word' tokens; the time itself ends with a digit, 'Z' or an offset like +01:00.
    while (true) {
      int colon = rest.lastIndexOf(':');
      if (colon < 0) {
        break;
      }
      String token = rest.substring(colon + 1);
      if (!FLAG.matcher(token).matches() || token.equalsIgnoreCase("Z")) {
        break;
      }
      switch (token.toLowerCase(Locale.ROOT)) {
        case "regression" -> regression = true;
        case "migration" -> migration = true;
        default -> throw new IllegalArgumentException(
            "unknown deploy flag '" + token + "' in '" + text + "'; expected regression or migration");
      }
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("deploy spec '" + text + "' has no TIME after '@'");
    }
    Instant time;
    try {
      time = OffsetDateTime.parse(rest, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "bad deploy time '" + rest + "' in '" + text
              + "'; expected ISO-8601 with a zone, e.g. 2026-11-02T14:00:00Z or 2026-11-02T14:00Z",
          e);
    }
    return new DeploySpec(id, time, regression, migration);
  }

  /** {@code web}, or {@code admin}/{@code agent} when the id starts with that word ({@link BalrogApp#forDeployId}). */
  public String app() {
    return BalrogApp.forDeployId(id).code();
  }

  /** The canonical text form, accepted by {@link #parse}. */
  @Override
  public String toString() {
    return id + "@" + time + (regression ? ":regression" : "") + (migration ? ":migration" : "");
  }
}
