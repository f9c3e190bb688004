package org.mozilla.balrog.logs.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mozilla.balrog.logs.testing.CliJvm;
import org.mozilla.balrog.logs.testing.GeneratedWeek;

/**
 * Executes every notebook of {@code notebooks/} headless with Debian's Jupyter (installed by {@code
 * .ci/run}) against the summary tables of a generated week, and checks that every cell ran and the
 * charts are in the outputs. The executed copies are kept in {@code target/notebooks/} as test
 * artifacts.
 */
class NotebooksIT {
  static final Path DIR = Path.of("notebooks");
  static final Path EXECUTED = Path.of("target", "notebooks");
  private static final ObjectMapper JSON = new ObjectMapper();

  static GeneratedWeek week;

  @BeforeAll
  static void data() throws IOException {
    week = GeneratedWeek.get();
    Files.createDirectories(EXECUTED);
  }

  @TestFactory
  List<DynamicTest> everyNotebookExecutesWithItsCharts() throws IOException {
    List<Path> notebooks;
    try (Stream<Path> s = Files.list(DIR)) {
      notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertThat(notebooks).hasSizeGreaterThanOrEqualTo(3);
    return notebooks.stream()
        .map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> execute(nb)))
        .toList();
  }

  private static void execute(Path notebook) throws Exception {
    String name = notebook.getFileName().toString();
    Path log = EXECUTED.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                "jupyter",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.timeout=600",
                "--output-dir",
                EXECUTED.toString(),
                "--output",
                name,
                notebook.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // each query is a short bin/balrog-logs run
    pb.environment()
        .put("BALROG_LOGS_JAVA_OPTS", "-Xmx1g " + String.join(" ", CliJvm.SHORT_RUN_FLAGS));
    pb.environment().put("BALROG_HOME", Path.of("").toAbsolutePath().toString());
    pb.environment().put("BALROG_OUTPUT", week.output().toString());
    pb.environment().put("BALROG_DAY", GeneratedWeek.LAST.toString());
    pb.environment().put("BALROG_FROM", GeneratedWeek.FIRST.toString());
    Process p;
    long start = System.nanoTime();
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError(
          "cannot start jupyter (Debian packages jupyter-nbconvert, python3-ipykernel,"
              + " python3-pandas, python3-matplotlib; .ci/run installs them): "
              + e.getMessage(),
          e);
    }
    assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("nbconvert finished").isTrue();
    // a figure for the closing note and bench/README, not a target (targets live in bench/)
    System.out.printf(
        java.util.Locale.ROOT,
        "notebook %s executed in %.1f s%n",
        name,
        (System.nanoTime() - start) / 1e9);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(name + " executed:\n" + output).isZero();

    JsonNode executed = JSON.readTree(EXECUTED.resolve(name).toFile());
    int codeCells = 0;
    int charts = 0;
    int plotCells = 0;
    List<String> errors = new ArrayList<>();
    for (JsonNode cell : executed.path("cells")) {
      if (!cell.path("cell_type").asText().equals("code")) {
        continue;
      }
      codeCells++;
      assertThat(cell.path("execution_count").isNumber())
          .as(name + ": every code cell ran")
          .isTrue();
      String source = text(cell.path("source"));
      if (source.contains("plt.show()")) {
        plotCells++;
      }
      for (JsonNode o : cell.path("outputs")) {
        if (o.path("output_type").asText().equals("error")) {
          errors.add(o.path("ename").asText() + ": " + o.path("evalue").asText());
        }
        if (o.path("data").has("image/png")) {
          charts++;
          assertThat(o.path("data").path("image/png").asText().length())
              .as("a non-trivial PNG")
              .isGreaterThan(2000);
        }
      }
    }
    assertThat(errors).as(name + ": cell errors").isEmpty();
    assertThat(codeCells).isGreaterThan(1);
    assertThat(plotCells).as(name + " draws charts").isGreaterThanOrEqualTo(2);
    assertThat(charts)
        .as(name + ": a chart in the output of every plotting cell")
        .isGreaterThanOrEqualTo(plotCells);
  }

  private static String text(JsonNode source) {
    if (source.isArray()) {
      StringBuilder sb = new StringBuilder();
      source.forEach(s -> sb.append(s.asText()));
      return sb.toString();
    }
    return source.asText();
  }
}
