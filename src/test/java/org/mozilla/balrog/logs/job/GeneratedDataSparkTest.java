package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.RawLogViews;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * The views over generated data agree with the generator's ground truth: rows per view and log date
 * equal the manifest, and inspect accounts for every line, rejecting exactly the malformed lines
 * the generator wrote.
 */
class GeneratedDataSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path dir;
  static JsonNode manifest;
  static final LocalDate FROM = LocalDate.of(2026, 11, 1);

  @BeforeAll
  static void generate() throws IOException {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                dir,
                FROM,
                2,
                400,
                7L,
                true,
                false,
                List.of(DeploySpec.parse("d1@2026-11-02T09:00:00Z:regression:migration")),
                1.0),
            msg -> {});
    manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
  }

  @Test
  void everyViewHasTheManifestRowsPerLogDate() {
    Map<LogSource, RawLogViews.Registered> reg =
        RawLogViews.register(
            SPARK.session(),
            dir.toString(),
            EnumSet.allOf(LogSource.class),
            FROM,
            FROM.plusDays(1));
    for (LogSource s : LogSource.values()) {
      assertThat(reg.get(s).files()).as("files of %s", s).isPositive();
      Map<String, Long> actual = new HashMap<>();
      for (Row r :
          SPARK
              .session()
              .sql("SELECT CAST(log_date AS STRING), count(*) FROM " + s.viewName() + " GROUP BY 1")
              .collectAsList()) {
        actual.put(r.getString(0), r.getLong(1));
      }
      Map<String, Long> expected = new HashMap<>();
      manifest
          .path("rows")
          .path(s.viewName())
          .properties()
          .forEach(
              e -> {
                LocalDate d = LocalDate.parse(e.getKey());
                if (!d.isBefore(FROM) && !d.isAfter(FROM.plusDays(1))) {
                  expected.put(e.getKey(), e.getValue().asLong());
                }
              });
      assertThat(expected).as("manifest rows of %s", s.viewName()).isNotEmpty();
      assertThat(actual).as("rows per log_date of %s", s.viewName()).isEqualTo(expected);
    }
  }

  @Test
  void inspectRejectsExactlyTheMalformedLines() {
    InspectJob.Result r =
        InspectJob.run(
            SPARK.session(),
            List.of(
                dir.resolve("elb").toString(),
                dir.resolve("nginx").toString(),
                dir.resolve("syslog").toString()));
    assertThat(r.unknownFiles()).isEmpty();
    assertThat(r.parsedLines() + r.rejected()).isEqualTo(r.lines());
    long malformed = manifest.path("malformed").size();
    assertThat(malformed).isPositive();
    assertThat(r.rejected()).isEqualTo(malformed);
    long written = 0;
    for (JsonNode perView : manifest.path("lines")) {
      for (JsonNode n : perView) {
        written += n.asLong();
      }
    }
    assertThat(r.lines()).isEqualTo(written);
  }
}
