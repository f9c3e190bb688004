package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The session settings, without starting Spark. */
class SparkSessionsTest {
  @Test
  void variableSubstitutionStaysOffAndBackslashEscapesOnWhateverIsSet() {
    JobConfig cfg =
        new JobConfig(
            "local[1]",
            null,
            null,
            false,
            Map.of(
                "spark.sql.variable.substitute",
                "true",
                "spark.sql.parser.escapedStringLiterals",
                "true"),
            Map.of());
    SparkConf conf = SparkSessions.conf(cfg, "test");
    assertThat(conf.get("spark.sql.variable.substitute")).isEqualTo("false");
    assertThat(conf.contains("spark.sql.parser.escapedStringLiterals"))
        .isFalse(); // Spark's default: false
  }

  @Test
  void otherSettingsStillFollowTheUser() {
    JobConfig cfg =
        new JobConfig(
            "local[1]",
            null,
            null,
            false,
            Map.of("spark.sql.session.timeZone", "Europe/Paris"),
            Map.of());
    assertThat(SparkSessions.conf(cfg, "test").get("spark.sql.session.timeZone"))
        .isEqualTo("Europe/Paris");
  }

  @Test
  void caseMappingIsTheJvmsUnlessTheUserChoosesIcu() {
    JobConfig none = new JobConfig("local[1]", null, null, false, Map.of(), Map.of());
    assertThat(SparkSessions.conf(none, "test").get("spark.sql.icu.caseMappings.enabled"))
        .isEqualTo("false");
    JobConfig icu =
        new JobConfig(
            "local[1]",
            null,
            null,
            false,
            Map.of("spark.sql.icu.caseMappings.enabled", "true"),
            Map.of());
    assertThat(SparkSessions.conf(icu, "test").get("spark.sql.icu.caseMappings.enabled"))
        .isEqualTo("true");
  }
}
