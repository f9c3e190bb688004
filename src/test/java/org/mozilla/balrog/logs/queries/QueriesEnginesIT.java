package org.mozilla.balrog.logs.queries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mozilla.balrog.logs.job.SqlTemplate;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.GeneratedWeek;

/**
 * Every Redash query of {@code queries/} gives the same rows through {@code balrog-logs query}
 * (Spark SQL) and through DuckDB reading the Parquet output directly, on a generated week with
 * deploys ({@link GeneratedWeek}). The headers' default parameters point into this week and every
 * query must return rows there, so no comparison is vacuous.
 */
class QueriesEnginesIT {
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path out;
  static Connection duck;

  @BeforeAll
  static void openDuckDb() throws Exception {
    out = GeneratedWeek.get().output();
    duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duck.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      for (SummaryTable t : SummaryTables.all()) {
        String glob = out.resolve(t.name()).toAbsolutePath() + "/*/*.parquet";
        s.execute(
            "CREATE VIEW "
                + t.name()
                + " AS SELECT * FROM read_parquet('"
                + glob.replace("'", "''")
                + "', hive_partitioning = true)");
      }
    }
  }

  @AfterAll
  static void close() throws SQLException {
    if (duck != null) {
      duck.close();
    }
  }

  @TestFactory
  List<DynamicTest> everyQueryGivesTheSameRowsOnSparkAndDuckDb() {
    List<QueryFile> all = QueryFile.all();
    assertThat(all).isNotEmpty();
    return all.stream().map(q -> DynamicTest.dynamicTest(q.name(), () -> compare(q))).toList();
  }

  private static void compare(QueryFile q) throws Exception {
    Map<String, String> params = q.defaultValues();
    List<String> args =
        new ArrayList<>(
            List.of("--output", out.toString(), "query", q.path().toString(), "--format", "json"));
    params.forEach((k, v) -> args.addAll(List.of("-p", k + "=" + v)));
    CliRun spark = CliRun.of(args);
    assertThat(spark.exitCode()).as(spark.describe()).isZero();
    List<String> columns = new ArrayList<>();
    List<String> sparkRows = new ArrayList<>();
    for (String line : spark.out().lines().filter(l -> !l.isBlank()).toList()) {
      JsonNode row = JSON.readTree(line);
      List<String> cells = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        names.add(f.getKey());
        cells.add(canonical(f.getValue()));
      }
      if (columns.isEmpty()) {
        columns.addAll(names);
      }
      sparkRows.add(String.join(" | ", cells));
    }

    List<String> duckColumns = new ArrayList<>();
    List<String> duckRows = new ArrayList<>();
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(new SqlTemplate(q.sql()).render(params))) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        duckColumns.add(md.getColumnLabel(i));
      }
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          cells.add(canonical(rs.getObject(i)));
        }
        duckRows.add(String.join(" | ", cells));
      }
    }
    System.out.printf(
        "%s: %d rows on Spark, %d on DuckDB%n", q.name(), sparkRows.size(), duckRows.size());
    assertThat(sparkRows)
        .as(q.name() + ": rows on Spark (the default parameters must hit data)")
        .isNotEmpty();
    assertThat(columns).as(q.name() + ": columns").isEqualTo(duckColumns);
    // ORDER BY ties may come in either order; the rows as a multiset are the contract
    assertThat(sorted(sparkRows)).as(q.name()).isEqualTo(sorted(duckRows));
  }

  private static List<String> sorted(List<String> rows) {
    List<String> s = new ArrayList<>(rows);
    s.sort(null);
    return s;
  }

  /**
   * One value in a form both engines agree on: numbers to 9 significant digits, instants in UTC,
   * lists joined.
   */
  static String canonical(Object v) throws SQLException {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof JsonNode n) {
      if (n.isNull()) {
        return "NULL";
      }
      if (n.isNumber()) {
        return number(n.decimalValue());
      }
      if (n.isBoolean()) {
        return Boolean.toString(n.booleanValue());
      }
      if (n.isArray()) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : n) {
          items.add(canonical(item));
        }
        return items.toString();
      }
      String text = n.asText();
      return INSTANT.matcher(text).matches() ? Instant.parse(text).toString() : text;
    }
    if (v instanceof Number n) {
      if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
        return d.toString();
      }
      return number(new BigDecimal(n.toString()));
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof Array a) {
      List<String> items = new ArrayList<>();
      for (Object item : (Object[]) a.getArray()) {
        items.add(canonical(item));
      }
      return items.toString();
    }
    return v.toString();
  }

  private static String number(BigDecimal d) {
    if (d.signum() == 0) {
      return "0";
    }
    return d.round(new MathContext(9)).stripTrailingZeros().toPlainString();
  }
}
