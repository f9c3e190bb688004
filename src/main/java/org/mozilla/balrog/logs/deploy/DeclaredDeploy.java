package org.mozilla.balrog.logs.deploy;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.model.DeployText;

/**
 * A deploy someone declared ({@code --deploy}, {@code --deploys-file}): {@code
 * ID@TIME[:app=NAME][:migration]}.
 *
 * <ul>
 *   <li>TIME is ISO-8601 with a zone or offset, seconds optional ({@code 2026-11-02T14:00Z}, {@code
 *       2026-11-02T15:00:00+01:00}); it is when the rollout started.
 *   <li>The app is {@code admin} or {@code agent} when the id starts with that word, else {@code
 *       web} ({@link BalrogApp#forDeployId}); {@code :app=admin} names it explicitly (for ids such
 *       as {@code v3.122} of an admin release).
 *   <li>{@code :migration} says a schema migration ran with the deploy, even if the logs show none
 *       (a silent sqlalchemy-migrate run, docs/formats.md#deploy-and-migration-markers).
 * </ul>
 *
 * The generator's {@code :regression} flag is refused: a declaration says what was deployed, the
 * verdict is computed.
 */
public record DeclaredDeploy(String id, Instant time, BalrogApp app, boolean migration) {
  static final String SYNTAX = "ID@TIME[:app=web|admin|agent][:migration]";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern FLAG = Pattern.compile("[A-Za-z]+(=[A-Za-z]+)?");

  public DeclaredDeploy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(app, "app");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "deploy id must be letters, digits, '.', '_' or '-' (starting with a letter or digit): '"
              + id
              + "'");
    }
  }

  /**
   * Parses {@value #SYNTAX}.
   *
   * @throws IllegalArgumentException with a one-line message naming what is wrong
   */
  public static DeclaredDeploy parse(String text) {
    DeployText t = DeployText.parse(text, FLAG, "deploy", SYNTAX);
    String s = text.strip();
    String id = t.id();
    Instant time = t.time();
    BalrogApp app = null;
    boolean migration = false;
    for (String token : t.flags()) {
      String lower = token.toLowerCase(Locale.ROOT);
      if (lower.startsWith("app=")) {
        if (app != null) {
          throw new IllegalArgumentException("deploy '" + s + "' names its app twice");
        }
        app = BalrogApp.parse(token.substring(4));
      } else if (lower.equals("migration")) {
        migration = true;
      } else if (lower.equals("regression")) {
        throw new IllegalArgumentException(
            "deploy '"
                + s
                + "': ':regression' is a generator flag; deploy-impact"
                + " computes the verdict itself");
      } else {
        throw new IllegalArgumentException(
            "unknown deploy flag '"
                + token
                + "' in '"
                + s
                + "'; expected app=web|admin|agent or migration");
      }
    }
    return new DeclaredDeploy(id, time, app != null ? app : BalrogApp.forDeployId(id), migration);
  }

  /**
   * The canonical text form, accepted by {@link #parse}; {@code :app=} only when the id does not
   * imply it.
   */
  @Override
  public String toString() {
    return id
        + "@"
        + time
        + (app != BalrogApp.forDeployId(id) ? ":app=" + app.code() : "")
        + (migration ? ":migration" : "");
  }
}
