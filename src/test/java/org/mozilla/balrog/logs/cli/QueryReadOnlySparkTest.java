package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
import org.mozilla.balrog.logs.job.QueryEngine;
import org.mozilla.balrog.logs.job.QueryJob;
import org.mozilla.balrog.logs.job.ReadOnlySql;
import org.mozilla.balrog.logs.job.ResultFormat;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * Issue 14: {@code query} is read-only. Every statement of "What was measured" (and the other
 * writes, settings, reflection and path reads) is refused with exit 2 and one line naming it,
 * before anything runs: the output tree stays byte-identical and no warehouse folder appears.
 * Queries, VALUES, SHOW, DESCRIBE and EXPLAIN still run.
 *
 * <p>Issue 16: the embedded DuckDB engine refuses DuckDB's own writes, settings, extensions and
 * file reads the same way, whether asked for ({@code --engine duckdb}) or chosen ({@code auto},
 * which then leaves the statement to Spark's refusal); {@code auto} answers queries over summary
 * tables on DuckDB and everything else on Spark.
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

  static JobConfig cfg() {
    return JobConfig.defaults().withInput(logs.toString()).withOutput(out.toString());
  }

  static long query(String sql) {
    JobConfig cfg = cfg();
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
    Throwable thrown = catchThrowable(() -> query(sql));
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

  /** {@code query} as the CLI runs it: DuckDB when the engine allows and it can, else Spark. */
  static long query(String sql, QueryEngine engine) {
    JobConfig cfg = cfg();
    QueryJob.Request req =
        new QueryJob.Request(sql, Map.of(), DAY, DAY, ResultFormat.CSV, 100, engine);
    OptionalLong n = QueryJob.runEmbedded(cfg, req, sql, new StringWriter());
    return n.isPresent() ? n.getAsLong() : QueryJob.run(spark, cfg, req, sql, new StringWriter());
  }

  /** The rows DuckDB wrote, or empty when the request went to Spark. */
  static OptionalLong embedded(String sql, QueryEngine engine) {
    JobConfig cfg = cfg();
    QueryJob.Request req =
        new QueryJob.Request(sql, Map.of(), DAY, DAY, ResultFormat.CSV, 100, engine);
    return QueryJob.runEmbedded(cfg, req, sql, new StringWriter());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "COPY (SELECT 1) TO '%OUT%/x.csv'",
        "COPY ingest_audit TO '%OUT%/ingest_audit/log_date=2026-11-01/evil.parquet' (FORMAT"
            + " parquet)",
        "CREATE TABLE t AS SELECT 1",
        "CREATE VIEW v AS SELECT 1",
        "INSERT INTO ingest_audit SELECT * FROM ingest_audit",
        "DROP VIEW ingest_audit",
        "ATTACH '%OUT%/x.duckdb' AS x",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "RESET lock_configuration",
        "PRAGMA enable_profiling",
        "EXPORT DATABASE '%OUT%/export'",
        "CALL pragma_version()",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_parquet('%OUT%/ingest_audit/*/*.parquet')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM query('SELECT 1')",
        "SELECT * FROM '/etc/passwd'",
        "WITH a AS (SELECT * FROM read_csv('/etc/passwd')) SELECT * FROM a",
        "SELECT (SELECT count(*) FROM read_text('/etc/passwd'))",
        "SELECT 1; COPY (SELECT 1) TO '%OUT%/y.csv'",
        "SELECT 'a\\'; COPY (SELECT 1) TO '%OUT%/z.csv'; --'",
        "FROM ingest_audit; CREATE TABLE t2 AS SELECT 1"
      })
  void duckDbRefusesWritesSettingsAndFileReads(String template) throws IOException {
    String sql = template.replace("%OUT%", out.toString());
    for (QueryEngine engine : List.of(QueryEngine.DUCKDB, QueryEngine.AUTO)) {
      Throwable thrown = catchThrowable(() -> query(sql, engine));
      assertThat(thrown).as(engine + ": " + sql).isNotNull();
      assertThat(ExitCode.of(thrown)).as(engine + ": " + sql).isEqualTo(ExitCode.USAGE);
      if (engine == QueryEngine.DUCKDB) {
        assertThat(thrown.getMessage()).as(sql).doesNotContain("\n");
      }
      assertThat(listing(out)).as(engine + ": " + sql).isEqualTo(before);
    }
  }

  @Test
  void duckDbNamesWhatItRefuses() {
    assertThat(duckDbRefusal("COPY (SELECT 1) TO '/tmp/x.csv'"))
        .isEqualTo("--engine duckdb cannot run this query: it is a COPY statement, not a query");
    assertThat(duckDbRefusal("WITH a AS (SELECT 1 AS x) INSERT INTO t SELECT * FROM a"))
        .startsWith("refused a statement that is not a SELECT on DuckDB");
    assertThat(duckDbRefusal("SELECT * FROM read_csv('/etc/passwd')"))
        .startsWith("refused a table function");
    assertThat(duckDbRefusal("SELECT 1; SELECT 2")).startsWith("refused 2 statements");
    assertThat(duckDbRefusal("SELECT channel FROM balrog_elb_logs_aus5"))
        .isEqualTo(
            "--engine duckdb cannot run this query: the statement reads the raw-log views"
                + " balrog_elb_logs_aus5");
    assertThat(duckDbRefusal("SHOW TABLES"))
        .isEqualTo("--engine duckdb cannot run this query: it is a SHOW statement, not a query");
    assertThat(duckDbRefusal("SELECT nope FROM ingest_audit")).contains("nope");
  }

  static String duckDbRefusal(String sql) {
    try {
      embedded(sql, QueryEngine.DUCKDB);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("not refused: " + sql);
  }

  @Test
  void autoAnswersSummaryTableQueriesOnDuckDbAndLeavesTheRestToSpark() throws IOException {
    assertThat(embedded("SELECT source, files FROM ingest_audit ORDER BY source", QueryEngine.AUTO))
        .hasValue(9);
    assertThat(embedded("-- a comment\n(SELECT 1 AS one)", QueryEngine.AUTO)).hasValue(1);
    assertThat(embedded("VALUES (1, 'a'), (2, 'b')", QueryEngine.AUTO)).hasValue(2);
    for (String sql :
        List.of(
            "SHOW TABLES",
            "DESCRIBE ingest_audit",
            "EXPLAIN SELECT * FROM ingest_audit",
            "SELECT * FROM range(3)",
            "SELECT channel, count(*) FROM balrog_elb_logs_aus5 GROUP BY channel",
            "SELECT nope FROM ingest_audit")) {
      assertThat(embedded(sql, QueryEngine.AUTO)).as(sql).isEmpty();
    }
    assertThat(embedded("SELECT source FROM ingest_audit", QueryEngine.SPARK)).isEmpty();
    assertThat(listing(out)).isEqualTo(before);
  }

  @Test
  void theEnginesWriteTheSameResult() {
    for (String sql :
        List.of(
            "SELECT source, files, lines, rejected_by_reason, started_at FROM ingest_audit"
                + " ORDER BY source",
            "SELECT * FROM update_population ORDER BY requests DESC, domain, product, channel,"
                + " version, os, arch LIMIT 20",
            "SELECT * FROM deploys ORDER BY 1")) {
      for (ResultFormat format : ResultFormat.values()) {
        assertThat(result(sql, format, QueryEngine.DUCKDB))
            .as(format + ": " + sql)
            .isEqualTo(result(sql, format, QueryEngine.SPARK));
      }
    }
  }

  static String result(String sql, ResultFormat format, QueryEngine engine) {
    JobConfig cfg = cfg();
    QueryJob.Request req = new QueryJob.Request(sql, Map.of(), DAY, DAY, format, 100, engine);
    StringWriter w = new StringWriter();
    if (QueryJob.runEmbedded(cfg, req, sql, w).isEmpty()) {
      QueryJob.run(spark, cfg, req, sql, w);
    }
    return w.toString();
  }

  @Test
  void duckDbWritesAnOutFileWholeAndAutoIsTheDefault() throws IOException {
    Path file = work.resolve("result.csv");
    CliRun run =
        CliRun.of(
            List.of(
                "--output",
                out.toString(),
                "query",
                "--sql",
                "SELECT source, files FROM ingest_audit ORDER BY source",
                "--format",
                "csv",
                "--out",
                file.toString()));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).contains("9 rows written to " + file);
    assertThat(Files.readAllLines(file)).hasSize(10).first().isEqualTo("source,files");
    try (Stream<Path> s = Files.list(work)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
    Path nowhere = work.resolve("no-such-folder").resolve("r.csv");
    CliRun bad =
        CliRun.of(
            List.of(
                "--output",
                out.toString(),
                "query",
                "--sql",
                "SELECT 1",
                "--out",
                nowhere.toString()));
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("--out " + nowhere + ": no folder " + nowhere.getParent());
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
