package org.mozilla.balrog.logs.source;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.testing.DatasetAssertions.assertDatasetEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.metrics.ClientFingerprint;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * The scan relation on generated files of every source plus the ugly fixtures: every column, and
 * any pruned subset, equals what Spark's own row encoder makes of the scan's full-width rows (the
 * scan builds internal rows itself), and the scan's fingerprint equals Spark's {@code xxhash64} of
 * the view columns.
 */
class LogScanSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  static final Map<LogFormat, List<InputFile>> FILES = new EnumMap<>(LogFormat.class);

  @BeforeAll
  static void generate() throws IOException, URISyntaxException {
    new SampleGenerator()
        .run(new GeneratorConfig(logs, DAY, 1, 2_000, 5L, false, false, List.of(), 1.0), null);
    Map<LogSource, List<InputFile>> found =
        new InputDiscovery(SPARK.session().sparkContext().hadoopConfiguration())
            .discover(logs.toString(), EnumSet.allOf(LogSource.class), DAY, DAY);
    found
        .values()
        .forEach(
            fs ->
                fs.forEach(f -> FILES.computeIfAbsent(f.format(), k -> new ArrayList<>()).add(f)));
    Path fixtures = Path.of(LogScanSparkTest.class.getResource("/fixtures").toURI());
    try (Stream<Path> s = Files.walk(fixtures)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        String dir = p.getParent().getFileName().toString();
        LogFormat format =
            switch (dir) {
              case "elb" -> LogFormat.ELB;
              case "syslog" -> LogFormat.SYSLOG;
              default ->
                  p.getFileName().toString().contains("error")
                      ? LogFormat.NGINX_ERROR
                      : LogFormat.NGINX_ACCESS;
            };
        FILES.get(format).add(new InputFile("file:" + p, null, format, DAY, Files.size(p)));
      }
    }
  }

  /**
   * The scan's rows through Spark's row encoder, from the same full-width rows the relation prunes.
   */
  static Dataset<Row> viaRowEncoder(LogFormat format) {
    SparkSession spark = SPARK.session();
    List<Row> rows = new ArrayList<>();
    Iterator<Object[]> it =
        LogScan.rawRows(format, FILES.get(format), spark.sparkContext().hadoopConfiguration());
    it.forEachRemaining(v -> rows.add(RowFactory.create(v)));
    return spark.createDataFrame(rows, LogScan.schema(format));
  }

  @Test
  void everyColumnEqualsTheRowEncodersValues() {
    for (LogFormat format : LogFormat.values()) {
      assertThat(FILES.get(format)).as(format.name()).hasSizeGreaterThan(1);
      Dataset<Row> scan = LogScan.scan(SPARK.session(), format, FILES.get(format));
      Dataset<Row> expected = viaRowEncoder(format);
      assertThat(expected.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_EVENT)).count())
          .as(format.name())
          .isGreaterThan(10);
      assertThat(expected.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_REJECT)).count())
          .as(format.name())
          .isPositive();
      assertDatasetEquals(expected, scan);
    }
  }

  @Test
  void prunedScansEqualTheSameColumnsOfTheFullRows() {
    Map<LogFormat, List<String>> subsets =
        Map.of(
            LogFormat.ELB,
                List.of(
                    ScanRow.KIND,
                    "_reason",
                    "log_date",
                    "endpoint",
                    "product",
                    "channel_normalized",
                    "force",
                    "request_time",
                    ScanRow.FINGERPRINT),
            LogFormat.NGINX_ACCESS, List.of("event_time", "status", "_lines"),
            LogFormat.NGINX_ERROR, List.of("level", "log_date", "_sample"),
            LogFormat.SYSLOG, List.of("payload_kind", "json_timestamp", "_damage"));
    for (Map.Entry<LogFormat, List<String>> e : subsets.entrySet()) {
      String[] cols = e.getValue().toArray(String[]::new);
      Dataset<Row> scan = LogScan.scan(SPARK.session(), e.getKey(), FILES.get(e.getKey()));
      Dataset<Row> expected = viaRowEncoder(e.getKey());
      assertDatasetEquals(expected.selectExpr(cols), scan.selectExpr(cols));
      assertThat(scan.count()).isEqualTo(expected.count());
      // the audit's own query: no event column at all
      assertDatasetEquals(
          expected.where(col(ScanRow.KIND).notEqual(ScanRow.KIND_EVENT)).groupBy("_reason").count(),
          scan.where(col(ScanRow.KIND).notEqual(ScanRow.KIND_EVENT)).groupBy("_reason").count());
    }
  }

  @Test
  void scanFingerprintEqualsSparkXxhash64OfTheViewColumns() {
    Dataset<Row> events =
        LogScan.scan(SPARK.session(), LogFormat.ELB, FILES.get(LogFormat.ELB))
            .where(col(ScanRow.KIND).equalTo(ScanRow.KIND_EVENT));
    long total = events.count();
    long same = events.where(col(ScanRow.FINGERPRINT).equalTo(ClientFingerprint.column())).count();
    assertThat(same).isEqualTo(total).isGreaterThan(1000);
    assertThat(events.select(ScanRow.FINGERPRINT).distinct().count()).isGreaterThan(500);
  }

  @Test
  void viewsLeaveTheScanOnlyColumnsOut() {
    Dataset<Row> scan = LogScan.scan(SPARK.session(), LogFormat.ELB, FILES.get(LogFormat.ELB));
    assertThat(List.of(scan.columns())).contains(ScanRow.FINGERPRINT);
    assertThat(List.of(LogScan.events(scan, LogFormat.ELB).columns()))
        .doesNotContain(ScanRow.FINGERPRINT)
        .containsExactly(EventColumns.schema(LogFormat.ELB).fieldNames());
  }
}
