package org.mozilla.balrog.logs.parse.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class PercentDecoderTest {
  private static final String HEX = "0123456789abcdefABCDEF";

  @Test
  void everyHexPairInEitherCaseDecodesToItsByte() {
    int checked = 0;
    for (char hi : HEX.toCharArray()) {
      for (char lo : HEX.toCharArray()) {
        int b = Character.digit(hi, 16) * 16 + Character.digit(lo, 16);
        String expected =
            b < 0x80 ? String.valueOf((char) b) : "\ufffd"; // a lone high byte is malformed UTF-8
        assertThat(PercentDecoder.decode("%" + hi + lo)).as("%%%c%c", hi, lo).isEqualTo(expected);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(22 * 22);
  }

  @Test
  void everyNonHexCharacterAfterPercentLeavesTheEscapeAlone() {
    for (char c = 0; c < 0x3000; c++) {
      if (HEX.indexOf(c) >= 0) {
        continue;
      }
      String first = "%" + c + "0";
      String second = "%0" + c;
      assertThat(PercentDecoder.decode(first)).isEqualTo(first);
      assertThat(PercentDecoder.decode(second)).isEqualTo(second);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Windows_NT%2010.0.0.0.17763.316%20(x64)|Windows_NT 10.0.0.0.17763.316 (x64)",
        "ISET%3ASSE4_2%2CMEM%3A8192|ISET:SSE4_2,MEM:8192",
        "a+b|a+b",
        "a%2Bb+c|a+b+c",
        "%C3%A9t%C3%A9|été",
        "%E2%82%AC|€",
        "%F0%9F%A6%8A|\uD83E\uDD8A",
        "%e2%82%ac%20|'€ '",
        "100%|100%",
        "100%25|100%",
        "%|%",
        "%4|%4",
        "%zz|%zz",
        "%%41|%A",
        "%4%41|%4A",
        "%G1%41|%G1A",
        "raw é and %C3%A9|raw é and é",
        "%2520|%20",
      })
  void decodesOnce(String in, String expected) {
    assertThat(PercentDecoder.decode(in)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "%E2%82|\ufffd",
        "%E2%82x|\ufffdx",
        "%C3|\ufffd",
        "%FF%FE|\ufffd\ufffd",
        "%ED%A0%80x|\ufffdx",
        "%C3%A9%C3|é\ufffd",
      })
  void malformedUtf8BecomesReplacementCharacters(String in, String expected) {
    assertThat(PercentDecoder.decode(in)).isEqualTo(expected);
  }

  @Test
  void controlBytesDecode() {
    assertThat(PercentDecoder.decode("a%00b%0A%7F")).isEqualTo("a\u0000b\n\u007f");
  }

  @Property(tries = 2000)
  void escapedBytesDecodeLikeTheJdkUtf8Decoder(@ForAll byte[] bytes) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : bytes) {
      encoded.append('%').append(String.format("%02x", b & 0xff));
    }
    assertThat(PercentDecoder.decode(encoded.toString()))
        .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void withoutPercentTheSameInstanceComesBack() {
    String s = "/update/6/Firefox/65.0/update.xml";
    assertThat(PercentDecoder.decode(s)).isSameAs(s);
    assertThat(PercentDecoder.decodeRepeatedly(s)).isSameAs(s);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void nullAndEmpty(String s) {
    assertThat(PercentDecoder.decode(s)).isEqualTo(s);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Windows_NT%252010.0%2520(x64)|Windows_NT 10.0 (x64)",
        "%252520|' '",
        "%25252520|%20",
        "100%25|100%",
        "100%2525|100%",
        "%2B|+",
        "%252B|+",
        "plain|plain",
      })
  void decodesRepeatedlyAtMostThreeTimes(String in, String expected) {
    assertThat(PercentDecoder.decodeRepeatedly(in)).isEqualTo(expected);
  }

  @Property(tries = 2000)
  void decodingAFullyEncodedStringGivesItBack(@ForAll String s) {
    String wellFormed = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    StringBuilder encoded = new StringBuilder();
    for (byte b : wellFormed.getBytes(StandardCharsets.UTF_8)) {
      encoded.append('%').append(String.format("%02X", b & 0xff));
    }
    assertThat(PercentDecoder.decode(encoded.toString())).isEqualTo(wellFormed);
  }

  @Property(tries = 2000)
  void stringsWithoutPercentAreUnchanged(@ForAll String s) {
    String noPercent = s.replace('%', '_');
    assertThat(PercentDecoder.decode(noPercent)).isEqualTo(noPercent);
  }

  @Property(tries = 2000)
  void neverThrowsAndNeverGrows(@ForAll String s) {
    String once = PercentDecoder.decode(s);
    assertThat(once.length()).isLessThanOrEqualTo(s.length());
    assertThat(PercentDecoder.decodeRepeatedly(s).length()).isLessThanOrEqualTo(once.length());
  }
}
