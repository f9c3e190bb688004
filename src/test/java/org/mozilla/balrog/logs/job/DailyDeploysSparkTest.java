package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.deploy.DeclaredDeploy;
import org.mozilla.balrog.logs.deploy.ImpactSettings;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * {@code daily} writes the day's deploys (detected, and declared ones that started that day) and
 * their impact, reading the day's scans it already has. (Reruns replacing the partition are {@code
 * DailyJobSparkTest}'s, for every table.)
 */
class DailyDeploysSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  @TempDir static Path out;
  static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  static String printed;

  @BeforeAll
  static void generateAndRun() throws IOException {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs,
                DAY,
                1,
                400,
                5L,
                false,
                true,
                List.of(
                    DeploySpec.parse("v2@2026-11-02T10:00Z:regression"),
                    DeploySpec.parse("v3@2026-11-02T13:00Z")),
                1.0),
            msg -> {});
    printed = daily();
  }

  static String daily() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DailyJob.run(
        SPARK.session(),
        JobConfig.defaults().withInput(logs.toString()).withOutput(out.toString()),
        new DailyJob.Options(
            DAY,
            DAY,
            Sketches.DEFAULT_LG_K,
            1,
            0.01,
            List.of(
                DeclaredDeploy.parse("v3@2026-11-02T13:00Z"),
                DeclaredDeploy.parse("v9@2026-11-05T13:00Z")),
            ImpactSettings.from(Map.of())),
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }

  static List<Row> rows(String sql) {
    PartitionWriter.read(SPARK.session(), SummaryTables.DEPLOYS, out.toString())
        .createOrReplaceTempView("deploys");
    PartitionWriter.read(SPARK.session(), SummaryTables.DEPLOY_IMPACT, out.toString())
        .createOrReplaceTempView("deploy_impact");
    return SPARK.session().sql(sql).collectAsList();
  }

  @Test
  void deploysOfTheDayDetectedAndDeclared() {
    List<Row> d =
        rows(
            "SELECT deploy_id, app, source, hosts, hosts_total, schema_migration, CAST(log_date AS"
                + " STRING) FROM deploys ORDER BY started_at");
    assertThat(d)
        .extracting(
            r ->
                r.getString(0)
                    + " "
                    + r.getString(1)
                    + " "
                    + r.getString(2)
                    + " "
                    + r.getInt(3)
                    + "/"
                    + r.getInt(4)
                    + " "
                    + r.getBoolean(5)
                    + " "
                    + r.getString(6))
        .containsExactly(
            "detected-web-20261102T1000Z web detected 4/4 false 2026-11-02",
            "v3 web declared+detected 4/4 false 2026-11-02");
    assertThat(printed).contains("deploys=2", "deploy_impact=18");
    // the windows lie within the day: every file came from the day's scans, none was read again
    assertThat(printed)
        .containsPattern("counted the windows of 2 deploys: 0 files read, [1-9][0-9]* taken");
  }

  @Test
  void impactHasTheRegressionAndItsNewSignature() {
    List<Row> overall =
        rows(
            "SELECT deploy_id, verdict, size(new_signatures) FROM deploy_impact"
                + " WHERE metric = 'overall' ORDER BY deploy_started_at");
    assertThat(overall)
        .extracting(r -> r.getString(0) + " " + r.getString(1) + " " + r.getInt(2))
        .containsExactly("detected-web-20261102T1000Z regression 1", "v3 ok 0");
  }
}
