package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.mozilla.balrog.logs.model.SortedLongs;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.sink.UpdatePopulationSketchesTable;
import org.mozilla.balrog.logs.sink.UpdatePopulationTable;

/**
 * {@code update_population} and {@code update_population_sketches}: update requests of one day →
 * requests, background requests and distinct client fingerprints per domain × product × channel ×
 * version × os × arch (docs/design.md#population).
 *
 * <p>The scan tasks tally requests per cell ({@code source.ElbPass}); this class merges each cell's
 * tallies and builds its sketch from the cell's distinct fingerprints in ascending order, and folds
 * merge sketches in a sorted order, so a rerun writes identical rows (see {@link Sketches}).
 *
 * <p>Small cells ({@link PopulationFolds}): os/arch first (a small cell keeps its version, with os
 * = arch = {@code other}), then version (when the version's clients in its domain, product and
 * channel are few), then channel (Balrog's channel names excepted), then product. {@code
 * update_population_sketches} holds the same day per domain × product × channel × version before
 * any fold of a well-formed value: roll-ups over days, channels and products are unions of those
 * sketches ({@link PopulationRolling}), so no roll-up loses clients to a fold at a finer grain.
 */
public final class UpdatePopulation {
  static final List<String> KEYS =
      List.of(
          UpdatePopulationTable.DOMAIN,
          UpdatePopulationTable.PRODUCT,
          UpdatePopulationTable.CHANNEL,
          UpdatePopulationTable.IS_TEST_CHANNEL,
          UpdatePopulationTable.VERSION,
          UpdatePopulationTable.OS,
          UpdatePopulationTable.ARCH);
  static final List<String> SKETCH_KEYS =
      List.of(
          UpdatePopulationSketchesTable.DOMAIN,
          UpdatePopulationSketchesTable.PRODUCT,
          UpdatePopulationSketchesTable.CHANNEL,
          UpdatePopulationSketchesTable.IS_TEST_CHANNEL,
          UpdatePopulationSketchesTable.VERSION);

  /** The folds of {@code update_population}, finest first (key positions in {@link #KEYS}). */
  static final List<PopulationFolds.Level> DAILY_LEVELS =
      List.of(
          new PopulationFolds.Level(
              "os_arch",
              new int[] {0, 1, 2, 3, 4, 5, 6},
              new int[] {0, 1, 2, 3, 4},
              -1,
              PopulationFolds.Exempt.NONE),
          new PopulationFolds.Level(
              "version",
              new int[] {0, 1, 2, 3, 4},
              new int[] {0, 1, 2, 3},
              4,
              PopulationFolds.Exempt.NONE),
          new PopulationFolds.Level(
              "channel",
              new int[] {0, 1, 2, 3},
              new int[] {0, 1, 3},
              2,
              PopulationFolds.Exempt.BALROG_CHANNEL),
          new PopulationFolds.Level(
              "product", new int[] {0, 1}, new int[] {0, 3}, 1, PopulationFolds.Exempt.NONE));

  /**
   * The folds of {@code update_population_sketches} (key positions in {@link #SKETCH_KEYS}): only
   * values outside Balrog's vocabulary (version syntax, channel names, products) fold, so the store
   * keeps every version a window may need, and no made-up text below the threshold.
   */
  static final List<PopulationFolds.Level> SKETCH_LEVELS =
      List.of(
          new PopulationFolds.Level(
              "version",
              new int[] {0, 1, 2, 3, 4},
              new int[] {0, 1, 2, 3},
              4,
              PopulationFolds.Exempt.VERSION_SYNTAX),
          new PopulationFolds.Level(
              "channel",
              new int[] {0, 1, 2, 3},
              new int[] {0, 1, 3},
              2,
              PopulationFolds.Exempt.BALROG_CHANNEL),
          new PopulationFolds.Level(
              "product",
              new int[] {0, 1},
              new int[] {0, 3},
              1,
              PopulationFolds.Exempt.KNOWN_PRODUCT));

  private UpdatePopulation() {}

