package org.mozilla.balrog.logs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.model.UpdateRequest;
import org.mozilla.balrog.logs.parse.elb.ElbLineParser;
import org.mozilla.balrog.logs.parse.url.UpdateUrlParser;
import org.mozilla.balrog.logs.source.ClientHash;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The client fingerprint of one request; one operation is one request's seven fields (those of the
 * update requests in {@link BenchLines#ELB_LINES}). {@code clientHash} is what the scan does
 * ({@link ClientHash}: UTF-8 bytes of the parsed strings); {@code sparkStrings} is what {@code
 * xxhash64} over view columns costs per row at least: each field made a Spark string, then hashed.
 * Run: {@code org.openjdk.jmh.Main ClientFingerprintBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientFingerprintBenchmark {
  static final int REQUESTS = 5;

  private final String[][] fields = fields();

  /** The fingerprint fields of the update requests among the bench lines, in hashing order. */
  static String[][] fields() {
    ElbLineParser lines = new ElbLineParser();
    UpdateUrlParser urls = new UpdateUrlParser();
    List<String[]> out = new ArrayList<>();
    for (String line : BenchLines.ELB_LINES) {
      ElbEntry e = lines.parse(line).value();
      if (e.url() == null || !e.url().contains("/update/")) {
        continue;
      }
      UpdateRequest u = urls.parse(e.url());
      out.add(
          new String[] {
            e.requestIp(),
            e.userAgent(),
            u.buildTarget(),
            u.locale(),
            u.osVersion(),
            u.distribution(),
            u.distVersion()
          });
    }
    if (out.size() != REQUESTS) {
      throw new IllegalStateException(
          "expected " + REQUESTS + " update requests in BenchLines, got " + out.size());
    }
    return out.toArray(String[][]::new);
  }

  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public void clientHash(Blackhole bh) {
    for (String[] f : fields) {
      bh.consume(ClientHash.of(f));
    }
  }

  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public void sparkStrings(Blackhole bh) {
    for (String[] f : fields) {
      long h = ClientHash.SPARK_SEED;
      for (String s : f) {
        UTF8String u = UTF8String.fromString(s == null ? "" : s);
        h = XXH64.hashUnsafeBytes(u.getBaseObject(), u.getBaseOffset(), u.numBytes(), h);
      }
      bh.consume(h);
    }
  }
}
