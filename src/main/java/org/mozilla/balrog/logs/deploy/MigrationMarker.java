package org.mozilla.balrog.logs.deploy;

import java.time.Instant;
import java.util.Objects;

/**
 * A schema-migration line (docs/formats.md#deploy-and-migration-markers: alembic,
 * sqlalchemy-migrate, manage-db). Migrations run from a one-shot container of any app (they change
 * the database every app shares), so a marker is not tied to an app.
 *
 * @param host syslog host name (or the tag when the line has none)
 * @param tag syslog tag (the one-shot container), may be null
 * @param text the line, as evidence
 */
record MigrationMarker(Instant time, String host, String tag, String text) {
  public MigrationMarker {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(text, "text");
  }
}