  /**
   * One day's population: the published rows ({@link SummaryTables#UPDATE_POPULATION}) and the
   * sketch store ({@link SummaryTables#UPDATE_POPULATION_SKETCHES}), both from the same persisted
   * cells; {@link #close} releases them.
   */
  public record Day(Dataset<Row> rows, Dataset<Row> sketches, Dataset<Row> cells, Runnable onClose)
      implements AutoCloseable {
    public Day(Dataset<Row> rows, Dataset<Row> sketches, Dataset<Row> cells) {
      this(rows, sketches, cells, () -> {});
    }

    /** This day, also running {@code then} when closed (after releasing the cells). */
    public Day onClose(Runnable then) {
      return new Day(rows, sketches, cells, then);
    }

    @Override
    public void close() {
      if (cells != null) {
        cells.unpersist();
      }
      onClose.run();
    }
  }

  /**
   * The population from the partial cells the scan tasks tallied over the update domains' files
   * ({@code source.ElbPass}: update requests of one log date per cell, the client fingerprint
   * hashed while parsing, so no raw address becomes a Spark value); {@code partials} null when the
   * day has no update-domain files.
   */
  public static Day compute(SparkSession spark, Dataset<Row> partials, int lgK, long minClients) {
    Sketches.checkLgK(lgK);
    if (partials == null) {
      return new Day(
          ScanRows.empty(spark, SummaryTables.UPDATE_POPULATION),
          ScanRows.empty(spark, SummaryTables.UPDATE_POPULATION_SKETCHES),
          null);
    }
    Dataset<Row> cells = cells(partials, lgK).persist(StorageLevel.MEMORY_AND_DISK());
    return new Day(
        fold(cells, minClients, KEYS, DAILY_LEVELS, SummaryTables.UPDATE_POPULATION),
        fold(
            cells,
            minClients,
            SKETCH_KEYS,
            SKETCH_LEVELS,
            SummaryTables.UPDATE_POPULATION_SKETCHES),
        cells);
  }

  /**
   * One row per cell (not folded) in {@link SummaryTables#UPDATE_POPULATION} column order from
   * partial cells ({@code source.PopulationScan.SCHEMA}; a cell may have one row per scan task):
   * each cell's rows meet in one partition to build its sketch ({@link CellBuilder}).
   */
  private static Dataset<Row> cells(Dataset<Row> partials, int lgK) {
    List<String> order = new ArrayList<>(KEYS);
    order.add("fingerprint_range");
    return partials
        .repartition(columns(KEYS))
        .sortWithinPartitions(columns(order))
        .mapPartitions(
            new CellBuilder(lgK),
            Encoders.row(SparkSchemas.structType(SummaryTables.UPDATE_POPULATION)));
  }

  /**
   * The cells with the keys {@code keys} (the others merged away), folded level by level ({@link
   * PopulationFolds}), in {@code table}'s columns. Each domain's rows meet in one partition: the
   * coarsest fold (product) needs them all.
   */
  private static Dataset<Row> fold(
      Dataset<Row> cells,
      long minClients,
      List<String> keys,
      List<PopulationFolds.Level> levels,
      SummaryTable table) {
    List<String> names = new ArrayList<>(keys);
    names.addAll(
        List.of(
            UpdatePopulationTable.REQUESTS,
            UpdatePopulationTable.BACKGROUND_REQUESTS,
            UpdatePopulationTable.CLIENTS,
            UpdatePopulationTable.CLIENTS_SKETCH,
            UpdatePopulationTable.FOLDED_CELLS));
    Dataset<Row> canonical = cells.select(columns(names));
    return canonical
        .repartition(col(UpdatePopulationTable.DOMAIN))
        .mapPartitions(
            new Folder(keys.size(), levels, minClients), Encoders.row(canonical.schema()))
        .select(columns(table.columnNames()));
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(k -> col(k)).toArray(Column[]::new);
  }

  /**
   * Builds one {@code update_population} row (not folded) per cell from partial rows sorted by cell
   * and fingerprint range: each range's fingerprints from every task, made distinct and sorted, go
   * into the cell's sketch in range order, so the sketch sees the cell's distinct fingerprints in
   * ascending order (a rerun writes identical bytes) and only one range of one cell is held at a
   * time. Runs on executors.
   */
  static final class CellBuilder implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final int KEY_COUNT = KEYS.size();
    private static final int RANGE = KEY_COUNT;
    private final int lgK;

