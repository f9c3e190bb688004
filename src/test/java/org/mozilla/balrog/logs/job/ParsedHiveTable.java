package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.analysis.UnresolvedIdentifier;
import org.apache.spark.sql.catalyst.plans.logical.CreateTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SerdeInfo;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedTableSpec;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.testing.ScalaCollections;

/**
 * A Hive-format CREATE TABLE as Spark's Catalyst parser read it: what the statement says, with the
 * literals unescaped by the parser, not by the test.
 */
record ParsedHiveTable(
    List<String> name,
    List<StructField> columns,
    List<String> partitionedBy,
    boolean external,
    String storedAs,
    String location,
    Map<String, String> properties) {

  static ParsedHiveTable of(LogicalPlan plan) {
    assertThat(plan).isInstanceOf(CreateTable.class);
    CreateTable ct = (CreateTable) plan;
    UnresolvedTableSpec spec = (UnresolvedTableSpec) ct.tableSpec();
    List<String> name = ScalaCollections.asJava(((UnresolvedIdentifier) ct.name()).nameParts());
    List<StructField> columns =
        ScalaCollections.asJava(ct.columns()).stream()
            .map(c -> new StructField(c.name(), c.dataType(), true, null))
            .toList();
    List<String> partitionedBy =
        ScalaCollections.asJava(ct.partitioning()).stream()
            .map(ParsedHiveTable::identityColumn)
            .toList();
    SerdeInfo serde = spec.serde().isDefined() ? spec.serde().get() : null;
    return new ParsedHiveTable(
        name,
        columns,
        partitionedBy,
        spec.external(),
        serde != null && serde.storedAs().isDefined() ? serde.storedAs().get() : null,
        spec.location().isDefined() ? spec.location().get() : null,
        Map.copyOf(ScalaCollections.asJava(spec.properties())));
  }

  private static String identityColumn(Transform t) {
    assertThat(t.name()).isEqualTo("identity");
    return String.join(".", Arrays.asList(t.references()[0].fieldNames()));
  }

  /** The columns, partition column last, are the table's as Spark reads it: names and types. */
  void assertColumnsAre(SummaryTable table) {
    assertColumnsAre(SparkSchemas.readSchema(table));
  }

  /** The columns match {@code schema} by name, order and type (nullability aside). */
  void assertColumnsAre(StructType schema) {
    assertThat(columns.stream().map(StructField::name)).containsExactly(schema.fieldNames());
    for (int i = 0; i < columns.size(); i++) {
      DataType declared = columns.get(i).dataType();
      DataType actual = schema.fields()[i].dataType();
      assertThat(DataType.equalsStructurally(declared, actual, true))
          .as("%s: declared %s, table has %s", columns.get(i).name(), declared, actual)
          .isTrue();
    }
  }
}
