package org.mozilla.balrog.logs.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** {@link ClientHash} against Spark's own XXH64, the function {@code xxhash64} uses (a test may use Spark). */
class ClientHashTest {
  private static long spark(String s, long seed) {
    UTF8String u = UTF8String.fromString(s);
    return XXH64.hashUnsafeBytes(u.getBaseObject(), u.getBaseOffset(), u.numBytes(), seed);
  }

  @Property(tries = 2000)
  void equalsSparkForAnyText(@ForAll("texts") String s, @ForAll long seed) {
    assertThat(ClientHash.hash(s, seed)).isEqualTo(spark(s, seed));
    byte[] b = ("xy" + s).getBytes(StandardCharsets.UTF_8);
    assertThat(ClientHash.hash(b, 2, b.length - 2, seed)).isEqualTo(spark(s, seed));
  }

  @Provide
  Arbitrary<String> texts() {
    // every length around the 4-, 8- and 32-byte steps; ASCII mostly, some Latin-1, BMP and astral text
    return Arbitraries.oneOf(
        Arbitraries.strings().ascii().ofMinLength(0).ofMaxLength(80),
        Arbitraries.strings().withCharRange(' ', '~').ofMinLength(0).ofMaxLength(200),
        Arbitraries.strings().all().ofMinLength(0).ofMaxLength(70));
  }

  @Test
  void chainsFieldsFromSeed42WithNullAsEmptyLikeSparkXxhash64() {
    List<String> fields = List.of("198.51.100.23", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0)", "", "en-US");
    long h = 42L;
    for (String f : fields) {
      h = spark(f, h);
    }
    assertThat(ClientHash.of(fields.toArray(String[]::new))).isEqualTo(h);
    assertThat(ClientHash.of("198.51.100.23", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0)", null, "en-US"))
        .isEqualTo(h);
    assertThat(ClientHash.of()).isEqualTo(42L);
    // a field boundary moves the hash: ("ab", "c") and ("a", "bc") differ
    assertThat(ClientHash.of("ab", "c")).isNotEqualTo(ClientHash.of("a", "bc"));
  }
}
