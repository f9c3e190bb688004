package org.mozilla.balrog.logs.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Reads the real-world lines of {@code shared/realworld/} (lines copied from other projects' test
 * suites, see its README.md). The folder sits beside the repository, as CI clones it, and is found
 * from the working directory (the project root under Maven); without it the tests fail, they do not
 * skip.
 */
public final class RealWorld {
  private RealWorld() {}

  /** One physical line of a real-world file: its 1-based number and text. */
  public record Line(String file, int number, String text) {
    @Override
    public String toString() {
      return file + ":" + number + ": " + text;
    }
  }

  public static Path dir() {
    Path dir = Path.of("..", "shared", "realworld");
    if (!Files.isDirectory(dir)) {
      throw new AssertionError(
          "real-world lines not found at "
              + dir.toAbsolutePath().normalize()
              + ": run the tests from the project root with the shared/ folder beside the"
              + " repository (as CI clones it)");
    }
    return dir;
  }

  /**
   * The lines of {@code file}, decoded as UTF-8 with replacement characters like the job's line
   * reader (a trailing {@code \r} dropped, no line after a final newline).
   */
  public static List<Line> lines(String file) {
    Path p = dir().resolve(file);
    if (!Files.isRegularFile(p)) {
      throw new AssertionError("real-world file missing: " + p.toAbsolutePath().normalize());
    }
    String text;
    try {
      text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Line> out = new ArrayList<>();
    int start = 0;
    int n = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String line =
          text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
      out.add(new Line(file, ++n, line));
      start = end + 1;
    }
    return out;
  }

  /** One dynamic test per line of {@code file}, named by its number. */
  public static Stream<DynamicTest> perLine(String file, Consumer<Line> check) {
    return lines(file).stream()
        .map(l -> DynamicTest.dynamicTest(file + ":" + l.number(), () -> check.accept(l)));
  }
}
