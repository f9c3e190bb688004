package org.mozilla.balrog.logs.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * Opt-in throughput check: {@code mvn -o -q test -Dtest=GenBenchmarkTest -Dgen.bench=true [-Dgen.bench.gzip=true]}.
 * 100 000 installs at scale 40 give about 10 M aus5 lines (4.2 GB plain) for one day.
 */
class GenBenchmarkTest {
  @TempDir Path tmp;

  @Test
  void tenMillionElbLines() {
    assumeTrue(Boolean.getBoolean("gen.bench"), "set -Dgen.bench=true to run");
    boolean gzip = Boolean.getBoolean("gen.bench.gzip");
    GeneratorConfig cfg = new GeneratorConfig(tmp, LocalDate.parse("2026-11-02"), 1, 100_000, 42L, gzip, false,
        List.of(DeploySpec.parse("v1@2026-11-02T14:00Z:regression")), 40.0);
    GeneratorResult r = new SampleGenerator().run(cfg, System.out::println);
    long aus5 = r.linesPerSource().get(LogSource.AUS5);
    System.out.printf("aus5 lines: %d, all lines: %d, %d ms, %.0f lines/s%n", aus5, r.totalLines(), r.elapsedMs(),
        r.totalLines() * 1000.0 / r.elapsedMs());
    assertThat(aus5).isGreaterThan(10_000_000L);
    assertThat(r.elapsedMs()).isLessThan(60_000L);
  }
}
