package org.mozilla.balrog.logs.sink;

/**
 * The column types summary tables use; each maps to one Spark, Avro, Athena, Trino and Spark SQL
 * type.
 */
enum ColumnType {
  STRING,
  INT,
  BIGINT,
  DOUBLE,
  BOOLEAN,
  BINARY,
  /** UTC instant, microseconds (Parquet TIMESTAMP_MICROS, adjusted to UTC). */
  TIMESTAMP,
  DATE,
  ARRAY_STRING,
  MAP_STRING_BIGINT
}
