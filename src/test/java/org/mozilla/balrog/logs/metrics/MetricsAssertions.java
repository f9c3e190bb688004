package org.mozilla.balrog.logs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTable;

/** Assertions shared by the metrics Spark tests. */
final class MetricsAssertions {
  private MetricsAssertions() {}

  /**
   * The dataset has exactly the table's columns, in order, with their types (nullability is the
   * writer's job).
   */
  static void assertTableColumns(Dataset<Row> rows, SummaryTable table) {
    assertThat(
            Arrays.stream(rows.schema().fields())
                .map(f -> f.name() + " " + f.dataType().simpleString()))
        .as(table.name())
        .containsExactlyElementsOf(
            Arrays.stream(SparkSchemas.structType(table).fields())
                .map(f -> f.name() + " " + f.dataType().simpleString())
                .toList());
  }
}
