package org.mozilla.balrog.logs.parse.elb;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ElbNumbersTest {

  private static double dec(String s) {
    return Numbers.parseDecimal(s, 0, s.length());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-1",
        "0.000041",
        "0.004512",
        "1.5",
        "-0.5",
        "12345.678901",
        "0.0",
        "00.10",
        "7.",
        "123456789012345678901.5"
      })
  void decimalsEqualDoubleParseDouble(String s) {
    assertThat(dec(s)).isEqualTo(Double.parseDouble(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-",
        ".",
        "-.",
        "1e3",
        "1.2.3",
        "+1",
        "0x10",
        "NaN",
        "Infinity",
        "1 ",
        "--1",
        "1-"
      })
  void malformedDecimalsAreNaN(String s) {
    assertThat(dec(s)).isNaN();
  }

  @Property(tries = 3000)
  void decimalsAgreeWithTheJdk(
      @ForAll @LongRange(min = 0, max = 999_999_999_999L) long intPart,
      @ForAll @LongRange(min = 0, max = 999_999_999L) long fraction,
      @ForAll @IntRange(min = 0, max = 9) int scale,
      @ForAll boolean negative) {
    BigDecimal value =
        new BigDecimal(intPart)
            .add(BigDecimal.valueOf(fraction, 9))
            .setScale(scale, RoundingMode.DOWN);
    String s = (negative ? "-" : "") + value.toPlainString();
    assertThat(dec(s)).as(s).isEqualTo(Double.parseDouble(s));
  }

  @ParameterizedTest
  @CsvSource({"0,0", "42,42", "305,305", "123456789012345678,123456789012345678"})
  void unsigned(String s, long expected) {
    assertThat(Numbers.parseUnsigned(s, 0, s.length(), 18)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "1.0", "1234567890123456789", "１２", "4 2"})
  void malformedUnsignedIsMinusOne(String s) {
    assertThat(Numbers.parseUnsigned(s, 0, s.length(), 18)).isEqualTo(-1);
  }
}
