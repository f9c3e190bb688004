package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.sink.UpdatePopulationSketchesTable;

/**
 * {@code update_population_rolling}: clients over the 1, 7 and 28 days ending on a day, per product
 * × channel × version, per product × channel (version NULL) and per product (channel and version
 * NULL, non-test channels only), as unions of the stored daily sketches ({@code
 * update_population_sketches}, never the raw logs). Folds come after the union, at the window's own
 * grain ({@link PopulationFolds}): a version small on each day but not over the week keeps its row,
 * and totals are unions of sketches that were never folded at a finer grain. Days of a window
 * without a stored partition are counted in {@code days_missing}: the estimate is then a lower
 * bound, and says so.
 *
 * <p>Spark unions each key's daily sketches (a few thousand keys a window), every window in one job
 * that reads the longest window's days once; the roll-ups and folds run on the driver.
 */
public final class PopulationRolling {
  public static final List<Integer> WINDOWS = List.of(1, 7, 28);
  static final List<String> KEYS =
      List.of(
          UpdatePopulationSketchesTable.PRODUCT,
          UpdatePopulationSketchesTable.CHANNEL,
          UpdatePopulationSketchesTable.IS_TEST_CHANNEL,
          UpdatePopulationSketchesTable.VERSION);

  /** Folds of the per-version rows (key positions in {@link #KEYS}). */
  static final List<PopulationFolds.Level> VERSION_LEVELS =
      List.of(
          new PopulationFolds.Level(
              "version",
              new int[] {0, 1, 2, 3},
              new int[] {0, 1, 2},
              3,
              PopulationFolds.Exempt.NONE),
          new PopulationFolds.Level(
              "channel",
              new int[] {0, 1, 2},
              new int[] {0, 2},
              1,
              PopulationFolds.Exempt.BALROG_CHANNEL),
          new PopulationFolds.Level(
              "product", new int[] {0}, new int[] {2}, 0, PopulationFolds.Exempt.NONE));

  /** Folds of the channel totals (version NULL stays NULL). */
  static final List<PopulationFolds.Level> CHANNEL_TOTAL_LEVELS =
      List.of(
          new PopulationFolds.Level(
              "channel",
              new int[] {0, 1, 2},
              new int[] {0, 2, 3},
              1,
              PopulationFolds.Exempt.BALROG_CHANNEL),
          new PopulationFolds.Level(
              "product", new int[] {0}, new int[] {2, 3}, 0, PopulationFolds.Exempt.NONE));

  /** Folds of the product totals (channel and version NULL stay NULL). */
  static final List<PopulationFolds.Level> PRODUCT_TOTAL_LEVELS =
      List.of(
          new PopulationFolds.Level(
              "product", new int[] {0}, new int[] {1, 2, 3}, 0, PopulationFolds.Exempt.NONE));

  /** One window's rows and what its folds hid. */
  public record Window(
      int days,
      List<PopulationFolds.Cell> rows,
      List<PopulationFolds.Hidden> hidden,
      long totalRequests) {}

  /** The table's rows and, per window, what was folded. */
  public record Result(Dataset<Row> rows, List<Window> windows) {}

  private PopulationRolling() {}

  /**
   * @param stored update_population_sketches rows with their {@code log_date} (at least the 28 days
   *     ending on {@code day})
   * @param presentDays the days that have a stored update_population_sketches partition
   */
  public static Result compute(
      SparkSession spark,
      Dataset<Row> stored,
      LocalDate day,
      Set<LocalDate> presentDays,
      long minClients) {
    List<Row> out = new ArrayList<>();
    List<Window> windows = new ArrayList<>();
    Map<Integer, List<PopulationFolds.Cell>> unions = unions(stored, day);
    for (int w : WINDOWS) {
      LocalDate start = day.minusDays(w - 1L);
      int present =
          (int) presentDays.stream().filter(d -> !d.isBefore(start) && !d.isAfter(day)).count();
      List<PopulationFolds.Cell> keys = unions.getOrDefault(w, List.of());
      Window window = window(w, keys, minClients);
      windows.add(window);
      for (PopulationFolds.Cell c : window.rows()) {
        List<Object> k = c.keys();
        out.add(
            RowFactory.create(
                w,
                java.sql.Date.valueOf(start),
                k.get(0),
                k.get(1),
                k.get(2),
                k.get(3),
                c.requests(),
                c.clients(),
                present,
                w - present));
      }
    }
    return new Result(
        spark.createDataFrame(
            out, SparkSchemas.structType(SummaryTables.UPDATE_POPULATION_ROLLING)),
        windows);
  }

