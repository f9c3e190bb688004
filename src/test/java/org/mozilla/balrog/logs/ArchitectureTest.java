package org.mozilla.balrog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dependencies point downward only (ARCHITECTURE.md 1, STYLE.md). */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/org/mozilla/balrog/logs");

  @ParameterizedTest(name = "{0} does not use {1}")
  @CsvSource({
    "parse, org.apache.spark",
    "model, org.apache.spark",
    "gen, org.apache.spark",
    "parse, picocli",
    "model, picocli",
    "source, picocli",
    "job, picocli",
    "parse, org.apache.hadoop",
    "model, org.apache.hadoop",
  })
  void packageDoesNotImport(String pkg, String forbidden) throws IOException {
    Path dir = MAIN.resolve(pkg);
    assertThat(dir).isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(dir)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(forbidden) + "\\.[A-Za-z]")
                  .matcher(read(p)).find())
              .map(Path::toString)
              .toList();
    }
    assertThat(offenders).as("files in %s/ that reference %s", pkg, forbidden).isEmpty();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
