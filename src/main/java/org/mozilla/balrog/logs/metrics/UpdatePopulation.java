package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
import org.mozilla.balrog.logs.source.UpdateCell;

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
  static Dataset<Row> fromPartials(Dataset<Row> partials, int lgK, long minClients) {
    Sketches.checkLgK(lgK);
    Dataset<Row> cells =
        partials
            .repartition(columns(KEYS))
            .mapPartitions(new CellBuilder(lgK), Encoders.row(SparkSchemas.structType(SummaryTables.UPDATE_POPULATION)));
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
   * Merges the partial rows of each cell in a partition (all of a cell's rows are in one partition) and emits one
   * {@code update_population} row per cell (not folded), in {@link UpdateCell#ORDER}. The sketch is built from the
   * cell's distinct fingerprints in ascending order, so a rerun writes identical bytes whatever order the partial rows
   * came in. Runs on executors.
   */
  static final class CellBuilder implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final int lgK;

    CellBuilder(int lgK) {
      this.lgK = lgK;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
      PopulationCells cells = new PopulationCells();
      while (in.hasNext()) {
        Row r = in.next();
        UpdateCell cell = new UpdateCell(r.getString(0), r.getString(1), r.getString(2), r.getBoolean(3),
            r.getString(4), r.getString(5), r.getString(6));
        List<Long> fps = r.getList(9);
        long[] fingerprints = new long[fps.size()];
        for (int i = 0; i < fingerprints.length; i++) {
          fingerprints[i] = fps.get(i);
        }
        cells.merge(cell, r.getLong(7), r.getLong(8), fingerprints);
      }
      List<Row> out = new ArrayList<>(cells.size());
      for (PopulationCells.Partial p : cells.partials()) {
        Sketches.Builder sketch = new Sketches.Builder(lgK);
        for (long fp : p.fingerprints()) {
          sketch.add(fp);
        }
        byte[] bytes = sketch.toBytes();
        UpdateCell c = p.cell();
        out.add(RowFactory.create(c.domain(), c.product(), c.channel(), c.testChannel(), c.version(), c.os(), c.arch(),
            p.requests(), p.backgroundRequests(), Sketches.estimate(bytes), bytes, 0));
      }
      return out.iterator();
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
        Row r = in.next();
        Object[] k = new Object[keys];
        for (int i = 0; i < keys; i++) {
          k[i] = r.get(i);
        }
        cells.add(new PopulationFolds.Cell(List.of(k), r.getLong(keys), r.getLong(keys + 1), r.getLong(keys + 2),
            (byte[]) r.get(keys + 3), r.getInt(keys + 4)));
      }
      List<Row> out = new ArrayList<>(cells.size());
      for (PopulationFolds.Cell c : PopulationFolds.fold(cells, minClients, levels)) {
        Object[] v = Arrays.copyOf(c.keys().toArray(), keys + 5);
        v[keys] = c.requests();
        v[keys + 1] = c.backgroundRequests();
        v[keys + 2] = c.clients();
        v[keys + 3] = c.sketch();
        v[keys + 4] = c.foldedCells();
        out.add(RowFactory.create(v));
      }
      return out.iterator();
    }
  }
}
