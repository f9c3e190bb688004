package org.mozilla.balrog.logs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.SourceCounts;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * The projection the daily job persists: no address column and no address in any string, the audit
 * counts and every table computed from it equal to the same computed from the full scan.
 */
class ScanProjectionSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
  static final Map<LogSource, Dataset<Row>> raw = new EnumMap<>(LogSource.class);
  static final Map<LogSource, Dataset<Row>> narrow = new EnumMap<>(LogSource.class);

  @BeforeAll
  static void generate() {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs,
                DAY,
                1,
                150,
                4L,
                false,
                false,
                List.of(
                    DeploySpec.parse("w1@2026-11-01T10:00:00Z:regression"),
                    DeploySpec.parse("admin1@2026-11-01T11:00Z")),
                1.0),
            null);
    new InputDiscovery(SPARK.session().sparkContext().hadoopConfiguration())
        .discover(logs.toString(), EnumSet.allOf(LogSource.class), DAY, DAY)
        .forEach(
            (s, fs) -> {
              Dataset<Row> scan = LogScan.scan(SPARK.session(), s.format(), fs).cache();
              raw.put(s, scan);
              narrow.put(s, ScanProjection.narrow(scan, s).cache());
            });
    assertThat(raw).hasSize(LogSource.values().length);
  }

  @Test
  void noAddressColumnAndNoAddressInAnyString() {
    for (LogSource s : LogSource.values()) {
      Dataset<Row> d = narrow.get(s);
      assertThat(d.columns())
          .as(s.id())
          .doesNotContain(
              "request_ip",
              "request_port",
              "backend_ip",
              "remote_addr",
              "client",
              "user_agent",
              "http_user_agent",
              "url",
              "_sample",
              "source_file");
      // _file stays (to name damaged or unreadable files), redacted: the loop below checks its
      // values too
      for (StructField f : d.schema().fields()) {
        if (!f.dataType().simpleString().equals("string")) {
          continue;
        }
        for (Row r : d.select("`" + f.name() + "`").distinct().collectAsList()) {
          String v = r.getString(0);
          assertThat(v == null || !IPV4.matcher(v).find())
              .as("%s.%s = %s", s.id(), f.name(), v)
              .isTrue();
        }
      }
    }
  }

  @Test
  void auditCountsAreTheSame() {
    for (LogSource s : LogSource.values()) {
      assertThat(IngestAudit.ofScan(s.id(), narrow.get(s)))
          .as(s.id())
          .isEqualTo(IngestAudit.ofScan(s.id(), raw.get(s)));
    }
  }

  /** Every source counted in one job counts as it does on its own. */
  @Test
  void auditCountsOfAllSourcesAtOnceAreEachSourcesOwn() {
    Map<String, Dataset<Row>> all = new LinkedHashMap<>();
    for (LogSource s : LogSource.values()) {
      all.put(s.id(), narrow.get(s));
    }
    Map<String, SourceCounts> together = IngestAudit.ofScans(all);
    assertThat(together).hasSize(LogSource.values().length);
    for (LogSource s : LogSource.values()) {
      SourceCounts own = IngestAudit.ofScan(s.id(), narrow.get(s));
      assertThat(together.get(s.id())).as(s.id()).isEqualTo(own);
      assertThat(own.lines()).as(s.id()).isPositive();
    }
    assertThat(IngestAudit.ofScans(Map.of())).isEmpty();
  }

  @Test
  void everyTableIsTheSame() {
    assertSame(
        RequestRates.compute(SPARK.session(), narrow, DAY),
        RequestRates.compute(SPARK.session(), raw, DAY));
    assertSame(
        AppErrors.compute(SPARK.session(), narrow, DAY),
        AppErrors.compute(SPARK.session(), raw, DAY));
    assertSame(
        AdminActivity.compute(SPARK.session(), narrow, DAY),
        AdminActivity.compute(SPARK.session(), raw, DAY));
  }

  private static void assertSame(Dataset<Row> a, Dataset<Row> b) {
    List<Row> rows = a.collectAsList();
    assertThat(rows).isNotEmpty();
    assertThat(rows.stream().map(ScanProjectionSparkTest::text).sorted().toList())
        .isEqualTo(b.collectAsList().stream().map(ScanProjectionSparkTest::text).sorted().toList());
  }

  private static String text(Row r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.size(); i++) {
      Object v = r.get(i);
      sb.append(
              v instanceof byte[] bytes
                  ? java.util.HexFormat.of().formatHex(bytes)
                  : String.valueOf(v))
          .append('|');
    }
    return sb.toString();
  }
}
