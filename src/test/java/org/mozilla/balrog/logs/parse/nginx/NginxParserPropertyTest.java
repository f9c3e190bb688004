package org.mozilla.balrog.logs.parse.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.mozilla.balrog.logs.parse.Fixtures;
import org.mozilla.balrog.logs.parse.ParseResult;

/** Whatever the input, the nginx parsers return a result and never throw. */
class NginxParserPropertyTest {
  private static final List<String> ACCESS =
      java.util.stream.Stream.concat(
              Fixtures.lines("nginx/admin-access.log").stream(),
              Fixtures.lines("nginx/combined-access.log").stream())
          .toList();
  private static final List<String> ERROR = Fixtures.lines("nginx/admin-error.log");
  private final NginxAccessParser access = new NginxAccessParser();
  private final NginxErrorParser error = new NginxErrorParser();

  @Property(tries = 1000)
  void randomBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes) {
    for (String s :
        List.of(
            new String(bytes, StandardCharsets.UTF_8),
            new String(bytes, StandardCharsets.ISO_8859_1))) {
      assertResult(access.parse(s));
      assertResult(error.parse(s));
      assertResult(access.parse("admin " + s));
      assertResult(error.parse("2019/03/05 14:02:03 [error] " + s));
    }
  }

  @Property(tries = 2000)
  void mutatedRealLinesNeverThrow(
      @ForAll("lines") String line,
      @ForAll @IntRange(max = 10_000) int position,
      @ForAll("noise") String noise,
      @ForAll @IntRange(max = 5) int deleted) {
    int at = position % (line.length() + 1);
    String mutated =
        line.substring(0, at) + noise + line.substring(Math.min(line.length(), at + deleted));
    assertResult(access.parse(mutated));
    assertResult(error.parse(mutated));
  }

  @Provide
  Arbitrary<String> lines() {
    return Arbitraries.of(java.util.stream.Stream.concat(ACCESS.stream(), ERROR.stream()).toList());
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.strings().withChars(" \"\\x0123456789.,:-[]#*aF\u0000\uFFFD").ofMaxLength(4);
  }

  private static void assertResult(ParseResult<?> r) {
    assertThat(r.isOk() ^ (r.reason() != null)).isTrue();
  }
}
