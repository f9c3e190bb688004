package org.mozilla.balrog.logs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * Deploy detection and impact on generated days with ground truth: a clean deploy with a migration, a regression and
 * a later clean deploy that rolls it back.
 */
class DeployAnalysisSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  static JsonNode manifest;
  static final LocalDate FROM = LocalDate.of(2026, 11, 1);
  static final LocalDate DAY = FROM.plusDays(1);
  static DeployAnalysis.Result detected;

  @BeforeAll
  static void generate() throws IOException {
    new SampleGenerator().run(new GeneratorConfig(logs, FROM, 2, 2000, 7L, false, false, List.of(
        DeploySpec.parse("v1@2026-11-02T06:00Z:migration"),
        DeploySpec.parse("v2@2026-11-02T10:00Z:regression"),
        DeploySpec.parse("v3@2026-11-02T14:00Z"),
        DeploySpec.parse("admin-5@2026-11-02T18:00Z"),
        DeploySpec.parse("agent-2@2026-11-02T20:00Z")), 1.0), msg -> {});
    manifest = new ObjectMapper().readTree(logs.resolve("manifest.json").toFile());
    detected = DeployAnalysis.run(SPARK.session(), logs.toString(), null,
        DeployAnalysis.Options.of(List.of(), DAY), System.out::println);
    for (ImpactRow r : detected.impact()) {
      System.out.println(r.deployId() + " " + r.metric() + " " + r.verdict() + " " + r.beforeEvents() + "/"
          + r.beforeTotal() + " -> " + r.afterEvents() + "/" + r.afterTotal() + " " + r.reason() + " "
          + r.newSignatures());
    }
    detected.deploys().forEach(System.out::println);
    detected.inputs().forEach(System.out::println);
  }

  @Test
  void detectsEveryDeployWithinItsRollout() {
    assertThat(detected.deploys()).hasSize(3);
  }
}
