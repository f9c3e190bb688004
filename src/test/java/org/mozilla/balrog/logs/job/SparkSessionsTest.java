package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.sink.NioLocalFileSystem;

/** The session settings, without starting Spark. */
class SparkSessionsTest {
  /** A local job configuration with these Spark settings. */
  static JobConfig settings(Map<String, String> spark) {
    return new JobConfig("local[1]", null, null, false, spark, Map.of());
  }

  @Test
  void variableSubstitutionStaysOffAndBackslashEscapesOnWhateverIsSet() {
    JobConfig cfg =
        settings(
            Map.of(
                "spark.sql.variable.substitute",
                "true",
                "spark.sql.parser.escapedStringLiterals",
                "true"));
    SparkConf conf = SparkSessions.conf(cfg, "test");
    assertThat(conf.get("spark.sql.variable.substitute")).isEqualTo("false");
    assertThat(conf.contains("spark.sql.parser.escapedStringLiterals"))
        .isFalse(); // Spark's default: false
  }

  @Test
  void otherSettingsStillFollowTheUser() {
    JobConfig cfg = settings(Map.of("spark.sql.session.timeZone", "Europe/Paris"));
    assertThat(SparkSessions.conf(cfg, "test").get("spark.sql.session.timeZone"))
        .isEqualTo("Europe/Paris");
  }

  @Test
  void caseMappingIsTheJvmsUnlessTheUserChoosesIcu() {
    JobConfig none = settings(Map.of());
    assertThat(SparkSessions.conf(none, "test").get("spark.sql.icu.caseMappings.enabled"))
        .isEqualTo("false");
    JobConfig icu = settings(Map.of("spark.sql.icu.caseMappings.enabled", "true"));
    assertThat(SparkSessions.conf(icu, "test").get("spark.sql.icu.caseMappings.enabled"))
        .isEqualTo("true");
  }

  @Test
  void localRunsSetFilePermissionsWithoutAProcessUnlessTheUserChoosesAFileSystem() {
    assertThat(SparkSessions.conf(settings(Map.of()), "test").get("spark.hadoop.fs.file.impl"))
        .isEqualTo(NioLocalFileSystem.class.getName());
    JobConfig own =
        settings(Map.of("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem"));
    assertThat(SparkSessions.conf(own, "test").get("spark.hadoop.fs.file.impl"))
        .isEqualTo("org.apache.hadoop.fs.LocalFileSystem");
  }
}
