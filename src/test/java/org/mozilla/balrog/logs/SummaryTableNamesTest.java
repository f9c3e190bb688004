package org.mozilla.balrog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * The report and the jobs name summary tables through {@link SummaryTables}, never as string
 * literals of their own. {@code "deploys"} is left out: it is also an HTML section id and a {@code
 * --summary-json} key there, which are not the table.
 */
class SummaryTableNamesTest {
  private static final Path MAIN = Path.of("src/main/java/org/mozilla/balrog/logs");

  @Test
  void reportAndJobSourcesHaveNoTableNameLiterals() throws IOException {
    List<String> found = new ArrayList<>();
    for (String pkg : List.of("report", "job")) {
      try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String text = Files.readString(f);
          for (SummaryTable t : SummaryTables.all()) {
            if (!t.name().equals(SummaryTables.DEPLOYS.name())
                && text.contains("\"" + t.name() + "\"")) {
              found.add(MAIN.relativize(f) + ": \"" + t.name() + "\"");
            }
          }
        }
      }
    }
    assertThat(found).as("use SummaryTables.X.name()").isEmpty();
  }
}
