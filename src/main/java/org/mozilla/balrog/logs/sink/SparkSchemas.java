package org.mozilla.balrog.logs.sink;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark types of the summary tables, derived from {@link SummaryTables}; no session needed. */
public final class SparkSchemas {
  private SparkSchemas() {}

  /**
   * The table's columns in order, nullable as declared; without the partition column {@code
   * log_date}.
   */
  public static StructType structType(SummaryTable table) {
    List<StructField> fields =
        table.columns().stream()
            .map(c -> new StructField(c.name(), dataType(c.type()), c.nullable(), Metadata.empty()))
            .toList();
    return DataTypes.createStructType(fields);
  }

  /**
   * What Spark returns when it reads the table's Parquet folder: the columns with every field,
   * array element and map value nullable (Spark reads Parquet as nullable whatever the files say),
   * plus {@code log_date DATE} last from the folder names.
   */
  public static StructType readSchema(SummaryTable table) {
    List<StructField> fields =
        table.columns().stream()
            .map(c -> new StructField(c.name(), dataType(c.type(), true), true, Metadata.empty()))
            .toList();
    return DataTypes.createStructType(fields)
        .add(SummaryTable.PARTITION_COLUMN, DataTypes.DateType, true);
  }

  /** The Spark type of a column type as written; array elements and map values are never null. */
  public static DataType dataType(ColumnType type) {
    return dataType(type, false);
  }

  private static DataType dataType(ColumnType type, boolean nullableElements) {
    return switch (type) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case BIGINT -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case BINARY -> DataTypes.BinaryType;
      case TIMESTAMP ->
          DataTypes.TimestampType; // instant semantics; Parquet TIMESTAMP_MICROS adjusted to UTC
      case DATE -> DataTypes.DateType;
      case ARRAY_STRING -> DataTypes.createArrayType(DataTypes.StringType, nullableElements);
      case MAP_STRING_BIGINT ->
          DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, nullableElements);
    };
  }
}
