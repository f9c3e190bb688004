package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.deploy.DeclaredDeploy;
import org.mozilla.balrog.logs.deploy.Deploy;
import org.mozilla.balrog.logs.deploy.DeployAnalysis;
import org.mozilla.balrog.logs.deploy.DeployTables;
import org.mozilla.balrog.logs.deploy.ImpactSettings;
import org.mozilla.balrog.logs.deploy.SourceInput;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.impact.ImpactMetric;
import org.mozilla.balrog.logs.impact.ImpactWindows;
import org.mozilla.balrog.logs.metrics.AppErrors;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.ElbFileName;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * Deploy detection and impact on a generated day with ground truth ({@code manifest.json}): a clean
 * web deploy with a migration, a regression, a later clean deploy that rolls it back, and clean
 * admin and agent deploys. The day before has no deploys; its app_errors partition is under the
 * output, as the daily job leaves it.
 */
class DeployAnalysisSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  @TempDir static Path out;
  static JsonNode manifest;
  static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  /** Every deploy detected on DAY. */
  static DeployAnalysis.Result detected;

  @BeforeAll
  static void generateAndAnalyse() throws IOException {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs,
                DAY.minusDays(1),
                2,
                2000,
                7L,
                false,
                false,
                List.of(
                    DeploySpec.parse("v1@2026-11-02T06:00Z:migration"),
                    DeploySpec.parse("v2@2026-11-02T10:00Z:regression"),
                    DeploySpec.parse("v3@2026-11-02T14:00Z"),
                    DeploySpec.parse("admin-5@2026-11-02T18:00Z"),
                    DeploySpec.parse("agent-2@2026-11-02T20:00Z")),
                1.0),
            msg -> {});
    manifest = new ObjectMapper().readTree(logs.resolve("manifest.json").toFile());
    previousDayAppErrors();
    detected =
        DeployFiles.analyse(
            SPARK.session(),
            logs.toString(),
            out.toString(),
            DeployAnalysis.Options.of(List.of(), DAY),
            null,
            System.out::println);
  }

  /**
   * The app_errors partition of the day before, as the daily job writes it: the errors every day
   * has are then not new signatures of the day's deploys.
   */
  static void previousDayAppErrors() {
    LocalDate before = DAY.minusDays(1);
    Map<LogSource, List<InputFile>> files =
        new InputDiscovery(SPARK.session().sparkContext().hadoopConfiguration())
            .discover(
                logs.toString(),
                List.of(
                    LogSource.SYSLOG_WEB,
                    LogSource.SYSLOG_ADMIN,
                    LogSource.SYSLOG_AGENT,
                    LogSource.ADMIN_NGINX_ERROR),
                before,
                before);
    Dataset<Row> events = null;
    for (Map.Entry<LogSource, List<InputFile>> e : files.entrySet()) {
      Dataset<Row> ev =
          AppErrors.errorEvents(
              LogScan.scan(SPARK.session(), e.getKey().format(), e.getValue()),
              AppErrors.appOf(e.getKey()));
      events = events == null ? ev : events.unionByName(ev);
    }
    PartitionWriter.write(
        SPARK.session(),
        SummaryTables.APP_ERRORS,
        AppErrors.compute(events),
        out.toString(),
        before);
  }

  /** The detected deploy of a manifest deploy: same app, started within its rollout. */
  static Deploy detectedOf(JsonNode m) {
    Instant first = Instant.parse(m.path("first_restart").asText());
    Instant last = Instant.parse(m.path("last_restart").asText());
    List<Deploy> found =
        detected.deploys().stream()
            .filter(d -> d.app().code().equals(m.path("app").asText()))
            // syslog times have whole seconds: the first restart's line may be stamped up to a
            // second early
            .filter(
                d ->
                    !d.startedAt().isBefore(first.truncatedTo(ChronoUnit.SECONDS))
                        && !d.startedAt().isAfter(last))
            .toList();
    assertThat(found).as("detected deploy of %s", m.path("id").asText()).hasSize(1);
    return found.get(0);
  }

  static ImpactRow overall(String deployId) {
    return row(detected, deployId, "overall");
  }

  static ImpactRow row(DeployAnalysis.Result r, String deployId, String metric) {
    return r.impact().stream()
        .filter(i -> i.deployId().equals(deployId) && i.metric().equals(metric))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no row " + deployId + " " + metric + " in " + r.impact()));
  }

  @Test
  void everyDeployIsDetectedWithinItsRollout() {
    assertThat(manifest.path("deploys")).hasSize(5);
    assertThat(detected.deploys()).hasSize(5);
    for (JsonNode m : manifest.path("deploys")) {
      Deploy d = detectedOf(m);
      Instant first =
          Instant.parse(m.path("first_restart").asText()).truncatedTo(ChronoUnit.SECONDS);
      Instant last = Instant.parse(m.path("last_restart").asText());
      assertThat(d.finishedAt()).as(m.path("id").asText()).isBetween(first, last);
      assertThat(d.hosts()).isEqualTo(m.path("hosts").size());
      assertThat(d.hostsTotal()).isEqualTo(m.path("hosts").size());
      assertThat(d.source()).isEqualTo(Deploy.Source.DETECTED);
      assertThat(d.id()).startsWith("detected-" + m.path("app").asText() + "-20261102T");
    }
  }

  @Test
  void migrationFlagOnlyWhereAMigrationRan() {
    for (JsonNode m : manifest.path("deploys")) {
      Deploy d = detectedOf(m);
      assertThat(d.schemaMigration())
          .as(m.path("id").asText())
          .isEqualTo(m.path("migration").asBoolean());
      if (d.schemaMigration()) {
        assertThat(d.evidence())
            .contains("Running upgrade " + m.path("migration_revision").asText());
      }
    }
  }

  @Test
  void verdictsMatchTheGroundTruth() {
    for (JsonNode m : manifest.path("deploys")) {
      Deploy d = detectedOf(m);
      assertThat(overall(d.id()).verdict())
          .as("%s: %s", m.path("id").asText(), overall(d.id()).reason())
          .isEqualTo(m.path("expected_verdict").asText());
    }
    assertThat(detected.regressions()).containsExactly(detectedOf(deploy("v2")).id());
  }

  @Test
  void theRegressionListsItsNewSignatureAndTheCleanDeploysNone() {
    JsonNode v2 = deploy("v2");
    String id = detectedOf(v2).id();
    List<String> fresh = overall(id).newSignatures();
    assertThat(fresh).hasSize(1);
    assertThat(fresh.get(0)).startsWith(v2.path("new_exception_type").asText() + " @ ");
    ImpactRow errors = row(detected, id, "app_error_rate:web");
    assertThat(errors.verdict()).isEqualTo("regression");
    assertThat(errors.newSignatures()).isEqualTo(fresh);
    assertThat(errors.afterEvents()).isGreaterThan(100);
    // the signatures of every day are in the previous day's app_errors under the output: not new
    for (JsonNode m : manifest.path("deploys")) {
      if (!m.path("regression").asBoolean()) {
        assertThat(overall(detectedOf(m).id()).newSignatures()).as(m.path("id").asText()).isEmpty();
      }
    }
  }

  @Test
  void noAddressInAnyEvidenceReasonOrSignature() {
    java.util.regex.Pattern ipv4 =
        java.util.regex.Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
    List<String> texts = new ArrayList<>();
    detected.deploys().forEach(d -> texts.add(d.evidence()));
    detected
        .impact()
        .forEach(
            i -> {
              texts.add(i.reason());
              texts.addAll(i.newSignatures());
            });
    assertThat(texts).isNotEmpty().noneMatch(t -> ipv4.matcher(t).find());
  }

  @Test
  void theRollbackIsOkBecauseItsErrorsFell() {
    ImpactRow errors = row(detected, detectedOf(deploy("v3")).id(), "app_error_rate:web");
    assertThat(errors.verdict()).isEqualTo("ok");
    assertThat(errors.afterValue()).isLessThan(errors.beforeValue() / 10);
  }

  @Test
  void eachDeployIsJudgedOnItsAppsMetrics() {
    for (Deploy d : detected.deploys()) {
      List<String> metrics =
          detected.impact().stream()
              .filter(i -> i.deployId().equals(d.id()))
              .map(ImpactRow::metric)
              .toList();
      List<String> expected =
          new ArrayList<>(ImpactMetric.forApp(d.app()).stream().map(ImpactMetric::name).toList());
      expected.add("overall");
      assertThat(metrics).isEqualTo(expected);
    }
    // the admin deploy had admin traffic to judge
    ImpactRow admin5xx = row(detected, detectedOf(deploy("admin-5")).id(), "admin_5xx_rate");
    assertThat(admin5xx.beforeTotal()).isGreaterThan(200);
    assertThat(admin5xx.afterTotal()).isGreaterThan(200);
    // admin 500s are rare: even a x1.5 regression would bring too few to judge, which is what the
    // rule says
    assertThat(admin5xx.verdict()).as(admin5xx.reason()).isIn("ok", "insufficient_data");
  }

  @Test
  void elbFilesOutsideTheWindowsAreNotRead() throws IOException {
    List<ImpactWindows> web =
        detected.deploys().stream()
            .filter(d -> d.app() == BalrogApp.WEB)
            .map(d -> detected.windows().get(d.id()))
            .toList();
    // an aus5 file holds the 5 minutes before the end time in its name
    int overlapping;
    int all;
    try (Stream<Path> files = Files.walk(logs.resolve("elb/aus5"))) {
      // the day's delivery folder, and the next day's (its first files close the day)
      List<Instant> ends =
          files
              .filter(Files::isRegularFile)
              .filter(
                  p ->
                      p.toString().contains("/2026/11/02/")
                          || p.toString().contains("/2026/11/03/"))
              .map(p -> ElbFileName.endTime(p.getFileName().toString()).orElseThrow())
              .toList();
      all = ends.size();
      overlapping =
          (int)
              ends.stream()
                  .filter(
                      e ->
                          web.stream()
                              .anyMatch(w -> w.overlaps(e.minusSeconds(360), e.plusSeconds(60))))
                  .count();
    }
    SourceInput aus5 =
        detected.inputs().stream().filter(s -> s.source().equals("aus5")).findFirst().orElseThrow();
    assertThat(aus5.filesConsidered()).isEqualTo(all);
    assertThat(aus5.filesRead()).isEqualTo(overlapping).isLessThan(all / 3);
    assertThat(aus5.lines()).isPositive();
    // web deploys need the ELB logs, admin deploys the admin nginx logs, every deploy its syslog
    assertThat(detected.inputs())
        .extracting(SourceInput::source)
        .contains(
            "aus3",
            "aus4",
            "aus5",
            "aus_api",
            "admin_nginx_access",
            "admin_nginx_error",
            "syslog_web",
            "syslog_admin",
            "syslog_agent");
  }

  @Test
  void declaredDeploysMergeWithTheirRolloutAndOnlyTheyAreJudged() {
    DeployAnalysis.Result r =
        DeployFiles.analyse(
            SPARK.session(),
            logs.toString(),
            null,
            DeployAnalysis.Options.of(
                List.of(
                    DeclaredDeploy.parse("v2@2026-11-02T10:00Z"),
                    DeclaredDeploy.parse("v9@2026-11-02T22:00Z")),
                null),
            null,
            System.out::println);
    assertThat(r.deploys()).extracting(Deploy::id).containsExactly("v2", "v9");
    Deploy v2 = r.deploys().get(0);
    assertThat(v2.source()).isEqualTo(Deploy.Source.DECLARED_AND_DETECTED);
    assertThat(v2.startedAt()).isEqualTo(detectedOf(deploy("v2")).startedAt());
    assertThat(row(r, "v2", "overall").verdict()).isEqualTo("regression");
    Deploy v9 = r.deploys().get(1);
    assertThat(v9.source()).isEqualTo(Deploy.Source.DECLARED);
    assertThat(v9.finishedAt()).isNull();
    assertThat(r.windows().get("v9").afterStart())
        .isEqualTo(v9.startedAt().plus(Deploy.ASSUMED_ROLLOUT));
    assertThat(row(r, "v9", "overall").verdict()).isEqualTo("ok");
    assertThat(r.regressions()).containsExactly("v2");
  }

  @Test
  void dailyTablesHoldTheDaysDeploysInTheTableSchemas() {
    DeployTables.Tables t =
        DeployFiles.forDay(
            SPARK.session(),
            logs.toString(),
            out.toString(),
            DAY,
            List.of(
                DeclaredDeploy.parse("v3.0@2026-11-02T14:00Z"),
                DeclaredDeploy.parse("v0@2026-11-01T14:00Z")),
            ImpactSettings.from(Map.of()),
            null,
            s -> {});
    assertThat(t.deploys().schema()).isEqualTo(SparkSchemas.structType(SummaryTables.DEPLOYS));
    assertThat(t.impact().schema()).isEqualTo(SparkSchemas.structType(SummaryTables.DEPLOY_IMPACT));
    List<Row> deploys = t.deploys().collectAsList();
    assertThat(deploys).hasSize(5);
    assertThat(deploys).extracting(r -> r.getString(0)).contains("v3.0").doesNotContain("v0");
    assertThat(deploys)
        .filteredOn(r -> r.getString(0).equals("v3.0"))
        .singleElement()
        .satisfies(r -> assertThat(r.getString(7)).isEqualTo("declared+detected"));
    Dataset<Row> impact = t.impact();
    assertThat(impact.where("metric = 'overall'").count()).isEqualTo(5);
    assertThat(impact.where("verdict = 'regression' AND metric = 'overall'").collectAsList())
        .singleElement()
        .satisfies(r -> assertThat(r.getList(r.fieldIndex("new_signatures"))).hasSize(1));
    Path tables = out.resolveSibling(out.getFileName() + "-daily");
    PartitionWriter.write(
        SPARK.session(), SummaryTables.DEPLOYS, t.deploys(), tables.toString(), DAY);
    PartitionWriter.write(
        SPARK.session(), SummaryTables.DEPLOY_IMPACT, t.impact(), tables.toString(), DAY);
    assertThat(
            PartitionWriter.read(SPARK.session(), SummaryTables.DEPLOY_IMPACT, tables.toString())
                .count())
        .isEqualTo(impact.count());
  }

  static JsonNode deploy(String id) {
    for (JsonNode m : manifest.path("deploys")) {
      if (m.path("id").asText().equals(id)) {
        return m;
      }
    }
    throw new AssertionError("no deploy " + id + " in the manifest");
  }
}
