package org.mozilla.balrog.logs.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Test helpers: list generated files, read them (gunzipping {@code .gz}) as physical lines. */
final class GenTestFiles {
  private GenTestFiles() {}

  static List<Path> files(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] content(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      InputStream src = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      src.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Physical lines as raw bytes (each terminated by LF in the file). */
  static List<byte[]> rawLines(Path file) {
    byte[] b = content(file);
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        byte[] l = new byte[i - start];
        System.arraycopy(b, start, l, 0, l.length);
        out.add(l);
        start = i + 1;
      }
    }
    if (start != b.length) {
      throw new IllegalStateException(file + " does not end with a newline");
    }
    return out;
  }

  static List<String> lines(Path file) {
    return rawLines(file).stream().map(l -> new String(l, StandardCharsets.UTF_8)).toList();
  }

  static JsonNode manifest(Path root) {
    try {
      return new ObjectMapper().readTree(root.resolve("manifest.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
