package org.mozilla.balrog.logs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.testing.ScalaCollections;

/** Each table's column constants are its columns, and the row records read back what they write. */
class TableContractTest {
  private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

  /** The {@code <Name>Table} class of a table, e.g. {@code DeployImpactTable} for deploy_impact. */
  static Class<?> constantsOf(SummaryTable t) throws ClassNotFoundException {
    StringBuilder name = new StringBuilder(SummaryTables.class.getPackageName()).append('.');
    for (String part : t.name().split("_")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return Class.forName(name.append("Table").toString());
  }

  @Test
  void everyTableHasOneConstantPerColumnInOrder() throws Exception {
    for (SummaryTable t : SummaryTables.all()) {
      List<String> constants = new ArrayList<>();
      for (Field f : constantsOf(t).getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == String.class) {
          String value = (String) f.get(null);
          assertThat(f.getName()).as(t.name()).isEqualTo(value.toUpperCase(java.util.Locale.ROOT));
          constants.add(value);
        }
      }
      assertThat(constants).as(t.name()).containsExactlyElementsOf(t.columnNames());
    }
  }

  @Test
  void rowRecordsHaveTheColumnsInOrder() {
    assertThat(components(DeployRow.class)).isEqualTo(camel(SummaryTables.DEPLOYS));
    assertThat(components(ImpactRow.class)).isEqualTo(camel(SummaryTables.DEPLOY_IMPACT));
    assertThat(components(IngestAuditRow.class)).isEqualTo(camel(SummaryTables.INGEST_AUDIT));
  }

  @Test
  void rowRecordsReadBackWhatTheyWrite() {
    DeployRow d = new DeployRow("v1", "web", T, null, 3, 4, true, "declared", "3 restarts");
    assertThat(DeployRow.fromRow(collected(SummaryTables.DEPLOYS, d.values()))).isEqualTo(d);
    ImpactRow i =
        new ImpactRow(
            "v1",
            "web",
            T,
            T.plusSeconds(60),
            ImpactRow.OVERALL,
            T.minusSeconds(3600),
            T,
            T.plusSeconds(60),
            T.plusSeconds(3660),
            0.01,
            null,
            1,
            100,
            2,
            100,
            null,
            0.5,
            2.0,
            0.3,
            "ok",
            "no change",
            List.of("KeyError @ x", "TypeError @ y"));
    assertThat(ImpactRow.fromRow(collected(SummaryTables.DEPLOY_IMPACT, i.values()))).isEqualTo(i);
    IngestAuditRow a =
        new IngestAuditRow(
            "aus5", "r1", 2, 30, 40, 38, 2, Map.of("b", 1L, "a", 1L), 38, 0, T, T, "0.1.0");
    assertThat(IngestAuditRow.fromRow(collected(SummaryTables.INGEST_AUDIT, a.values())))
        .isEqualTo(a);
  }

  /**
   * A row as collected from a partition: Scala collections, java.sql timestamps (no java8 API), and
   * the partition column after the table's.
   */
  private static Row collected(SummaryTable t, Object[] values) {
    Object[] v = Arrays.copyOf(values, values.length + 1);
    for (int k = 0; k < values.length; k++) {
      if (v[k] instanceof List<?> l) {
        v[k] = ScalaCollections.asScala(l);
      } else if (v[k] instanceof Map<?, ?> m) {
        v[k] = ScalaCollections.asScala(m);
      } else if (v[k] instanceof Instant x) {
        v[k] = java.sql.Timestamp.from(x);
      }
    }
    v[values.length] = java.sql.Date.valueOf("2026-11-02");
    StructType schema =
        SparkSchemas.structType(t).add(SummaryTable.PARTITION_COLUMN, DataTypes.DateType);
    return new GenericRowWithSchema(v, schema);
  }

  private static List<String> components(Class<? extends Record> c) {
    return Arrays.stream(c.getRecordComponents()).map(r -> r.getName()).toList();
  }

  private static List<String> camel(SummaryTable t) {
    List<String> out = new ArrayList<>();
    for (String c : t.columnNames()) {
      StringBuilder b = new StringBuilder();
      for (String part : c.split("_")) {
        b.append(
            b.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
      }
      out.add(b.toString());
    }
    return out;
  }
}
