package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.PopulationCells;
import org.mozilla.balrog.logs.source.PopulationScan;

/**
 * {@code update_population}: update requests of one day → requests, background requests and distinct client
 * fingerprints per domain × product × channel × version × os × arch (ARCHITECTURE.md 5, 6).
 *
 * <p>The scan tasks tally requests per cell ({@link PopulationScan}); this class merges each cell's tallies and
 * builds its sketch from the cell's distinct fingerprints in ascending order, and folds merge sketches in a sorted
 * order, so a rerun writes identical rows (see {@link Sketches}).
 *
 * <p>Small cells: a cell with fewer than {@code minClients} clients is folded into version {@code other} of its
 * (domain, product, channel, os, arch) group; if that {@code other} row is itself still small, it is folded further
 * into os = arch = version = {@code other} of its (domain, product, channel). Requests always add up; clients of a
 * folded row are the union of the folded sketches ({@link PopulationFolds}).
 */
public final class UpdatePopulation {
  static final List<String> KEYS =
      List.of("domain", "product", "channel", "is_test_channel", "version", "os", "arch");

  private UpdatePopulation() {}

  /**
   * The population of {@code day} from the update domains' files ({@link UpdateRequests#DOMAINS}; other sources are
   * ignored): their update requests of that log date, tallied per cell inside the scan tasks ({@link
   * PopulationScan}), which hash the client fingerprint while parsing (no raw address becomes a Spark value).
   */
  public static Dataset<Row> compute(
      SparkSession spark, Map<LogSource, List<InputFile>> files, LocalDate day, int lgK, long minClients) {
    Sketches.checkLgK(lgK);
    Map<LogSource, List<InputFile>> update = new EnumMap<>(LogSource.class);
    for (LogSource s : UpdateRequests.DOMAINS) {
      List<InputFile> fs = files.getOrDefault(s, List.of());
      if (!fs.isEmpty()) {
        update.put(s, fs);
      }
    }
    return update.isEmpty()
        ? ScanRows.empty(spark, SummaryTables.UPDATE_POPULATION)
        : fromPartials(PopulationScan.partialCells(spark, update, day), lgK, minClients);
  }

  /**
   * Rows in {@link SummaryTables#UPDATE_POPULATION} column order from partial cells ({@link PopulationScan#SCHEMA};
   * a cell may have one row per scan task): each cell's rows meet in one partition to build its sketch ({@link
   * CellBuilder}), then the small cells are folded ({@link #fold}).
   */
  private static Dataset<Row> fromPartials(Dataset<Row> partials, int lgK, long minClients) {
    List<String> order = new ArrayList<>(KEYS);
    order.add("fingerprint_range");
    Dataset<Row> cells =
        partials
            .repartition(columns(KEYS))
            .sortWithinPartitions(columns(order))
            .mapPartitions(
                new CellBuilder(lgK), Encoders.row(SparkSchemas.structType(SummaryTables.UPDATE_POPULATION)));
    return fold(cells, minClients, KEYS, List.of(
        List.of("domain", "product", "channel", "is_test_channel", "os", "arch"),
        List.of("domain", "product", "channel", "is_test_channel")));
  }

  /**
   * Folds small rows ({@link PopulationFolds}) once per level of {@code levels}, each the keys its groups keep (the
   * other keys become {@code other}); the last level must be the coarsest. Rows need {@code keys}, {@code requests},
   * {@code background_requests}, {@code clients}, {@code clients_sketch} and {@code folded_cells}; the result has
   * those columns in that order. Each group of the last level meets in one partition.
   */
  static Dataset<Row> fold(Dataset<Row> rows, long minClients, List<String> keys, List<List<String>> levels) {
    List<String> names = new ArrayList<>(keys);
    names.addAll(List.of("requests", "background_requests", "clients", "clients_sketch", "folded_cells"));
    Dataset<Row> canonical = rows.select(columns(names));
    List<int[]> kept = new ArrayList<>();
    for (List<String> level : levels) {
      kept.add(level.stream().mapToInt(keys::indexOf).toArray());
    }
    return canonical
        .repartition(columns(levels.get(levels.size() - 1)))
        .mapPartitions(new Folder(keys.size(), kept, minClients), Encoders.row(canonical.schema()));
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(k -> col(k)).toArray(Column[]::new);
  }

  /**
   * Builds one {@code update_population} row (not folded) per cell from partial rows sorted by cell and fingerprint
   * range: each range's fingerprints from every task, made distinct and sorted, go into the cell's sketch in range
   * order, so the sketch sees the cell's distinct fingerprints in ascending order (a rerun writes identical bytes) and
   * only one range of one cell is held at a time. Runs on executors.
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
            for (long fp : PopulationCells.sortedDistinct(values, values.length)) {
              sketch.add(fp);
            }
          }
          byte[] bytes = sketch.toBytes();
          List<Object> keys = new ArrayList<>(KEY_COUNT);
          for (int i = 0; i < KEY_COUNT; i++) {
            keys.add(cell.get(i));
          }
          return row(new PopulationFolds.Cell(keys, requests, background, Sketches.estimate(bytes), bytes, 0));
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

  /** Folds the small rows of the whole groups in a partition ({@link PopulationFolds}). Runs on executors. */
  static final class Folder implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final int keys;
    private final List<int[]> levels;
    private final long minClients;

    Folder(int keys, List<int[]> levels, long minClients) {
      this.keys = keys;
      this.levels = levels;
      this.minClients = minClients;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
      List<PopulationFolds.Cell> cells = new ArrayList<>();
      while (in.hasNext()) {
        cells.add(cell(in.next(), keys));
      }
      List<Row> out = new ArrayList<>(cells.size());
      for (PopulationFolds.Cell c : PopulationFolds.fold(cells, minClients, levels)) {
        out.add(row(c));
      }
      return out.iterator();
    }
  }

  /** A population row ({@code keys}, requests, background requests, clients, sketch, folded cells) as a cell. */
  private static PopulationFolds.Cell cell(Row r, int keys) {
    Object[] k = new Object[keys];
    for (int i = 0; i < keys; i++) {
      k[i] = r.get(i);
    }
    return new PopulationFolds.Cell(List.of(k), r.getLong(keys), r.getLong(keys + 1), r.getLong(keys + 2),
        (byte[]) r.get(keys + 3), r.getInt(keys + 4));
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