  /**
   * The window's rows from its keys' unions: per version (folded: version, channel, product), per
   * channel (folded: channel, product) and per product over its non-test channels (folded:
   * product). Plain Java.
   */
  public static Window window(int days, List<PopulationFolds.Cell> keys, long minClients) {
    List<PopulationFolds.Cell> rows = new ArrayList<>();
    List<PopulationFolds.Cell> versions = PopulationFolds.fold(keys, minClients, VERSION_LEVELS);
    rows.addAll(versions);
    rows.addAll(
        PopulationFolds.fold(
            PopulationFolds.rollUp(keys, new int[] {0, 1, 2}, null),
            minClients,
            CHANNEL_TOTAL_LEVELS));
    List<PopulationFolds.Cell> userChannels =
        keys.stream().filter(c -> !Boolean.TRUE.equals(c.keys().get(2))).toList();
    if (!userChannels.isEmpty()) {
      rows.addAll(
          PopulationFolds.fold(
              PopulationFolds.rollUp(userChannels, new int[] {0, 2}, null),
              minClients,
              PRODUCT_TOTAL_LEVELS));
    }
    long total = versions.stream().mapToLong(PopulationFolds.Cell::requests).sum();
    List<PopulationFolds.Hidden> hidden =
        List.of(
            PopulationFolds.hidden("version", versions, 3),
            PopulationFolds.hidden("channel", versions, 1),
            PopulationFolds.hidden("product", versions, 0));
    return new Window(days, rows, hidden, total);
  }

  /** The column of the window length (days) a stored row counts in, inside {@link #unions}. */
  private static final String WINDOW_DAYS = "rolling_days";

  /**
   * Per window ({@link #WINDOWS}, by its days) and product × channel × test flag × version:
   * requests added up, daily sketches unioned. One Spark job for every window: each stored row of
   * the longest window counts in each window that holds its day.
   */
  private static Map<Integer, List<PopulationFolds.Cell>> unions(
      Dataset<Row> stored, LocalDate end) {
    int longest = WINDOWS.stream().mapToInt(Integer::intValue).max().orElseThrow();
    String lengths = WINDOWS.stream().map(String::valueOf).collect(Collectors.joining(", "));
    List<Column> keys = new ArrayList<>();
    keys.add(col(WINDOW_DAYS));
    KEYS.forEach(k -> keys.add(col(k)));
    Map<Integer, List<PopulationFolds.Cell>> out = new TreeMap<>();
    for (Row r :
        stored
            .where(
                col(LogDate.COLUMN)
                    .between(
                        java.sql.Date.valueOf(end.minusDays(longest - 1L)),
                        java.sql.Date.valueOf(end)))
            .withColumn(
                WINDOW_DAYS,
                explode(
                    expr(
                        "filter(array("
                            + lengths
                            + "), w -> datediff(DATE'"
                            + end
                            + "', "
                            + LogDate.COLUMN
                            + ") < w)")))
            .groupBy(keys.toArray(Column[]::new))
            .agg(
                sum(UpdatePopulationSketchesTable.REQUESTS)
                    .as(UpdatePopulationSketchesTable.REQUESTS),
                sum(UpdatePopulationSketchesTable.BACKGROUND_REQUESTS)
                    .as(UpdatePopulationSketchesTable.BACKGROUND_REQUESTS),
                expr("sort_array(collect_list("
                        + UpdatePopulationSketchesTable.CLIENTS_SKETCH
                        + "))")
                    .as("sketches"))
            .select(
                col(WINDOW_DAYS),
                col(UpdatePopulationSketchesTable.PRODUCT),
                col(UpdatePopulationSketchesTable.CHANNEL),
                col(UpdatePopulationSketchesTable.IS_TEST_CHANNEL),
                col(UpdatePopulationSketchesTable.VERSION),
                col(UpdatePopulationSketchesTable.REQUESTS),
                col(UpdatePopulationSketchesTable.BACKGROUND_REQUESTS),
                expr("aggregate(slice(sketches, 2, size(sketches)), element_at(sketches, 1),"
                        + " (acc, s) -> hll_union(acc, s))")
                    .as("sketch"))
            .collectAsList()) {
      byte[] sketch = (byte[]) r.get(7);
      out.computeIfAbsent(r.getInt(0), w -> new ArrayList<>())
          .add(
              new PopulationFolds.Cell(
                  Arrays.asList(r.get(1), r.get(2), r.get(3), r.get(4)),
                  r.getLong(5),
                  r.getLong(6),
                  Sketches.estimate(sketch),
                  sketch,
                  0));
    }
    return out;
  }
}
