package org.mozilla.balrog.logs.bench;

import java.util.concurrent.TimeUnit;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.elb.ElbLineParser;
import org.mozilla.balrog.logs.parse.url.UpdateUrlParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of {@link ElbLineParser} over a realistic mix of lines; one operation is one line, so
 * the score is lines per second per thread. Run: {@code org.openjdk.jmh.Main ElbParserBenchmark -f
 * 1 -wi 2 -i 3 -w 2s -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ElbParserBenchmark {
  private static final int LINES = 8;

  private final String[] lines = BenchLines.ELB_LINES;
  private final ElbLineParser parser = new ElbLineParser();
  private final UpdateUrlParser urlParser = new UpdateUrlParser();

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void parseLine(Blackhole bh) {
    for (String line : lines) {
      bh.consume(parser.parse(line));
    }
  }

  /** What the ingest does per ELB line: the line, then its URL. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void parseLineAndUrl(Blackhole bh) {
    for (String line : lines) {
      ParseResult<ElbEntry> r = parser.parse(line);
      bh.consume(r);
      if (r.isOk()) {
        bh.consume(urlParser.parse(r.value().url()));
      }
    }
  }
}
