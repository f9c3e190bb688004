package org.mozilla.balrog.logs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.RequestKind;
import org.mozilla.balrog.logs.parse.elb.ElbLineParser;
import org.mozilla.balrog.logs.parse.url.UpdateUrlParser;
import org.mozilla.balrog.logs.source.ClientHash;

/** The benchmarks measure the parse path, not the reject path: every benchmark input must parse. */
class BenchLinesTest {
  @Test
  void everyBenchLineParsesAndTheCountsMatchTheAnnotations() {
    assertThat(BenchLines.ELB_LINES).hasSize(8);
    assertThat(BenchLines.URLS).hasSize(8);
    ElbLineParser parser = new ElbLineParser();
    for (String line : BenchLines.ELB_LINES) {
      assertThat(parser.parse(line).isOk()).as(line).isTrue();
    }
    UpdateUrlParser urls = new UpdateUrlParser();
    assertThat(urls.parse(BenchLines.URLS[5]).osVersion())
        .isEqualTo("Windows_NT 10.0.0.0.22631.2715 (x64)");
    assertThat(urls.parse(BenchLines.URLS[4]).kind()).isEqualTo(RequestKind.DOCKERFLOW);
  }

  @Test
  void fingerprintBenchmarkHashesFiveDistinctUpdateRequestsLikeSpark() {
    String[][] fields = ClientFingerprintBenchmark.fields();
    assertThat(fields).hasNumberOfRows(ClientFingerprintBenchmark.REQUESTS);
    long[] ours = new long[fields.length];
    long[] spark = new long[fields.length];
    for (int i = 0; i < fields.length; i++) {
      ours[i] = ClientHash.of(fields[i]);
      long h = ClientHash.SPARK_SEED;
      for (String s : fields[i]) {
        UTF8String u = UTF8String.fromString(s == null ? "" : s);
        h = XXH64.hashUnsafeBytes(u.getBaseObject(), u.getBaseOffset(), u.numBytes(), h);
      }
      spark[i] = h;
    }
    assertThat(ours).isEqualTo(spark).doesNotHaveDuplicates();
  }
}
