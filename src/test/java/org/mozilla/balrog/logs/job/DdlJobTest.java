package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Call;
import io.trino.sql.tree.CallArgument;
import io.trino.sql.tree.ColumnDefinition;
import io.trino.sql.tree.CreateTable;
import io.trino.sql.tree.StringLiteral;
import io.trino.sql.tree.TableElement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.sink.Ddl;
import org.mozilla.balrog.logs.sink.Dialect;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * The {@code ddl} scripts read back by real SQL grammars: Athena's Hive DDL by Spark's Catalyst
 * parser (the Hive-format CREATE TABLE grammar Spark SQL shares with Hive: backtick identifiers,
 * backslash-escaped literals, {@code TBLPROPERTIES}); Trino's by Trino's own parser. Every
 * projection property is checked key by key on the parsed table.
 */
class DdlJobTest {
  static final String ROOT = "s3a://bucket/summary";

  /** The statements of a script, without the header comment and the closing semicolons. */
  static List<String> statements(String script) {
    String body =
        script.lines().dropWhile(l -> l.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
    // a literal never holds a newline (Ddl writes them as blanks), so ";\n" only ends statements
    return Arrays.stream(body.strip().split(";\n"))
        .map(String::strip)
        .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
        .toList();
  }

  static LogicalPlan parseHive(String sql) {
    return CatalystSqlParser$.MODULE$.parsePlan(sql);
  }

  static Map<String, String> expectedProjection(String location, String since) {
    return Map.of(
        "projection.enabled", "true",
        "projection.log_date.type", "date",
        "projection.log_date.range", since + ",NOW",
        "projection.log_date.format", "yyyy-MM-dd",
        "projection.log_date.interval", "1",
        "projection.log_date.interval.unit", "DAYS",
        "storage.location.template", location + "log_date=${log_date}/");
  }

  @Test
  void athenaTablesCarryPartitionProjectionAndNoRepair() {
    String script = DdlJob.script("athena", ROOT, "balrog");
    assertThat(script)
        .startsWith("-- balrog-logs summary tables, athena dialect\n")
        .contains("partition projection of log_date from 2020-01-01")
        .doesNotContain("\nMSCK")
        .doesNotContain("YOUR-BUCKET");
    List<String> statements = statements(script);
    List<SummaryTable> tables = SummaryTables.all();
    assertThat(statements).hasSize(tables.size());
    for (int i = 0; i < tables.size(); i++) {
      SummaryTable table = tables.get(i);
      ParsedHiveTable t = ParsedHiveTable.of(parseHive(statements.get(i)));
      assertThat(t.name()).containsExactly("balrog", table.name());
      assertThat(t.external()).isTrue();
      assertThat(t.storedAs()).isEqualTo("PARQUET");
      assertThat(t.partitionedBy()).containsExactly(SummaryTable.PARTITION_COLUMN);
      String location = "s3://bucket/summary/" + table.name() + "/";
      assertThat(t.location()).isEqualTo(location);
      assertThat(t.properties()).isEqualTo(expectedProjection(location, "2020-01-01"));
      t.assertColumnsAre(table);
    }
  }

  @Test
  void sinceSetsTheStartOfTheProjectedRangeAndQuotesInTheLocationStayEscaped() {
    String root = "s3://bucket/it's\\here";
    String script =
        DdlJob.script(
            new DdlJob.Request(
                "ATHENA", root, "default", LocalDate.parse("2026-01-15"), false, false));
    assertThat(script).contains("from 2026-01-15 to today");
    for (String s : statements(script)) {
      ParsedHiveTable t = ParsedHiveTable.of(parseHive(s));
      String location = root + "/" + t.name().get(1) + "/";
      assertThat(t.location()).isEqualTo(location);
      assertThat(t.properties()).isEqualTo(expectedProjection(location, "2026-01-15"));
    }
  }

  @Test
  void noProjectionIsThePlainScriptWithMsckRepair() {
    String script = DdlJob.script(new DdlJob.Request("athena", ROOT, "balrog", null, true, false));
    assertThat(script)
        .isEqualTo(Ddl.script(Dialect.ATHENA, ROOT, "balrog"))
        .doesNotContain("projection")
        .contains("MSCK REPAIR TABLE `balrog`.`deploy_impact`;");
    assertThat(
            DdlJob.script(new DdlJob.Request("athena", ROOT, "balrog", null, true, true))
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("--")))
        .containsExactlyElementsOf(
            SummaryTables.all().stream()
                .map(t -> "MSCK REPAIR TABLE `balrog`.`" + t.name() + "`;")
                .toList());
  }

