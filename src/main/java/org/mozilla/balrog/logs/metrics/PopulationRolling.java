package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * {@code update_population_rolling}: clients over the 1, 7 and 28 days ending on a day, per product × channel ×
 * version, as the union of the stored daily sketches (never the raw logs). Days of a window without a stored
 * partition are counted in {@code days_missing}: the estimate is then a lower bound, and says so.
 */
public final class PopulationRolling {
  public static final List<Integer> WINDOWS = List.of(1, 7, 28);
  static final List<String> KEYS = List.of("product", "channel", "is_test_channel", "version");

  private PopulationRolling() {}

  /**
   * @param stored update_population rows with their {@code log_date} (at least the 28 days ending on {@code day})
   * @param presentDays the days that have a stored update_population partition
   */
  public static Dataset<Row> compute(
      Dataset<Row> stored, LocalDate day, Set<LocalDate> presentDays, long minClients) {
    Dataset<Row> out = null;
    for (int w : WINDOWS) {
      LocalDate start = day.minusDays(w - 1L);
      int present = (int) presentDays.stream().filter(d -> !d.isBefore(start) && !d.isAfter(day)).count();
      Dataset<Row> cells =
          stored
              .where(col("log_date").between(java.sql.Date.valueOf(start), java.sql.Date.valueOf(day)))
              .groupBy(KEYS.stream().map(k -> col(k)).toArray(Column[]::new))
              .agg(
                  sum("requests").as("requests"),
                  sum("background_requests").as("background_requests"),
                  expr("sort_array(collect_list(clients_sketch))").as("sketches"))
              .withColumn(
                  "clients_sketch",
                  expr(
                      "aggregate(slice(sketches, 2, size(sketches)), element_at(sketches, 1),"
                          + " (acc, s) -> hll_union(acc, s))"))
              .withColumn("clients", expr("hll_sketch_estimate(clients_sketch)"))
              .withColumn("folded_cells", lit(0))
              .drop("sketches");
      Dataset<Row> folded =
          UpdatePopulation.fold(cells, minClients, KEYS, List.of(List.of("product", "channel", "is_test_channel")));
      Dataset<Row> window =
          folded
              .withColumn("window_days", lit(w))
              .withColumn("window_start", lit(java.sql.Date.valueOf(start)))
              .withColumn("days_present", lit(present))
              .withColumn("days_missing", lit(w - present))
              .select(
                  SummaryTables.UPDATE_POPULATION_ROLLING.columnNames().stream()
                      .map(c -> col(c))
                      .toArray(Column[]::new));
      out = out == null ? window : out.unionByName(window);
    }
    return out;
  }
}
