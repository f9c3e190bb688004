package org.mozilla.balrog.logs.bench;

import java.util.concurrent.TimeUnit;
import org.mozilla.balrog.logs.parse.url.UpdateUrlParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Throughput of {@link UpdateUrlParser}; one operation is one URL. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UpdateUrlParserBenchmark {
  private static final int URLS = 8;

  private final String[] urls = BenchLines.URLS;
  private final UpdateUrlParser parser = new UpdateUrlParser();

  @Benchmark
  @OperationsPerInvocation(URLS)
  public void parseUrl(Blackhole bh) {
    for (String url : urls) {
      bh.consume(parser.parse(url));
    }
  }
}