    CellBuilder(int lgK) {
      this.lgK = lgK;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
      return new Iterator<>() {
        private Row pending = in.hasNext() ? in.next() : null;

        @Override
        public boolean hasNext() {
          return pending != null;
        }

        @Override
        public Row next() {
          if (pending == null) {
            throw new NoSuchElementException();
          }
          Row cell = pending;
          Sketches.Builder sketch = new Sketches.Builder(lgK);
          long requests = 0;
          long background = 0;
          while (pending != null && sameCell(pending, cell)) {
            int range = pending.getInt(RANGE);
            List<Long> fingerprints = new ArrayList<>();
            while (pending != null && sameCell(pending, cell) && pending.getInt(RANGE) == range) {
              requests += pending.getLong(RANGE + 1);
              background += pending.getLong(RANGE + 2);
              fingerprints.addAll(pending.getList(RANGE + 3));
              pending = in.hasNext() ? in.next() : null;
            }
            long[] values = new long[fingerprints.size()];
            for (int i = 0; i < values.length; i++) {
              values[i] = fingerprints.get(i);
            }
            for (long fp : SortedLongs.distinct(values, values.length)) {
              sketch.add(fp);
            }
          }
          byte[] bytes = sketch.toBytes();
          List<Object> keys = new ArrayList<>(KEY_COUNT);
          for (int i = 0; i < KEY_COUNT; i++) {
            keys.add(cell.get(i));
          }
          return row(
              new PopulationFolds.Cell(
                  keys, requests, background, Sketches.estimate(bytes), bytes, 0));
        }
      };
    }

    private static boolean sameCell(Row a, Row b) {
      for (int i = 0; i < KEY_COUNT; i++) {
        if (!a.get(i).equals(b.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Merges each partition's rows to {@code keys} keys (the cells' first {@code keys} columns: a
   * coarser table rolls its cells up first) and folds them ({@link PopulationFolds}). Runs on
   * executors.
   */
  static final class Folder implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final int keys;
    private final List<PopulationFolds.Level> levels;
    private final long minClients;

    Folder(int keys, List<PopulationFolds.Level> levels, long minClients) {
      this.keys = keys;
      this.levels = List.copyOf(levels);
      this.minClients = minClients;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
      List<PopulationFolds.Cell> cells = new ArrayList<>();
      while (in.hasNext()) {
        cells.add(cell(in.next(), keys));
      }
      if (keys < KEYS.size()) {
        // the sketch store's keys leave os and arch out: one row per remaining key set first
        cells = PopulationFolds.rollUp(cells, IntStream.range(0, keys).toArray(), null);
      }
      List<Row> out = new ArrayList<>(cells.size());
      for (PopulationFolds.Cell c : PopulationFolds.fold(cells, minClients, levels)) {
        out.add(row(c));
      }
      return out.iterator();
    }
  }

  /**
   * A population row ({@code keys}, requests, background requests, clients, sketch, folded cells)
   * as a cell.
   */
  private static PopulationFolds.Cell cell(Row r, int keys) {
    Object[] k = new Object[keys];
    for (int i = 0; i < keys; i++) {
      k[i] = r.get(i);
    }
    return new PopulationFolds.Cell(
        Arrays.asList(k),
        r.getLong(keys),
        r.getLong(keys + 1),
        r.getLong(keys + 2),
        (byte[]) r.get(keys + 3),
        r.getInt(keys + 4));
  }

  /** The cell as a row in {@link #cell}'s column order. */
  private static Row row(PopulationFolds.Cell c) {
    int keys = c.keys().size();
    Object[] v = Arrays.copyOf(c.keys().toArray(), keys + 5);
    v[keys] = c.requests();
    v[keys + 1] = c.backgroundRequests();
    v[keys + 2] = c.clients();
    v[keys + 3] = c.sketch();
    v[keys + 4] = c.foldedCells();
    return RowFactory.create(v);
  }
}
