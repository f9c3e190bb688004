package org.mozilla.balrog.logs.parse.elb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.parse.ParseResult;

/**
 * Property tests: no input makes the parser throw, and junk never turns into a silently wrong
 * entry.
 */
class ElbLineParserPropertiesTest {
  private final ElbLineParser parser = new ElbLineParser();

  private static final List<String> VALID =
      List.of(
          ElbFixtures.lines(ElbFixtures.CLASSIC).get(0),
          ElbFixtures.lines(ElbFixtures.CLASSIC).get(1),
          ElbFixtures.lines(ElbFixtures.CLASSIC).get(2),
          ElbFixtures.lines(ElbFixtures.ALB).get(0));

  @Property(tries = 2000)
  void randomBytesNeverThrow(@ForAll byte[] bytes) {
    String asUtf8 = new String(bytes, StandardCharsets.UTF_8); // invalid sequences become U+FFFD
    String asLatin1 = new String(bytes, StandardCharsets.ISO_8859_1); // every control char survives
    assertParsesOrRejects(asUtf8);
    assertParsesOrRejects(asLatin1);
  }

  @Property(tries = 2000)
  void randomStringsNeverThrow(@ForAll("elbish") String line) {
    assertParsesOrRejects(line);
  }

  /** A valid line with one character replaced or inserted anywhere. */
  @Property(tries = 3000)
  void mutatedValidLinesNeverThrow(
      @ForAll("validLine") String line,
      @ForAll("position") int where,
      @ForAll("nasty") char c,
      @ForAll boolean insert) {
    int i = (int) ((long) where * line.length() / 1_000_000);
    String mutated =
        insert
            ? line.substring(0, i) + c + line.substring(i)
            : line.substring(0, i) + c + line.substring(i + 1);
    assertParsesOrRejects(mutated);
  }

  /** Valid lines with random prefixes cut off still never throw. */
  @Property(tries = 1000)
  void suffixesOfValidLinesNeverThrow(
      @ForAll("validLine") String line, @ForAll("position") int where) {
    assertParsesOrRejects(line.substring((int) ((long) where * line.length() / 1_000_000)));
  }

  private void assertParsesOrRejects(String line) {
    ParseResult<ElbEntry> r = parser.parseUnguarded(line);
    if (r.isOk()) {
      // an entry always has its mandatory fields and a timestamp that parses back to the same
      // instant family
      assertThat(r.value().timestamp()).isNotEmpty();
      assertThat(r.value().requestTime()).isNotNull();
    } else {
      assertThat(r.reason()).isNotNull();
    }
    assertThat(parser.parse(line).toString()).isEqualTo(r.toString());
  }

  @Provide
  Arbitrary<String> elbish() {
    // biased towards the characters that steer the tokenizer
    Arbitrary<Character> chars =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                5, Arbitraries.of(' ', '"', '-', ':', '.', '\\', 'T', 'Z', '[', ']')),
            net.jqwik.api.Tuple.of(5, Arbitraries.chars().numeric()),
            net.jqwik.api.Tuple.of(2, Arbitraries.chars().alpha()),
            net.jqwik.api.Tuple.of(1, Arbitraries.chars()));
    Arbitrary<String> body = chars.list().ofMaxSize(300).map(ElbLineParserPropertiesTest::join);
    Arbitrary<String> prefix =
        Arbitraries.of("", "https ", "h2 ", "2019-03-05T14:02:03.123456Z ", "1");
    return Combinators.combine(prefix, body).as((p, b) -> p + b);
  }

  @Provide
  Arbitrary<String> validLine() {
    return Arbitraries.of(VALID);
  }

  @Provide
  Arbitrary<Integer> position() {
    // millionths of the line length, below 1 so the index stays inside the line
    return Arbitraries.integers().between(0, 999_999);
  }

  @Provide
  Arbitrary<Character> nasty() {
    return Arbitraries.of(
        ' ', '"', '-', ':', '\\', '\0', '\r', '\n', '\t', '\ufffd', 'x', '9', '.', '\ud800');
  }

  private static String join(List<Character> cs) {
    StringBuilder sb = new StringBuilder(cs.size());
    cs.forEach(sb::append);
    return sb.toString();
  }
}
