package org.mozilla.balrog.logs.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.model.UpdateRequest;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.elb.ElbLineParser;
import org.mozilla.balrog.logs.parse.url.UpdateUrlParser;
import org.mozilla.balrog.logs.source.ClientHash;
import org.mozilla.balrog.logs.source.PopulationLines;
import org.mozilla.balrog.logs.source.UpdateCell;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The population's work on one ELB line ({@link BenchLines#ELB_LINES}): {@code bytes} is the scan's
 * fast path ({@link PopulationLines}: cell, fingerprint and force straight from the line's bytes);
 * {@code strings} is its reference, what the scan does for the lines the fast path declines: the
 * line decoded, then {@code ElbLineParser}, {@code UpdateUrlParser}, the cell and the fingerprint
 * from the parsed strings. Run: {@code org.openjdk.jmh.Main PopulationLineBenchmark -f 1 -wi 2 -i
 * 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PopulationLineBenchmark {
  /** The number of {@link BenchLines#ELB_LINES}. */
  static final int LINES = 8;

  private static final LocalDate DAY = LocalDate.of(2019, 3, 5);

  private final byte[][] lines = new byte[LINES][];
  private final PopulationLines fast = new PopulationLines(DAY);
  private final ElbLineParser elb = new ElbLineParser();
  private final UpdateUrlParser urls = new UpdateUrlParser();

  public PopulationLineBenchmark() {
    if (BenchLines.ELB_LINES.length != LINES) {
      throw new IllegalStateException(
          "expected " + LINES + " ELB bench lines, got " + BenchLines.ELB_LINES.length);
    }
    for (int i = 0; i < LINES; i++) {
      lines[i] = BenchLines.ELB_LINES[i].getBytes(StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void bytes(Blackhole bh) {
    for (byte[] line : lines) {
      if (fast.scan(line, line.length, "aus5") == PopulationLines.COUNTED) {
        bh.consume(fast.cell());
        bh.consume(fast.fingerprint());
        bh.consume(fast.background());
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void strings(Blackhole bh) {
    for (byte[] line : lines) {
      ParseResult<ElbEntry> r = elb.parse(new String(line, StandardCharsets.UTF_8));
      if (!r.isOk() || r.value().url() == null) {
        continue;
      }
      ElbEntry e = r.value();
      bh.consume(e.requestTime());
      UpdateRequest u = urls.parse(e.url());
      if (UpdateCell.counts(u)) {
        bh.consume(UpdateCell.of("aus5", u));
        bh.consume(ClientHash.fingerprint(e, u));
        bh.consume(UpdateCell.background(u));
      }
    }
  }
}
