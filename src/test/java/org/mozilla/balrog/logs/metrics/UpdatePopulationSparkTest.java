package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.ElbPass;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * {@code update_population} as the job computes it (cells tallied in the scan tasks from the lines'
 * bytes, sketches built and folded in Java) against an independent Spark SQL formulation over the
 * ELB views of the same generated gzip files: the scan's rows of the day's update requests, the
 * fingerprint as SQL {@code xxhash64} of the view columns, grouped per cell. Every cell has the
 * same requests, background requests and sketch bytes.
 */
class UpdatePopulationSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  static Map<LogSource, List<InputFile>> files;

  @BeforeAll
  static void generate() throws IOException {
    new SampleGenerator()
        .run(
            new GeneratorConfig(logs, DAY.minusDays(1), 2, 4_000, 23L, true, false, List.of(), 1.0),
            null);
    files =
        new InputDiscovery(SPARK.session().sparkContext().hadoopConfiguration())
            .discover(logs.toString(), EnumSet.allOf(LogSource.class), DAY, DAY);
  }

  /**
   * The day's update requests per cell from the view columns: requests, background, sorted distinct
   * fingerprints.
   */
  static Map<List<Object>, Row> reference() {
    SparkSession spark = SPARK.session();
    List<Dataset<Row>> perDomain = new ArrayList<>();
    for (LogSource s : UpdateRequests.DOMAINS) {
      if (files.getOrDefault(s, List.of()).isEmpty()) {
        continue;
      }
      Dataset<Row> events =
          LogScan.events(LogScan.scan(spark, LogFormat.ELB, files.get(s)), LogFormat.ELB);
      perDomain.add(
          events
              .where(
                  col("log_date")
                      .equalTo(lit(java.sql.Date.valueOf(DAY)))
                      .and(col("endpoint").isin("update", "json")))
              .select(
                  lit(s.id()).as("domain"),
                  known("product"),
                  known("channel_normalized").as("channel"),
                  coalesce(col("is_test_channel"), lit(false)).as("is_test_channel"),
                  known("version"),
                  known("os"),
                  known("arch"),
                  col("force").isNull().as("background"),
                  ClientFingerprint.column().as("fingerprint")));
    }
    Map<List<Object>, Row> out = new HashMap<>();
    for (Row r :
        perDomain.stream()
            .reduce(Dataset::unionByName)
            .orElseThrow()
            .groupBy("domain", "product", "channel", "is_test_channel", "version", "os", "arch")
            .agg(
                count(lit(1)).as("requests"),
                sum(when(col("background"), 1L).otherwise(0L)).as("background"),
                expr("array_sort(collect_set(fingerprint))").as("fingerprints"))
            .collectAsList()) {
      out.put(List.of(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6)), r);
    }
    return out;
  }

  private static org.apache.spark.sql.Column known(String c) {
    return coalesce(col(c), lit("unknown")).as(c);
  }

  /** The day's population from the update domains' files, as the daily job computes it. */
  private static UpdatePopulation.Day compute(long minClients) {
    Map<LogSource, List<InputFile>> update = new java.util.EnumMap<>(LogSource.class);
    UpdateRequests.DOMAINS.forEach(s -> update.put(s, files.getOrDefault(s, List.of())));
    update.values().removeIf(List::isEmpty);
    ElbPass.Result pass = ElbPass.run(SPARK.session(), update, DAY, List.of(), null);
    return UpdatePopulation.compute(
            SPARK.session(), pass.partialCells(), Sketches.DEFAULT_LG_K, minClients)
        .onClose(pass::close);
  }

  @Test
  void everyCellEqualsTheSqlFormulationOverTheViews() {
    Map<List<Object>, Row> reference = reference();
    // min clients 1: no cell is folded
    List<Row> cells = compute(1).rows().collectAsList();
    assertThat(reference).hasSizeGreaterThan(20);
    assertThat(cells).hasSameSizeAs(reference.values());
    for (Row c : cells) {
      List<Object> key =
          List.of(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6));
      Row want = reference.get(key);
      assertThat(want).as(key.toString()).isNotNull();
      assertThat(c.getLong(7)).as(key.toString()).isEqualTo(want.getLong(7));
      assertThat(c.getLong(8)).as(key.toString()).isEqualTo(want.getLong(8));
      Sketches.Builder sketch = new Sketches.Builder(Sketches.DEFAULT_LG_K);
      List<Long> fps = want.getList(9);
      fps.forEach(sketch::add);
      assertThat((byte[]) c.get(10)).as(key.toString()).isEqualTo(sketch.toBytes());
      assertThat(c.getLong(9)).isEqualTo(Sketches.estimate(sketch.toBytes()));
      assertThat(c.getInt(11)).isZero();
    }
  }

  @Test
  void foldedRowsKeepTheTotalsAndUseSparksOwnUnion() {
    Dataset<Row> folded = compute(50).rows();
    Dataset<Row> all = compute(1).rows();
    assertThat(folded.agg(sum("requests"), sum("background_requests")).first())
        .isEqualTo(all.agg(sum("requests"), sum("background_requests")).first());
    assertThat(folded.where("folded_cells > 0").count()).isPositive();
    assertThat(folded.where("folded_cells = 0 AND clients < 50").count()).isZero();
    // Sketches.union and estimate are Spark's hll_union and hll_sketch_estimate, bit for bit
    List<Row> pairs =
        all.selectExpr(
                "clients_sketch AS a",
                "lead(clients_sketch) OVER (ORDER BY domain, product,"
                    + " channel, version, os, arch, is_test_channel) AS b")
            .where("b IS NOT NULL")
            .limit(40)
            .selectExpr(
                "a", "b", "hll_union(a, b) AS u", "hll_sketch_estimate(hll_union(a, b)) AS e")
            .collectAsList();
    assertThat(pairs).hasSize(40);
    for (Row p : pairs) {
      byte[] u = Sketches.union((byte[]) p.get(0), (byte[]) p.get(1));
      assertThat(u).isEqualTo((byte[]) p.get(2));
      assertThat(Sketches.estimate(u)).isEqualTo(p.getLong(3));
    }
  }
}
