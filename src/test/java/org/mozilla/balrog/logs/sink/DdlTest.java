package org.mozilla.balrog.logs.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CREATE TABLE statements per dialect, checked against the table definitions. */
class DdlTest {
  private static final Map<Dialect, Map<ColumnType, String>> TYPES =
      Map.of(
          Dialect.ATHENA,
          Map.of(
              ColumnType.STRING, "string",
              ColumnType.INT, "int",
              ColumnType.BIGINT, "bigint",
              ColumnType.DOUBLE, "double",
              ColumnType.BOOLEAN, "boolean",
              ColumnType.BINARY, "binary",
              ColumnType.TIMESTAMP, "timestamp",
              ColumnType.DATE, "date",
              ColumnType.ARRAY_STRING, "array<string>",
              ColumnType.MAP_STRING_BIGINT, "map<string,bigint>"),
          Dialect.TRINO,
          Map.of(
              ColumnType.STRING, "varchar",
              ColumnType.INT, "integer",
              ColumnType.BIGINT, "bigint",
              ColumnType.DOUBLE, "double",
              ColumnType.BOOLEAN, "boolean",
              ColumnType.BINARY, "varbinary",
              ColumnType.TIMESTAMP, "timestamp(3)",
              ColumnType.DATE, "date",
              ColumnType.ARRAY_STRING, "array(varchar)",
              ColumnType.MAP_STRING_BIGINT, "map(varchar, bigint)"),
          Dialect.SPARK,
          Map.of(
              ColumnType.STRING, "string",
              ColumnType.INT, "int",
              ColumnType.BIGINT, "bigint",
              ColumnType.DOUBLE, "double",
              ColumnType.BOOLEAN, "boolean",
              ColumnType.BINARY, "binary",
              ColumnType.TIMESTAMP, "timestamp",
              ColumnType.DATE, "date",
              ColumnType.ARRAY_STRING, "array<string>",
              ColumnType.MAP_STRING_BIGINT, "map<string,bigint>"));

