package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTable;

/**
 * Picking event rows out of {@code source.LogScan} rows (or of view rows, which are all events).
 */
final class ScanRows {
  private ScanRows() {}

  /** The event rows ({@code _kind = 'e'} when the rows have a {@code _kind}). */
  static Dataset<Row> events(Dataset<Row> rows) {
    return Arrays.asList(rows.columns()).contains(ScanRow.KIND)
        ? rows.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_EVENT))
        : rows;
  }

  /** An empty dataset of {@code table}'s schema. */
  static Dataset<Row> empty(SparkSession spark, SummaryTable table) {
    return spark.createDataFrame(List.of(), SparkSchemas.structType(table));
  }

  /** The event rows whose {@code log_date} is {@code day}. */
  static Dataset<Row> eventsOf(Dataset<Row> rows, LocalDate day) {
    return events(rows).where(col(LogDate.COLUMN).equalTo(lit(day)));
  }
}
