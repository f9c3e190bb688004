package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine choice before DuckDB opens, and DuckDB's values as {@link ResultFormat} writes them.
 */
class DuckDbQueryTest {
  @TempDir Path dir;

  @Test
  void onlyLocalOutputRootsAreDuckDbs() {
    assertThat(DuckDbQuery.localRoot("s3a://bucket/summary")).isNull();
    assertThat(DuckDbQuery.localRoot("hdfs://nn/summary")).isNull();
    assertThat(DuckDbQuery.localRoot(null)).isNull();
    assertThat(DuckDbQuery.localRoot("file:/tmp/summary")).isEqualTo(Path.of("/tmp/summary"));
    assertThat(DuckDbQuery.localRoot("a/../b")).isEqualTo(Path.of("b").toAbsolutePath());
  }

  @Test
  void whyNotSaysWhatSparkIsNeededFor() {
    String select = "SELECT * FROM ingest_audit";
    assertThat(DuckDbQuery.whyNot(dir.toString(), select, List.of())).isNull();
    assertThat(DuckDbQuery.whyNot("s3a://b/s", select, List.of()))
        .isEqualTo("the output root s3a://b/s is not a local folder");
    assertThat(DuckDbQuery.whyNot(null, select, List.of())).isEqualTo("no output root (--output)");
    assertThat(DuckDbQuery.whyNot(dir.resolve("none").toString(), select, List.of()))
        .endsWith("is not a folder");
    assertThat(DuckDbQuery.whyNot(dir.toString(), select, List.of("balrog_elb_logs_aus5")))
        .isEqualTo("the statement reads the raw-log views balrog_elb_logs_aus5");
    assertThat(DuckDbQuery.whyNot(dir.toString(), "-- x\nDESCRIBE t", List.of()))
        .isEqualTo("it is a DESCRIBE statement, not a query");
    assertThat(DuckDbQuery.whyNot(dir.toString(), "-- nothing", List.of()))
        .isEqualTo("there is no statement");
  }

  @Test
  void valuesBecomeWhatSparkGives() throws Exception {
    Instant t = Instant.parse("2026-11-02T14:00:00.123456Z");
    assertThat(DuckDbQuery.value(OffsetDateTime.ofInstant(t, ZoneOffset.ofHours(2)))).isEqualTo(t);
    assertThat(DuckDbQuery.value(LocalDateTime.ofInstant(t, ZoneOffset.UTC))).isEqualTo(t);
    assertThat(DuckDbQuery.value(java.sql.Date.valueOf("2026-11-02")))
        .isEqualTo(java.time.LocalDate.of(2026, 11, 2));
    assertThat(DuckDbQuery.value(BigInteger.valueOf(42))).isEqualTo(42L);
    assertThat(DuckDbQuery.value(BigInteger.ONE.shiftLeft(70)))
        .isEqualTo(new BigDecimal(BigInteger.ONE.shiftLeft(70)));
    assertThat(DuckDbQuery.value("x")).isEqualTo("x");
    assertThat(DuckDbQuery.value(null)).isNull();
  }
}
