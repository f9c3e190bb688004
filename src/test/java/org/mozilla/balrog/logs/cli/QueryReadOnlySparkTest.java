package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.job.DailyJob;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.QueryJob;
import org.mozilla.balrog.logs.job.ReadOnlySql;
import org.mozilla.balrog.logs.job.ResultFormat;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * Issue 14: {@code query} is read-only. Every statement of "What was measured" (and the other
 * writes, settings, reflection and path reads) is refused with exit 2 and one line naming it,
 * before anything runs: the output tree stays byte-identical and no warehouse folder appears.
 * Queries, VALUES, SHOW, DESCRIBE and EXPLAIN still run.
 */
class QueryReadOnlySparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);

  @TempDir static Path work;
  static Path logs;
  static Path out;
  static Map<String, String> before;
  static SparkSession spark;

  @BeforeAll
  static void dailyOnce() throws Exception {
    spark = SPARK.session();
    logs = work.resolve("logs");
    out = work.resolve("out");
    new SampleGenerator()
        .run(new GeneratorConfig(logs, DAY, 1, 100, 5L, false, false, List.of(), 1.0), null);
    DailyJob.run(
        spark,
        JobConfig.defaults().withInput(logs.toString()).withOutput(out.toString()),
        new DailyJob.Options(DAY, DAY, Sketches.DEFAULT_LG_K, 50, 1.0),
        new java.io.PrintStream(
            new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8));
    before = listing(out);
  }

  static long query(String sql) {
    JobConfig cfg = JobConfig.defaults().withInput(logs.toString()).withOutput(out.toString());
    QueryJob.Request req = new QueryJob.Request(sql, Map.of(), DAY, DAY, ResultFormat.CSV, 100);
    return QueryJob.run(spark, cfg, req, sql, new java.io.StringWriter());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT OVERWRITE DIRECTORY '%OUT%/ingest_audit/log_date=2026-11-01' USING parquet SELECT"
            + " 'pwned' AS x",
        "INSERT OVERWRITE DIRECTORY '%OUT%/x' USING csv SELECT 1",
        "INSERT INTO ingest_audit SELECT * FROM ingest_audit",
        "CREATE TABLE t USING parquet LOCATION '%OUT%/anywhere' AS SELECT 1",
        "CREATE TABLE t2 USING parquet AS SELECT 1",
        "CREATE TEMPORARY VIEW v AS SELECT 1",
        "DROP TABLE ingest_audit",
        "SELECT * FROM text.`/etc/passwd`",
        "SELECT * FROM parquet.`%OUT%/ingest_audit`",
        "SELECT * FROM read_files('/etc/passwd')",
        "SELECT java_method('java.lang.System', 'getProperty', 'user.home')",
        "SELECT reflect('java.lang.System', 'getProperty', 'user.home')",
        "SELECT * FROM ingest_audit WHERE source = java_method('java.lang.System', 'getenv',"
            + " 'HOME')",
        "WITH a AS (SELECT reflect('java.lang.System', 'exit', '0') x) SELECT * FROM a",
        "SELECT (SELECT max(x) FROM text.`/etc/passwd`)",
        "SET spark.sql.warehouse.dir=/tmp/x",
        "RESET",
        "ADD JAR /tmp/evil.jar",
        "ADD FILE /etc/passwd",
        "CACHE TABLE ingest_audit",
        "UNCACHE TABLE ingest_audit",
        "CLEAR CACHE",
        "CREATE TEMPORARY FUNCTION f AS 'java.lang.String'",
        "EXPLAIN INSERT INTO ingest_audit SELECT * FROM ingest_audit",
        "SELECT * FROM spark_catalog.default.ingest_audit"
      })
  void refusedStatementsWriteNothing(String template) throws IOException {
    String sql = template.replace("%OUT%", out.toString());
    Throwable thrown = null;
    try {
      query(sql);
    } catch (Throwable t) {
      thrown = t;
    }
    assertThat(thrown).as(sql).isInstanceOf(ReadOnlySql.Refused.class);
    assertThat(thrown.getMessage()).startsWith("refused ").doesNotContain("\n");
    assertThat(ExitCode.of(thrown)).isEqualTo(ExitCode.USAGE);
    assertThat(listing(out)).isEqualTo(before);
    assertThat(Path.of("spark-warehouse", "t2")).doesNotExist();
    assertThat(Path.of("spark-warehouse", "t")).doesNotExist();
  }

  @Test
  void theRefusalNamesWhatWasRefused() {
    assertThat(refusal("INSERT OVERWRITE DIRECTORY '/tmp/x' USING parquet SELECT 1"))
        .contains("INSERT ... DIRECTORY");
    assertThat(refusal("SELECT * FROM text.`/etc/passwd`"))
        .contains("the relation text./etc/passwd");
    assertThat(refusal("SELECT java_method('a', 'b')")).contains("the function java_method");
    assertThat(refusal("SET a=b")).contains("SET");
  }

  static String refusal(String sql) {
    try {
      query(sql);
    } catch (ReadOnlySql.Refused e) {
      return e.getMessage();
    }
    throw new AssertionError("not refused: " + sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT source, files FROM ingest_audit ORDER BY source",
        "WITH a AS (SELECT source FROM ingest_audit) SELECT count(*) FROM a",
        "VALUES (1, 'a'), (2, 'b')",
        "SELECT * FROM range(3)",
        "SHOW TABLES",
        "DESCRIBE ingest_audit",
        "EXPLAIN SELECT * FROM ingest_audit",
        "SELECT channel, count(*) FROM balrog_elb_logs_aus5 GROUP BY channel",
        "SELECT product, channel, clients FROM update_population_rolling WHERE version IS NULL",
        "SELECT a.source FROM ingest_audit a JOIN ingest_audit b ON a.source = b.source"
            + " WHERE a.files IN (SELECT files FROM ingest_audit) LIMIT 5"
      })
  void readOnlyStatementsRun(String sql) throws IOException {
    assertThat(query(sql)).as(sql).isPositive();
    assertThat(listing(out)).isEqualTo(before);
  }

  static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(
            root.relativize(p).toString(),
            Arrays.hashCode(Files.readAllBytes(p)) + ":" + Files.size(p));
      }
    }
    return m;
  }
}
