package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class RunLoggingTest {
  @Test
  void onlyNoConfigurationOrSparksDefaultIsReplaced() {
    assertThat(RunLogging.isSparksDefault(null)).isTrue();
    assertThat(
            RunLogging.isSparksDefault(
                "jar:file:/opt/spark/jars/spark-common-utils.jar!/"
                    + RunLogging.SPARK_DEFAULT_PROFILE))
        .isTrue();
    assertThat(RunLogging.isSparksDefault("/opt/spark/conf/log4j2.properties")).isFalse();
  }

  @Test
  void everyLevelHasItsReasonAndQuietsOnlyNamedLoggers() throws IOException {
    var levels = RunLogging.levels();
    assertThat(levels)
        .containsEntry("org.mozilla.balrog.logs", Level.INFO)
        .containsEntry("org.apache.spark.scheduler.DAGScheduler", Level.ERROR)
        .containsEntry("org.apache.spark.sql.execution.window.WindowExec", Level.ERROR)
        .doesNotContainKey("")
        .doesNotContainKey("org.apache.spark");
    String text;
    try (InputStream in = RunLogging.class.getResourceAsStream(RunLogging.LEVELS)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // each logger block is preceded by a comment line giving its reason
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].matches("logger\\.[a-z0-9]+\\.name = .*")
          && !lines[i - 1].matches("logger\\.[a-z0-9]+\\.level = .*")) {
        assertThat(lines[i - 1]).as("reason for " + lines[i]).startsWith("# ");
      }
    }
  }

  @Test
  void bothOfOurConfigurationsCarryTheNameTheLevelsAreAddedTo() throws IOException {
    try (InputStream in = RunLogging.class.getResourceAsStream(RunLogging.SUBMIT)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("name = " + RunLogging.NAME)
          .contains("rootLogger.level = warn");
    }
    assertThat(
            java.nio.file.Files.readString(
                java.nio.file.Path.of("src/main/launcher/log4j2.properties")))
        .contains("name = " + RunLogging.NAME);
  }
}
