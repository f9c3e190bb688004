package org.mozilla.balrog.logs.deploy;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * The Spark side's pre-filter of marker lines ({@link SyslogMarkers#prefilter}) keeps exactly the
 * lines {@link MarkerText#PREFILTER} finds, in any letter case (MarkerTextTest shows that every
 * marker line is among them).
 */
class SyslogMarkersPrefilterSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @Test
  void keepsWhatTheRegularExpressionFindsInAnyCase() {
    List<String> lines =
        List.of(
            "*** Starting uWSGI 2.0.28 (64bit) on [Mon Nov  2 06:00:47 2026] ***",
            "goodbye to uWSGI.",
            "WSGI app 0 (mountpoint='') ready in 2 seconds on interpreter 0x55d5c6a0e5a0",
            "Starting balrog agent, polling every 30 seconds",
            "STARTING BALROG-AGENT",
            "INFO  [alembic.runtime.migration] Running upgrade abc -> def",
            "Upgrading database to alembic version 31",
            "manage-db upgrade",
            "MIGRATE the rules",
            "Refreshed rules cache for product Firefox",
            "{\"Fields\": {\"message\": \"Forbidden domain: download.cdn.example.net\"}}",
            "uwsg i",
            "wsgiapp",
            "",
            "Ünïcödé ÚPGRADÉ",
            "straße upgrad");
    Pattern regex = Pattern.compile(MarkerText.PREFILTER);
    List<String> want = lines.stream().filter(l -> regex.matcher(l).find()).toList();
    assertThat(want).hasSizeBetween(8, lines.size() - 5);

    List<String> kept =
        SPARK
            .session()
            .createDataset(lines, Encoders.STRING())
            .toDF("message")
            .where(SyslogMarkers.prefilter(col("message")))
            .collectAsList()
            .stream()
            .map((Row r) -> r.getString(0))
            .toList();

    assertThat(kept).containsExactlyInAnyOrderElementsOf(want);
  }
}
