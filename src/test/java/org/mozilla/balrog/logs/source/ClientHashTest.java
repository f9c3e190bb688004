package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientHash} chains fields like Spark's {@code xxhash64} (seed 42, nulls as empty strings,
 * order matters); {@code LogScanSparkTest} checks the scan's fingerprint against Spark SQL's {@code
 * xxhash64} of the view columns.
 */
class ClientHashTest {
  private static long spark(String s, long seed) {
    UTF8String u = UTF8String.fromString(s);
    return XXH64.hashUnsafeBytes(u.getBaseObject(), u.getBaseOffset(), u.numBytes(), seed);
  }

  @Test
  void chainsFieldsFromSeed42WithNullAsEmptyLikeSparkXxhash64() {
    List<String> fields =
        List.of("198.51.100.23", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0)", "", "en-US");
    long h = 42L;
    for (String f : fields) {
      h = spark(f, h);
    }
    assertThat(ClientHash.of(fields.toArray(String[]::new))).isEqualTo(h);
    assertThat(
            ClientHash.of(
                "198.51.100.23",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0)",
                null,
                "en-US"))
        .isEqualTo(h);
    assertThat(ClientHash.of()).isEqualTo(42L);
    // a field boundary moves the hash: ("ab", "c") and ("a", "bc") differ
    assertThat(ClientHash.of("ab", "c")).isNotEqualTo(ClientHash.of("a", "bc"));
  }
}
