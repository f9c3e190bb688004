package org.mozilla.balrog.logs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.deploy.RestartMarker.Kind.READY;
import static org.mozilla.balrog.logs.deploy.RestartMarker.Kind.START;
import static org.mozilla.balrog.logs.deploy.RestartMarker.Kind.STOP;

import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkerTextTest {
  private static final Pattern PREFILTER = Pattern.compile(MarkerText.PREFILTER);

  @Test
  void uwsgiBannerLinesFromFormats65() {
    assertThat(
            MarkerText.restart(
                "*** Starting uWSGI 2.0.28 (64bit) on [Mon Nov  2 06:00:47 2026] ***", null))
        .contains(START);
    assertThat(MarkerText.restart("goodbye to uWSGI.", null)).contains(STOP);
    assertThat(
            MarkerText.restart(
                "WSGI app 0 (mountpoint='') ready in 2 seconds on interpreter 0x55d5c6a0e5a0 pid:"
                    + " 10 (default app)",
                null))
        .contains(READY);
    assertThat(
            MarkerText.restart("spawned uWSGI worker 1 (and the only) (pid: 10, cores: 1)", null))
        .isEmpty();
    assertThat(
            MarkerText.restart(
                "*** WARNING: you are running uWSGI without its master process manager ***", null))
        .isEmpty();
    assertThat(MarkerText.restart("uWSGI http bound on :8000 fd 4", null)).isEmpty();
  }

  @Test
  void agentStartIsItsJsonMessage() {
    String json =
        "{\"Timestamp\": 1, \"Type\": \"root\", \"Fields\": {\"message\": \"Starting balrog agent,"
            + " polling every 30 seconds\"}}";
    assertThat(MarkerText.restart(json, "Starting balrog agent, polling every 30 seconds"))
        .contains(READY);
    assertThat(MarkerText.restart(json, "Encountered exception:")).isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INFO:alembic.runtime.migration:Running upgrade 0001 -> 0002, add release_assets table",
        "INFO:AUSDatabase:Upgrading database to alembic version: head",
        "INFO:AUSDatabase:Detected migrate_version table, transitioning to alembic",
        "INFO:AUSDatabase:Transition to alembic complete",
        "DEBUG:AUSDatabase:migrating schema version 36 -> 37",
        "Traceback (most recent call last):\n"
            + "  File \"scripts/manage-db.py\", line 212, in <module>\n"
            + "    db.upgrade(options.version)\n"
            + "sqlalchemy.exc.OperationalError: (2003, \"Can't connect\")",
      })
  void migrationLines(String line) {
    assertThat(MarkerText.migration(line)).isTrue();
    assertThat(PREFILTER.matcher(line).find()).as("prefilter keeps it").isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INFO:alembic.runtime.migration:Context impl MySQLImpl.",
        "Refreshed rules cache for product Firefox",
        "{\"Fields\": {\"message\": \"Forbidden domain: download.cdn.example.net\"}}",
        "Upgrade available for Firefox 145.0",
      })
  void notMigrationLines(String line) {
    assertThat(MarkerText.migration(line)).isFalse();
    assertThat(MarkerText.restart(line, null)).isEmpty();
  }

  @Test
  void prefilterKeepsEveryRestartMarker() {
    for (String s :
        new String[] {
          "*** Starting uWSGI 2.0.28 (64bit) on [x] ***",
          "goodbye to uWSGI.",
          "WSGI app 0 (mountpoint='') ready in 2 seconds",
          "Starting balrog agent, polling every 30 seconds"
        }) {
      assertThat(PREFILTER.matcher(s).find()).as(s).isTrue();
    }
  }
}
