package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * {@code update_population}: update requests of one day → requests, background requests and distinct client
 * fingerprints per domain × product × channel × version × os × arch (ARCHITECTURE.md 5, 6).
 *
 * <p>Input columns: {@code domain, product, channel, is_test_channel, version, os, arch} (non-null),
 * {@code background} (boolean: no {@code force=}) and {@code fingerprint} (bigint). Sketches are built from
 * fingerprints in sorted order and merged in a sorted order, so a rerun writes identical rows (see {@link Sketches}).
 *
 * <p>Small cells: a cell with fewer than {@code minClients} clients is folded into version {@code other} of its
 * (domain, product, channel, os, arch) group; if that {@code other} row is itself still small, it is folded further
 * into os = arch = version = {@code other} of its (domain, product, channel). Requests always add up; clients of a
 * folded row are the union of the folded sketches.
 */
public final class UpdatePopulation {
  static final List<String> KEYS =
      List.of("domain", "product", "channel", "is_test_channel", "version", "os", "arch");

  private UpdatePopulation() {}

  /**
   * The population of {@code day} from the scan rows of the update domains ({@link UpdateRequests#DOMAINS}; other
   * sources are ignored, domains without files may be absent): their update requests of that log date. The rows are
   * {@link org.mozilla.balrog.logs.source.LogScan} rows, unpersisted: the scan is a pruned relation, so this pass
   * builds only the columns the population reads and hashes the client fingerprint while parsing (no raw address
   * becomes a Spark value). {@code daily} runs it as its own pass over the update domains' files, next to the shared
   * {@link ScanProjection} the other tables and the audit read.
   */
  public static Dataset<Row> compute(
      SparkSession spark, Map<LogSource, Dataset<Row>> scans, LocalDate day, int lgK, long minClients) {
    List<Dataset<Row>> requests = new ArrayList<>();
    for (LogSource s : UpdateRequests.DOMAINS) {
      if (scans.containsKey(s)) {
        requests.add(
            ScanRows.eventsOf(scans.get(s), day).where(UpdateRequests.isUpdate()).select(UpdateRequests.columns(s.id())));
      }
    }
    return requests.isEmpty()
        ? ScanRows.empty(spark, SummaryTables.UPDATE_POPULATION)
        : compute(requests.stream().reduce(Dataset::unionByName).orElseThrow(), lgK, minClients);
  }

  /** Rows in {@link SummaryTables#UPDATE_POPULATION} column order. */
  public static Dataset<Row> compute(Dataset<Row> requests, int lgK, long minClients) {
    Sketches.checkLgK(lgK);
    Column[] keyCols = KEYS.stream().map(k -> col(k)).toArray(Column[]::new);
    List<Column> keysAndFp = new ArrayList<>(Arrays.asList(keyCols));
    keysAndFp.add(col("fingerprint"));
    Dataset<Row> pairs =
        requests
            .groupBy(keysAndFp.toArray(Column[]::new))
            .agg(count(lit(1)).as("n"), sum(when(col("background"), 1L).otherwise(0L)).as("b"));
    StructType cellSchema = cellSchema();
    Dataset<Row> cells =
        pairs
            .repartition(keyCols)
            .sortWithinPartitions(keysAndFp.toArray(Column[]::new))
            .mapPartitions(new CellBuilder(lgK), Encoders.row(cellSchema))
            .withColumn("clients", expr("hll_sketch_estimate(clients_sketch)"))
            .withColumn("folded_cells", lit(0))
            // each fold reads its input twice (big and small cells): materialise once, it is small
            .localCheckpoint();
    Dataset<Row> once =
        fold(cells, minClients, KEYS, List.of("domain", "product", "channel", "is_test_channel", "os", "arch"))
            .localCheckpoint();
    Dataset<Row> twice =
        fold(once, minClients, KEYS, List.of("domain", "product", "channel", "is_test_channel"));
    return twice.select(
        SummaryTables.UPDATE_POPULATION.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * Folds rows below {@code minClients} into one {@code other} row per {@code groupKeys}; the columns of {@code keys}
   * not in {@code groupKeys} become {@code other}. Rows need {@code keys}, {@code requests},
   * {@code background_requests}, {@code clients_sketch}, {@code clients} and {@code folded_cells}; rows already
   * folded take part like any other row.
   */
  static Dataset<Row> fold(Dataset<Row> rows, long minClients, List<String> keys, List<String> groupKeys) {
    Dataset<Row> big = rows.where(col("clients").geq(minClients));
    Dataset<Row> small = rows.where(col("clients").lt(minClients));
    List<Column> out = new ArrayList<>();
    for (String k : keys) {
      out.add(groupKeys.contains(k) ? col(k) : lit(SummaryTables.OTHER_VERSION).as(k));
    }
    Dataset<Row> folded =
        small
            .groupBy(groupKeys.stream().map(k -> col(k)).toArray(Column[]::new))
            .agg(
                sum("requests").as("requests"),
                sum("background_requests").as("background_requests"),
                sum(when(col("folded_cells").equalTo(0), 1).otherwise(col("folded_cells"))).cast("int")
                    .as("folded_cells"),
                expr("sort_array(collect_list(clients_sketch))").as("sketches"));
    out.add(col("requests"));
    out.add(col("background_requests"));
    // deterministic union: left fold over the sorted list
    out.add(
        expr("aggregate(slice(sketches, 2, size(sketches)), element_at(sketches, 1), (acc, s) -> hll_union(acc, s))")
            .as("clients_sketch"));
    out.add(col("folded_cells"));
    Dataset<Row> merged =
        folded.select(out.toArray(Column[]::new)).withColumn("clients", expr("hll_sketch_estimate(clients_sketch)"));
    String[] cols = big.columns();
    return big.unionByName(merged.select(Arrays.stream(cols).map(c -> col(c)).toArray(Column[]::new)));
  }

  private static StructType cellSchema() {
    List<StructField> f = new ArrayList<>();
    for (String k : KEYS) {
      f.add(DataTypes.createStructField(k, k.equals("is_test_channel") ? DataTypes.BooleanType : DataTypes.StringType,
          false));
    }
    f.add(DataTypes.createStructField("requests", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("background_requests", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("clients_sketch", DataTypes.BinaryType, false));
    return DataTypes.createStructType(f);
  }

  /** Walks (keys, fingerprint)-sorted rows and emits one cell per run of equal keys. Runs on executors. */
  static final class CellBuilder implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final int lgK;

    CellBuilder(int lgK) {
      this.lgK = lgK;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
      int nKeys = KEYS.size();
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
          Object[] keys = new Object[nKeys];
          for (int i = 0; i < nKeys; i++) {
            keys[i] = pending.get(i);
          }
          Sketches.Builder sketch = new Sketches.Builder(lgK);
          long requests = 0;
          long background = 0;
          Row r = pending;
          while (r != null && sameKeys(r, keys)) {
            sketch.add(r.getLong(nKeys));
            requests += r.getLong(nKeys + 1);
            background += r.getLong(nKeys + 2);
            r = in.hasNext() ? in.next() : null;
          }
          pending = r;
          Object[] v = Arrays.copyOf(keys, nKeys + 3);
          v[nKeys] = requests;
          v[nKeys + 1] = background;
          v[nKeys + 2] = sketch.toBytes();
          return RowFactory.create(v);
        }
      };
    }

    private static boolean sameKeys(Row r, Object[] keys) {
      for (int i = 0; i < keys.length; i++) {
        if (!Objects.equals(r.get(i), keys[i])) {
          return false;
        }
      }
      return true;
    }
  }
}