  @Test
  void trinoScriptParsesWithTrinosGrammarAndSyncsEveryTableWithAdd() {
    String script = DdlJob.script("trino", ROOT, "balrog");
    assertThat(script).isEqualTo(Ddl.script(Dialect.TRINO, ROOT, "balrog"));
    List<String> statements = statements(script);
    List<SummaryTable> tables = SummaryTables.all();
    assertThat(statements).hasSize(2 * tables.size());
    SqlParser trino = new SqlParser();
    for (int i = 0; i < tables.size(); i++) {
      SummaryTable table = tables.get(i);
      CreateTable create = (CreateTable) trino.createStatement(statements.get(2 * i));
      assertThat(create.getName().getParts()).containsExactly("balrog", table.name());
      List<String> columns =
          create.getElements().stream()
              .map(TableElement.class::cast)
              .map(e -> ((ColumnDefinition) e).getName().toString())
              .toList();
      assertThat(columns.subList(0, columns.size() - 1)).isEqualTo(table.columnNames());
      assertThat(columns.get(columns.size() - 1)).isEqualTo(SummaryTable.PARTITION_COLUMN);
      assertThat(create.getProperties())
          .anySatisfy(
              p ->
                  assertThat(p.getName().getValue() + "=" + p.getNonDefaultValue())
                      .isEqualTo("external_location='s3://bucket/summary/" + table.name() + "/'"));
      assertSync(trino.createStatement(statements.get(2 * i + 1)), "balrog", table.name());
    }
  }

  @Test
  void trinoSyncOnlyIsOneAddCallPerTableInTableOrder() {
    String script = DdlJob.script(new DdlJob.Request("trino", null, "balrog", null, false, true));
    assertThat(script).doesNotContain("CREATE").doesNotContain("YOUR-BUCKET");
    List<String> statements = statements(script);
    assertThat(statements).hasSize(SummaryTables.all().size());
    SqlParser trino = new SqlParser();
    for (int i = 0; i < statements.size(); i++) {
      assertSync(
          trino.createStatement(statements.get(i)), "balrog", SummaryTables.all().get(i).name());
    }
  }

  private static void assertSync(Object statement, String schema, String table) {
    assertThat(statement).isInstanceOf(Call.class);
    Call call = (Call) statement;
    assertThat(call.getName().toString()).isEqualTo("system.sync_partition_metadata");
    assertThat(
            call.getArguments().stream()
                .map(CallArgument::getValue)
                .map(v -> ((StringLiteral) v).getValue()))
        .containsExactly(schema, table, "ADD");
  }

  @Test
  void optionsThatDoNotFitTheDialectAreRejected() {
    assertThatThrownBy(
            () ->
                DdlJob.script(
                    new DdlJob.Request(
                        "trino", ROOT, "b", LocalDate.parse("2026-01-01"), false, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--since is for --dialect athena");
    assertThatThrownBy(
            () -> DdlJob.script(new DdlJob.Request("spark", ROOT, "b", null, true, false)))
        .hasMessageContaining("--no-projection is for --dialect athena");
    assertThatThrownBy(
            () ->
                DdlJob.script(
                    new DdlJob.Request(
                        "athena", ROOT, "b", LocalDate.parse("2026-01-01"), true, false)))
        .hasMessageContaining("does not go with --no-projection");
    assertThatThrownBy(
            () -> DdlJob.script(new DdlJob.Request("athena", ROOT, "b", null, false, true)))
        .hasMessageContaining("no partitions to register");
    assertThatThrownBy(
            () ->
                DdlJob.script(
                    new DdlJob.Request(
                        "athena", ROOT, "b", LocalDate.of(10000, 1, 1), false, false)))
        .hasMessageContaining("years 1 to 9999");
    assertThatThrownBy(() -> DdlJob.script("mysql", ROOT, "b"))
        .hasMessageContaining("unknown dialect");
  }

  @Test
  void projectionPropertiesNeedAFolderLocation() {
    assertThatThrownBy(() -> AthenaProjection.properties("s3://b/t", DdlJob.DEFAULT_SINCE))
        .hasMessageContaining("must end with '/'");
    assertThatThrownBy(() -> AthenaProjection.withProjection("MSCK REPAIR TABLE `t`;", null))
        .isInstanceOf(IllegalStateException.class);
  }
}
