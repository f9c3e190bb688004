package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.ARCH;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.CHANNEL;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.CLIENTS_SKETCH;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.DOMAIN;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.IS_TEST_CHANNEL;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.OS;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.PRODUCT;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.REQUESTS;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.VERSION;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * {@code update_population_folds}: what the population tables hide in {@code other}, per table,
 * window and grain (rows, requests, distinct clients), so a reader knows how much of a total sits
 * behind the folds.
 */
public final class PopulationFoldSummary {
  /** One table's (or window's) folds. */
  public record Folds(
      String table, int windowDays, List<PopulationFolds.Hidden> hidden, long totalRequests) {
    /** One line for the console: clients and requests per grain, with the share of requests. */
    public String describe() {
      StringBuilder sb = new StringBuilder(table);
      if (table.equals(SummaryTables.UPDATE_POPULATION_ROLLING.name())) {
        sb.append(' ').append(windowDays).append('d');
      }
      sb.append(": in 'other':");
      for (PopulationFolds.Hidden h : hidden) {
        sb.append(
            String.format(
                Locale.ROOT,
                " %s %d clients, %d requests (%.2f %%);",
                h.grain(),
                h.clients(),
                h.requests(),
                totalRequests == 0 ? 0.0 : 100.0 * h.requests() / totalRequests));
      }
      sb.setLength(sb.length() - 1);
      return sb.toString();
    }
  }

  private PopulationFoldSummary() {}

  /**
   * The folds of one day's {@code update_population} rows (as written): only the rows holding an
   * {@code other} key reach the driver.
   */
  public static Folds daily(Dataset<Row> published) {
    long total = 0;
    Row t = published.agg(sum(REQUESTS)).first();
    if (!t.isNullAt(0)) {
      total = t.getLong(0);
    }
    String other = SummaryTables.OTHER;
    List<PopulationFolds.Cell> rows = new ArrayList<>();
    for (Row r :
        published
            .where(
                col(PRODUCT)
                    .equalTo(lit(other))
                    .or(col(CHANNEL).equalTo(lit(other)))
                    .or(col(VERSION).equalTo(lit(other)))
                    .or(col(OS).equalTo(lit(other))))
            .select(
                col(DOMAIN),
                col(PRODUCT),
                col(CHANNEL),
                col(IS_TEST_CHANNEL),
                col(VERSION),
                col(OS),
                col(ARCH),
                col(REQUESTS),
                col(CLIENTS_SKETCH))
            .collectAsList()) {
      byte[] sketch = (byte[]) r.get(8);
      rows.add(
          new PopulationFolds.Cell(
              Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6)),
              r.getLong(7),
              0,
              Sketches.estimate(sketch),
              sketch,
              0));
    }
    return new Folds(
        SummaryTables.UPDATE_POPULATION.name(),
        1,
        List.of(
            PopulationFolds.hidden("os_arch", rows, 5, 6),
            PopulationFolds.hidden("version", rows, 4),
            PopulationFolds.hidden("channel", rows, 2),
            PopulationFolds.hidden("product", rows, 1)),
        total);
  }

  /** The folds of each rolling window. */
  public static List<Folds> rolling(List<PopulationRolling.Window> windows) {
    return windows.stream()
        .map(
            w ->
                new Folds(
                    SummaryTables.UPDATE_POPULATION_ROLLING.name(),
                    w.days(),
                    w.hidden(),
                    w.totalRequests()))
        .toList();
  }

  /**
   * Rows of {@link SummaryTables#UPDATE_POPULATION_FOLDS}; none for a table or window without
   * requests.
   */
  public static Dataset<Row> rows(SparkSession spark, List<Folds> folds) {
    List<Row> out = new ArrayList<>();
    for (Folds f : folds) {
      if (f.totalRequests() == 0) {
        continue;
      }
      for (PopulationFolds.Hidden h : f.hidden()) {
        out.add(
            RowFactory.create(
                f.table(),
                f.windowDays(),
                h.grain(),
                h.rows(),
                h.requests(),
                h.clients(),
                f.totalRequests()));
      }
    }
    return spark.createDataFrame(
        out, SparkSchemas.structType(SummaryTables.UPDATE_POPULATION_FOLDS));
  }
}