  private static String q(Dialect d, String name) {
    return d == Dialect.TRINO ? "\"" + name + "\"" : "`" + name + "`";
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void everyTableAndColumnAppearsWithItsDialectType(Dialect d) {
    List<String> statements = Ddl.statements(d, "s3a://bucket/summary", "balrog");
    assertThat(statements).hasSize(2 * SummaryTables.all().size());
    for (int i = 0; i < SummaryTables.all().size(); i++) {
      SummaryTable table = SummaryTables.all().get(i);
      String create = statements.get(2 * i);
      String discover = statements.get(2 * i + 1);
      assertThat(create).contains(q(d, "balrog") + "." + q(d, table.name()) + " (\n").endsWith(";");
      for (Column c : table.columns()) {
        assertThat(create)
            .contains("  " + q(d, c.name()) + " " + TYPES.get(d).get(c.type()) + " COMMENT '");
      }
      String location = d == Dialect.SPARK ? "s3a://bucket/summary/" : "s3://bucket/summary/";
      switch (d) {
        case ATHENA -> {
          assertThat(create)
              .startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS ")
              .contains("\nPARTITIONED BY (`log_date` date COMMENT '")
              .contains("\nSTORED AS PARQUET\n")
              .contains("\nLOCATION '" + location + table.name() + "/';")
              .doesNotContain(
                  "  `log_date` date"); // a Hive partition column is not repeated among the columns
          assertThat(discover).isEqualTo("MSCK REPAIR TABLE `balrog`.`" + table.name() + "`;");
        }
        case TRINO -> {
          assertThat(create)
              .startsWith("CREATE TABLE IF NOT EXISTS ")
              .contains(",\n  \"log_date\" date COMMENT '")
              .contains("format = 'PARQUET'")
              .contains("partitioned_by = ARRAY['log_date']")
              .contains("external_location = '" + location + table.name() + "/'");
          // the Hive connector wants partition columns last
          assertThat(create.indexOf("\"log_date\" date"))
              .isGreaterThan(
                  create.indexOf(
                      q(d, table.columns().get(table.columns().size() - 1).name()) + " "));
          assertThat(discover)
              .isEqualTo(
                  "CALL system.sync_partition_metadata('balrog', '" + table.name() + "', 'ADD');");
        }
        case SPARK -> {
          assertThat(create)
              .startsWith("CREATE TABLE IF NOT EXISTS ")
              .contains(",\n  `log_date` date COMMENT '")
              .contains("\nUSING parquet\nPARTITIONED BY (`log_date`)\n")
              .contains("\nLOCATION '" + location + table.name() + "/';");
          assertThat(discover).isEqualTo("MSCK REPAIR TABLE `balrog`.`" + table.name() + "`;");
        }
      }
    }
  }

  @Test
  void s3aBecomesS3ForAthenaAndTrinoOnly() {
    assertThat(String.join("\n", Ddl.statements(Dialect.ATHENA, "s3a://b/p/", "default")))
        .contains("LOCATION 's3://b/p/ingest_audit/'")
        .doesNotContain("s3a://");
    assertThat(String.join("\n", Ddl.statements(Dialect.TRINO, "s3a://b/p", "default")))
        .contains("external_location = 's3://b/p/ingest_audit/'")
        .doesNotContain("s3a://");
    assertThat(String.join("\n", Ddl.statements(Dialect.SPARK, "s3a://b/p//", "default")))
        .contains("LOCATION 's3a://b/p/ingest_audit/'");
    assertThat(String.join("\n", Ddl.statements(Dialect.ATHENA, "s3://b/p", "default")))
        .contains("LOCATION 's3://b/p/ingest_audit/'");
  }

  @Test
  void withoutALocationThePlaceholderIsUsedAndAnnounced() {
    assertThat(Ddl.script(Dialect.ATHENA, null, "default"))
        .contains("-- LOCATION is a placeholder")
        .contains("LOCATION 's3://YOUR-BUCKET/balrog-logs/summary/update_population/';");
    assertThat(Ddl.script(Dialect.TRINO, null, "default"))
        .contains("external_location = 's3://YOUR-BUCKET/balrog-logs/summary/update_population/'");
    assertThat(Ddl.script(Dialect.SPARK, null, "default"))
        .contains("LOCATION 's3a://YOUR-BUCKET/balrog-logs/summary/update_population/';");
    assertThat(Ddl.script(Dialect.SPARK, "/data/out", "default")).doesNotContain("placeholder");
  }

  @Test
  void quotesInCommentsAreEscapedPerDialect() {
    // update_population's version doc is "Application version in the URL, or 'other' for folded
    // small versions"
    assertThat(SummaryTables.UPDATE_POPULATION.column("version").doc()).contains("'other'");
    assertThat(Ddl.script(Dialect.ATHENA, null, "default"))
        .contains(
            "COMMENT 'Application version in the URL, or \\'other\\' for folded small versions'");
    assertThat(Ddl.script(Dialect.SPARK, null, "default"))
        .contains(
            "COMMENT 'Application version in the URL, or \\'other\\' for folded small versions'");
    assertThat(Ddl.script(Dialect.TRINO, null, "default"))
        .contains(
            "COMMENT 'Application version in the URL, or ''other'' for folded small versions'");
  }

  @Test
  void literalsEscapeBackslashesForHiveButNotForTrino() {
    assertThat(Dialect.ATHENA.literal("a\\b 'c'\nd")).isEqualTo("'a\\\\b \\'c\\' d'");
    assertThat(Dialect.SPARK.literal("it's")).isEqualTo("'it\\'s'");
    assertThat(Dialect.TRINO.literal("a\\b 'c'")).isEqualTo("'a\\b ''c'''");
    assertThat(Dialect.ATHENA.literal("s3://b/x'y")).isEqualTo("'s3://b/x\\'y'");
  }

  @Test
  void dialectsParseByNameAndUnknownOnesAreRejected() {
    assertThat(Dialect.parse("athena")).isEqualTo(Dialect.ATHENA);
    assertThat(Dialect.parse("Trino")).isEqualTo(Dialect.TRINO);
    assertThat(Dialect.parse(" spark ")).isEqualTo(Dialect.SPARK);
    assertThatThrownBy(() -> Dialect.parse("mysql"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown dialect 'mysql' (known: athena, trino, spark)");
  }

  @Test
  void badSchemaOrBlankLocationIsRejected() {
    assertThatThrownBy(() -> Ddl.statements(Dialect.TRINO, null, "x'; DROP TABLE y; --"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema must be a plain identifier");
    assertThatThrownBy(() -> Ddl.statements(Dialect.TRINO, "  ", "default"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("location must not be blank");
  }
}
