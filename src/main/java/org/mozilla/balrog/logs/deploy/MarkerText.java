package org.mozilla.balrog.logs.deploy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which syslog messages are deploy or migration markers
 * (docs/formats.md#deploy-and-migration-markers). The one place these texts are known; the Spark
 * side only pre-filters with {@link #PREFILTER_WORDS}, a superset.
 */
final class MarkerText {
  /**
   * Lower-case ASCII words one of which every marker message (or JSON {@code Fields.message})
   * holds, in any letter case; lines without any can be skipped before {@link #restart} and {@link
   * #migration} look at them. The Spark side looks for them in the lower-cased message: a substring
   * search, several times cheaper than {@link #PREFILTER} in interpreted SQL.
   */
  public static final List<String> PREFILTER_WORDS =
      List.of("uwsgi", "wsgi app", "starting balrog", "alembic", "migrat", "manage-db", "upgrad");

  /** {@link #PREFILTER_WORDS} as a case-insensitive regular expression. */
  public static final String PREFILTER =
      PREFILTER_WORDS.stream().map(Pattern::quote).collect(Collectors.joining("|", "(?i)(", ")"));

  private static final Pattern READY =
      Pattern.compile("^WSGI app \\d+ \\(mountpoint='[^']*'\\) ready in ");
  private static final Pattern AGENT_START = Pattern.compile("(?i)^Starting balrog[ -]?agent\\b");
  private static final Pattern MIGRATION =
      Pattern.compile(
          "(?:^|:)Running upgrade \\S+ -> \\S+" // alembic.runtime.migration
              + "|Upgrading database to alembic version" // AUSDatabase (alembic era)
              + "|transitioning to alembic|Transition to alembic complete"
              + "|migrating schema version \\d+ -> \\d+" // AUSDatabase.upgrade (sqlalchemy-migrate)
              + "|manage-db\\.py.*\\bupgrade\\b|\\bdb\\.upgrade\\("); // manage-db upgrade (its

  // traceback)

  private MarkerText() {}

  /**
   * The restart kind of a syslog message, if it is one. {@code fieldsMessage} is the JSON {@code
   * Fields.message} (null for non-JSON lines).
   */
  public static Optional<RestartMarker.Kind> restart(String message, String fieldsMessage) {
    if (message != null) {
      if (message.startsWith("*** Starting uWSGI ")) {
        return Optional.of(RestartMarker.Kind.START);
      }
      if (message.equals("goodbye to uWSGI.")) {
        return Optional.of(RestartMarker.Kind.STOP);
      }
      if (READY.matcher(message).find()) {
        return Optional.of(RestartMarker.Kind.READY);
      }
    }
    if (fieldsMessage != null && AGENT_START.matcher(fieldsMessage).find()) {
      return Optional.of(RestartMarker.Kind.READY);
    }
    return Optional.empty();
  }

  /**
   * True when {@code message} (a whole syslog message, or a reassembled traceback) is a
   * schema-migration line.
   */
  public static boolean migration(String message) {
    return message != null && MIGRATION.matcher(message).find();
  }
}
