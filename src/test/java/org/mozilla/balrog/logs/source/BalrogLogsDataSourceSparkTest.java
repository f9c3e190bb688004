package org.mozilla.balrog.logs.source;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mozilla.balrog.logs.testing.DatasetAssertions.assertDatasetEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * {@code spark.read.format("balrog-logs")} on generated files: by source and date it gives exactly
 * the rows {@code daily}'s own scan gives for those files; by path it finds the format from the
 * layout or the lines; a pruned query reads the same values; a wrong option or an ambiguous input
 * fails with a message that says what to do.
 */
class BalrogLogsDataSourceSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  static Map<LogSource, List<InputFile>> files;

  @BeforeAll
  static void generate() {
    new SampleGenerator()
        .run(new GeneratorConfig(logs, DAY, 1, 1_000, 9L, false, false, List.of(), 1.0), null);
    files =
        new InputDiscovery(SPARK.session().sparkContext().hadoopConfiguration())
            .discover(logs.toString(), EnumSet.allOf(LogSource.class), DAY, DAY);
  }

  private static org.apache.spark.sql.DataFrameReader read() {
    return SPARK.session().read().format("balrog-logs");
  }

  @Test
  void bySourceAndDateItIsDailysScanOfThoseFiles() {
    Dataset<Row> viaFormat =
        read().option("source", "aus5").option("date", DAY.toString()).load(logs.toString());
    Dataset<Row> scan =
        LogScan.scan(SPARK.session(), LogSource.AUS5.format(), files.get(LogSource.AUS5));
    assertThat(viaFormat.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_EVENT)).count())
        .isGreaterThan(1_000);
    assertDatasetEquals(scan, viaFormat);
    String[] some = {"_kind", "log_date", "elb_response_code", "channel_normalized", "version"};
    assertDatasetEquals(scan.selectExpr(some), viaFormat.selectExpr(some));
  }

  @Test
  void byPathTheFormatComesFromTheLayoutOrTheLines() throws IOException {
    Path syslogDir =
        Path.of(files.get(LogSource.SYSLOG_WEB).get(0).path().replaceFirst("^file:", ""))
            .getParent();
    Dataset<Row> byLayout = read().load(syslogDir.toString());
    assertThat(byLayout.columns()).contains("payload_kind");
    assertThat(byLayout.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_FILE)).count())
        .isEqualTo(files.get(LogSource.SYSLOG_WEB).size());
    // a copy outside the layout: detected from its lines
    Path elb = Path.of(files.get(LogSource.AUS5).get(3).path().replaceFirst("^file:", ""));
    Path loose = Files.createTempDirectory(logs, "loose").resolve("some-log.txt");
    Files.copy(elb, loose);
    Dataset<Row> detected = read().load(loose.toString());
    assertThat(detected.columns()).contains("elb_response_code");
    assertThat(detected.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_EVENT)).count())
        .isEqualTo(Files.readAllLines(elb).stream().filter(l -> !l.isBlank()).count());
    // several paths at once: option paths (Spark gives a v1 source no path for load(p1, p2): an
    // error says so)
    long two =
        read()
            .option("paths", loose + "," + elb)
            .load()
            .where(col(ScanRow.KIND).equalTo(ScanRow.KIND_FILE))
            .count();
    assertThat(two).isEqualTo(2);
    assertThatThrownBy(() -> read().load(loose.toString(), elb.toString()))
        .hasMessageContaining("pass several as option paths");
  }

  @Test
  void badOptionsAndMixedInputSayWhatToDo() {
    String syslog = files.get(LogSource.SYSLOG_WEB).get(0).path();
    String elb = files.get(LogSource.AUS5).get(0).path();
    assertThatThrownBy(() -> read().option("paths", syslog + "," + elb).load())
        .hasMessageContaining("2 formats [ELB, SYSLOG]")
        .hasMessageContaining("set option format");
    // the generator's manifest.json is no log: named, with the way out
    assertThatThrownBy(() -> read().load(logs.toString()))
        .hasMessageContaining("cannot tell the format of 1 file(s)")
        .hasMessageContaining("manifest.json")
        .hasMessageContaining("set option format");
    assertThatThrownBy(() -> read().option("source", "aus5").load(logs.toString()))
        .hasMessageContaining("needs date");
    assertThatThrownBy(
            () ->
                read().option("source", "aus5").option("date", "2026-13-01").load(logs.toString()))
        .hasMessageContaining("not a date");
    assertThatThrownBy(
            () ->
                read().option("source", "aus5").option("date", "2026-10-01").load(logs.toString()))
        .hasMessageContaining("no aus5 files");
    assertThatThrownBy(() -> read().option("format", "csv").load(logs.toString()))
        .hasMessageContaining("unknown format 'csv'");
    // format picks one format among several; an undetectable file is read as that format, its lines
    // rejected
    Dataset<Row> nginxErrors = read().option("format", "nginx_error").load(logs.toString());
    assertThat(nginxErrors.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_FILE)).count())
        .isEqualTo(files.get(LogSource.ADMIN_NGINX_ERROR).size() + 1);
    assertThat(
            nginxErrors
                .where(col("_file").endsWith("manifest.json").and(col(ScanRow.KIND).equalTo("e")))
                .count())
        .isZero();
    assertThat(
            nginxErrors
                .where(col("_file").endsWith("manifest.json").and(col(ScanRow.KIND).equalTo("r")))
                .count())
        .isPositive();
  }
}
