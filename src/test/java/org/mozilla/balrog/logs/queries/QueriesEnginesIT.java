package org.mozilla.balrog.logs.queries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.GeneratedWeek;

/**
 * Every Redash query of {@code queries/} gives the same rows through {@code balrog-logs query} on
 * Spark ({@code --engine spark}) and on the embedded DuckDB reading the Parquet output directly
 * ({@code --engine duckdb}), on a generated week with deploys ({@link GeneratedWeek}); and {@code
 * --engine auto} answers each on DuckDB. The headers' default parameters point into this week and
 * every query must return rows there, so no comparison is vacuous.
 */
class QueriesEnginesIT {
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path out;

  @BeforeAll
  static void week() {
    out = GeneratedWeek.get().output();
  }

  @TestFactory
  List<DynamicTest> everyQueryGivesTheSameRowsOnSparkAndDuckDb() {
    List<QueryFile> all = QueryFile.all();
    assertThat(all).isNotEmpty();
    return all.stream().map(q -> DynamicTest.dynamicTest(q.name(), () -> compare(q))).toList();
  }

  private static void compare(QueryFile q) throws Exception {
    Rows spark = run(q, "spark");
    Rows duck = run(q, "duckdb");
    System.out.printf(
        "%s: %d rows on Spark, %d on DuckDB%n", q.name(), spark.rows().size(), duck.rows().size());
    assertThat(spark.rows())
        .as(q.name() + ": rows on Spark (the default parameters must hit data)")
        .isNotEmpty();
    assertThat(spark.columns()).as(q.name() + ": columns").isEqualTo(duck.columns());
    // ORDER BY ties may come in either order; the rows as a multiset are the contract
    assertThat(sorted(spark.rows())).as(q.name()).isEqualTo(sorted(duck.rows()));
    // auto picks DuckDB for a query over summary tables: the same bytes as --engine duckdb
    CliRun auto = CliRun.of(args(q, "auto"));
    assertThat(auto.exitCode()).as(auto.describe()).isZero();
    assertThat(auto.out()).as(q.name() + ": auto").isEqualTo(duck.text());
  }

  record Rows(List<String> columns, List<String> rows, String text) {}

  private static List<String> args(QueryFile q, String engine) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--output",
                out.toString(),
                "query",
                q.path().toString(),
                "--format",
                "json",
                "--engine",
                engine));
    q.defaultValues().forEach((k, v) -> args.addAll(List.of("-p", k + "=" + v)));
    return args;
  }

  private static Rows run(QueryFile q, String engine) throws Exception {
    CliRun run = CliRun.of(args(q, engine));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    List<String> columns = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (String line : run.out().lines().filter(l -> !l.isBlank()).toList()) {
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
      rows.add(String.join(" | ", cells));
    }
    return new Rows(columns, rows, run.out());
  }

  private static List<String> sorted(List<String> rows) {
    List<String> s = new ArrayList<>(rows);
    s.sort(null);
    return s;
  }

  /** One value in a form both engines agree on: numbers to 9 significant digits, lists joined. */
  static String canonical(JsonNode n) {
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

  private static String number(BigDecimal d) {
    if (d.signum() == 0) {
      return "0";
    }
    return d.round(new MathContext(9)).stripTrailingZeros().toPlainString();
  }
}
