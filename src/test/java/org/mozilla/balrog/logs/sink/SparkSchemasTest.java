package org.mozilla.balrog.logs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SparkSchemasTest {
  @Test
  void everyColumnTypeHasItsSparkType() {
    StructType s = SparkSchemas.structType(SampleRows.ALL_TYPES);
    assertThat(s.apply("string_req").dataType()).isEqualTo(DataTypes.StringType);
    assertThat(s.apply("int_req").dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(s.apply("bigint_req").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(s.apply("double_req").dataType()).isEqualTo(DataTypes.DoubleType);
    assertThat(s.apply("boolean_req").dataType()).isEqualTo(DataTypes.BooleanType);
    assertThat(s.apply("binary_req").dataType()).isEqualTo(DataTypes.BinaryType);
    assertThat(s.apply("timestamp_req").dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(s.apply("date_req").dataType()).isEqualTo(DataTypes.DateType);
    assertThat(s.apply("array_string_req").dataType())
        .isEqualTo(DataTypes.createArrayType(DataTypes.StringType, false));
    assertThat(s.apply("map_string_bigint_req").dataType())
        .isEqualTo(DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false));
  }

  @Test
  void columnsKeepTheirOrderAndNullability() {
    for (SummaryTable table : SummaryTables.all()) {
      StructType s = SparkSchemas.structType(table);
      assertThat(s.fieldNames()).containsExactlyElementsOf(table.columnNames());
      for (Column c : table.columns()) {
        assertThat(s.apply(c.name()).nullable())
            .as(table.name() + "." + c.name())
            .isEqualTo(c.nullable());
      }
    }
    StructType all = SparkSchemas.structType(SampleRows.ALL_TYPES);
    assertThat(all.apply("string_req").nullable()).isFalse();
    assertThat(all.apply("string_opt").nullable()).isTrue();
  }

  @Test
  void theReadSchemaIsAllNullableWithLogDateLast() {
    StructType s = SparkSchemas.readSchema(SummaryTables.INGEST_AUDIT);
    assertThat(s.fieldNames()).endsWith("job_version", "log_date").startsWith("source", "run_id");
    assertThat(s.apply("log_date").dataType()).isEqualTo(DataTypes.DateType);
    assertThat(s.fields()).allMatch(StructField::nullable);
    assertThat(s.apply("rejected_by_reason").dataType())
        .isEqualTo(DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true));
  }
}
