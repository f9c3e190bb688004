package org.mozilla.balrog.logs.gen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.parse.Parsers;
import org.mozilla.balrog.logs.parse.RecordEmitter;
import org.mozilla.balrog.logs.parse.RecordParser;
import org.mozilla.balrog.logs.parse.RejectReason;
import org.mozilla.balrog.logs.source.LineReader;

/**
 * Whatever the seed, size, deploys and effects, a clean generated day (lone restarts included)
 * parses with no rejection at all, and the parsers produce exactly the rows the manifest promises
 * per view (a reassembled traceback counting once). Pure Java, no Spark.
 */
class GeneratedFilesParsePropertyTest {
  @Property(tries = 4)
  void cleanGeneratedDaysParseWithoutRejection(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 50, max = 300) int clients,
      @ForAll boolean gzip,
      @ForAll @IntRange(min = 0, max = 100) int errorPermille,
      @ForAll @IntRange(min = 50, max = 400) int latencyPercent)
      throws IOException {
    Path dir = Files.createTempDirectory("gen-prop");
    try {
      LocalDate day = LocalDate.of(2026, 11, 1);
      new SampleGenerator()
          .run(
              new GeneratorConfig(
                  dir,
                  day,
                  1,
                  clients,
                  seed,
                  gzip,
                  true,
                  List.of(
                      DeploySpec.parse("w0@2026-11-01T06:00Z:minor"),
                      DeploySpec.parse(
                          "w1@2026-11-01T12:00Z:regression="
                              + errorPermille / 1000.0
                              + "x"
                              + latencyPercent / 100.0),
                      DeploySpec.parse("admin1@2026-11-01T18:00Z:migration:regression"),
                      DeploySpec.parse("w2@2026-11-01T20:00Z:rollback")),
                  1.0),
              null);
      JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
      for (LogSource s : LogSource.values()) {
        long[] counts = parseAll(dir, s);
        assertThat(counts[1]).as("rejected lines of %s (seed %d)", s, seed).isZero();
        long expectedRows = 0;
        for (JsonNode n : manifest.path("rows").path(s.viewName())) {
          expectedRows += n.asLong();
        }
        assertThat(counts[0]).as("rows of %s (seed %d)", s, seed).isEqualTo(expectedRows);
      }
    } finally {
      try (Stream<Path> w = Files.walk(dir)) {
        w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** {rows, rejected lines} over every file of {@code source}. */
  private static long[] parseAll(Path root, LogSource source) throws IOException {
    String marker =
        "/" + source.basePattern().split("/")[0] + "/" + source.basePattern().split("/")[1] + "/";
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> w = Files.walk(root)) {
      w.filter(Files::isRegularFile)
          .filter(p -> p.toString().contains(marker))
          .forEach(p -> files.put(p.toString(), p));
    }
    long[] counts = new long[2];
    for (Path f : files.values()) {
      LocalDate folder =
          LocalDate.parse(
              f.getParent().toString().replaceAll(".*/(\\d{4})/(\\d{2})/(\\d{2})$", "$1-$2-$3"));
      @SuppressWarnings("unchecked")
      RecordParser<Object> parser = (RecordParser<Object>) Parsers.forFile(source.format(), folder);
      RecordEmitter<Object> out =
          new RecordEmitter<>() {
            @Override
            public void parsed(Object event, int lines) {
              counts[0]++;
            }

            @Override
            public void rejected(RejectReason reason, String line) {
              counts[1]++;
            }
          };
      try (InputStream in = Files.newInputStream(f);
          LineReader r = LineReader.open(in)) {
        String line;
        while ((line = r.next()) != null) {
          parser.accept(line, out);
        }
        parser.finish(out);
        assertThat(r.damage()).isNull();
      }
    }
    return counts;
  }
}
