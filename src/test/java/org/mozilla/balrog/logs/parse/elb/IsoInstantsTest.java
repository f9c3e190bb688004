package org.mozilla.balrog.logs.parse.elb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

  private static Instant parse(String s) {
    return IsoInstants.parse(s, 0, s.length());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2019-03-05T14:02:03Z",
        "2019-03-05T14:02:03.1Z",
        "2019-03-05T14:02:03.123456Z",
        "2019-03-05T14:02:03.123456789Z",
        "2020-02-29T23:59:59.999999999Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.5Z",
        "2000-02-29T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
      })
  void agreesWithInstantParse(String s) {
    assertThat(parse(s)).isEqualTo(Instant.parse(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2019-03-05",
        "2019-03-05T14:02:03",
        "2019-03-05T14:02:03z",
        "2019-03-05t14:02:03Z",
        "2019-03-05T14:02:03+00:00",
        "2019-03-05 14:02:03Z",
        "2019/03/05T14:02:03Z",
        "2019-13-05T14:02:03Z",
        "2019-00-05T14:02:03Z",
        "2019-04-31T14:02:03Z",
        "1900-02-29T14:02:03Z",
        "2019-03-00T14:02:03Z",
        "2019-03-05T24:02:03Z",
        "2019-03-05T14:60:03Z",
        "2019-03-05T14:02:60Z",
        "2019-03-05T14:02:03.Z",
        "2019-03-05T14:02:03,5Z",
        "2019-03-05T14:02:03.1234567890Z",
        "2019-03-05T14:02:03.12a4Z",
        "2019-03-05T1a:02:03Z",
        "+2019-03-05T14:02:03Z",
        "-019-03-05T14:02:03Z",
      })
  void rejectsEverythingElse(String s) {
    assertThat(parse(s)).isNull();
  }

  @Property(tries = 2000)
  void roundTripsIsoInstant(
      @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long epochSecond,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
    Instant t = Instant.ofEpochSecond(epochSecond, nanos);
    String s = DateTimeFormatter.ISO_INSTANT.format(t);
    assertThat(parse(s)).isEqualTo(t);
  }

  @Property(tries = 500)
  void epochDayMatchesLocalDate(@ForAll @LongRange(min = -719_162, max = 2_932_896) long day) {
    LocalDate d = LocalDate.ofEpochDay(day);
    assertThat(IsoInstants.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
        .isEqualTo(day);
  }

  @Property(tries = 500)
  void parsesInsideALongerLine(@ForAll @IntRange(min = 0, max = 40) int offset) {
    String line = "x".repeat(offset) + "2019-03-05T14:02:03.5Z tail";
    assertThat(IsoInstants.parse(line, offset, offset + 22))
        .isEqualTo(Instant.parse("2019-03-05T14:02:03.5Z"));
  }
}
