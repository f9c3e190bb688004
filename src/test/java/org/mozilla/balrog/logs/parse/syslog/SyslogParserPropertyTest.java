package org.mozilla.balrog.logs.parse.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
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

/** The syslog parsers never throw, and the record parser counts every line exactly once. */
class SyslogParserPropertyTest {
  private static final List<String> LINES = new ArrayList<>();

  static {
    for (String f : SyslogRecordParserTest.ALL_FIXTURES) {
      LINES.addAll(Fixtures.lines("syslog/" + f));
    }
  }

  private final SyslogLineParser parser = new SyslogLineParser(LocalDate.of(2019, 3, 5));

  @Property(tries = 1000)
  void randomBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes) {
    for (String s :
        List.of(
            new String(bytes, StandardCharsets.UTF_8),
            new String(bytes, StandardCharsets.ISO_8859_1))) {
      for (String prefix :
          List.of("", "<30>", "<27>Mar  5 14:02:03 ", "<30>1 ", "<30> ", "Mar  5 14:02:03 h ")) {
        ParseResult<?> r = parser.parse(prefix + s);
        assertThat(r.isOk() ^ (r.reason() != null)).isTrue();
      }
    }
  }

  @Property(tries = 300)
  void mutatedLineSequencesAreCountedExactlyOnce(
      @ForAll @Size(max = 40) List<@IntRange(max = 1000) Integer> picks,
      @ForAll @Size(max = 40) List<@IntRange(max = 10_000) Integer> positions,
      @ForAll("noise") String noise) {
    List<String> input = new ArrayList<>();
    for (int i = 0; i < picks.size(); i++) {
      String line = LINES.get(picks.get(i) % LINES.size());
      if (i < positions.size() && positions.get(i) % 3 == 0) {
        int at = positions.get(i) % (line.length() + 1);
        line = line.substring(0, at) + noise + line.substring(at);
      }
      input.add(line);
    }
    SyslogRecordParserTest.run(
        LocalDate.of(2019, 3, 5), input); // asserts the line count, never throws
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.strings().withChars(" <>[]\"\\:{}-#0123456789Tz\uFEFF\u0000").ofMaxLength(5);
  }
}
