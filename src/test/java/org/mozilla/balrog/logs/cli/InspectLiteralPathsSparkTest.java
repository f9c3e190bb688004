package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.testing.CliRun;

/**
 * Issue 13: {@code inspect} takes its path arguments literally. Names with glob characters ({@code
 * [1]}, <code>{</code>) and a colon name that file and no other, and a file next to it that a glob
 * would have matched is not read.
 */
class InspectLiteralPathsSparkTest {
  static final String LINE = "<14>May 13 21:10:17 web1 uwsgi[42]: hello %d";

  @Test
  void pathsWithGlobCharactersAndColonsAreTakenLiterally(@TempDir Path dir) throws IOException {
    Path bracket = write(dir.resolve("glob[1].log"), 3);
    write(dir.resolve("glob1.log"), 7); // what glob[1].log would match as a pattern
    Path brace = write(dir.resolve("brace{x.log"), 2);
    Path colon = write(dir.resolve("colon:name.log"), 4);
    CliRun run =
        CliRun.of(List.of("inspect", bracket.toString(), brace.toString(), colon.toString()));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out())
        .contains("glob[1].log")
        .contains("brace{x.log")
        .contains("colon:name.log")
        .doesNotContain("glob1.log");
    assertThat(run.out())
        .containsPattern("\\s3\\s+3\\s+0\\s+3\\s+\\S*glob\\[1\\]\\.log")
        .containsPattern("\\s4\\s+4\\s+0\\s+4\\s+\\S*colon:name\\.log");

    CliRun missing = CliRun.of(List.of("inspect", dir.resolve("glob*.log").toString()));
    assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(ExitCode.NO_INPUT);
    assertThat(missing.err()).contains("no such file or folder").doesNotContain("\tat ");
  }

  private static Path write(Path p, int lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      sb.append(String.format(LINE, i)).append('\n');
    }
    Files.writeString(p, sb);
    return p;
  }
}
