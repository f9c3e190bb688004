package org.mozilla.balrog.logs.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads fixture files from {@code src/test/resources/fixtures/}. */
public final class Fixtures {
  private Fixtures() {}

  /** The lines of {@code fixtures/<path>}, without line terminators. */
  public static List<String> lines(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every prefix of {@code line}, including the empty one and the line itself. */
  public static List<String> prefixes(String line) {
    return java.util.stream.IntStream.rangeClosed(0, line.length())
        .mapToObj(i -> line.substring(0, i))
        .toList();
  }
}
