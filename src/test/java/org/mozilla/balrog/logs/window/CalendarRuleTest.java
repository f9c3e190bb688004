package org.mozilla.balrog.logs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalendarRuleTest {
  static Reason judge(String at, Map<String, String> settings) {
    return new CalendarRule().judge(new Inputs(at).build(), WindowSettings.from(settings));
  }

  static Reason judge(String at) {
    return judge(at, Map.of());
  }

  @Test
  void aMondayMiddayPushInBerlinIsGo() {
    Reason r = judge("2026-11-02T11:30:00Z");
    assertThat(r.call()).isEqualTo(Call.GO);
    assertThat(r.explanation())
        .isEqualTo(
            "push Mon 2026-11-02 12:30-13:00 Europe/Berlin (+01:00): a working day, within working"
                + " hours 09:00-17:00");
    assertThat(r.evidence()).isEmpty();
  }

  @Test
  void fridayIsCautionByDefaultAndAsConfigured() {
    Reason r = judge("2026-11-06T11:30:00Z");
    assertThat(r.call()).isEqualTo(Call.CAUTION);
    assertThat(r.explanation()).contains("2026-11-06 is a Friday");
    assertThat(judge("2026-11-06T11:30:00Z", Map.of("window.friday", "no-go")).call())
        .isEqualTo(Call.NO_GO);
    assertThat(judge("2026-11-06T11:30:00Z", Map.of("window.friday", "go")).call())
        .isEqualTo(Call.GO);
  }

  @Test
  void weekendAndHolidaysAreNoGo() {
    Reason sat = judge("2026-11-07T11:30:00Z");
    assertThat(sat.call()).isEqualTo(Call.NO_GO);
    assertThat(sat.explanation()).contains("2026-11-07 is a Saturday");
    assertThat(judge("2026-11-08T11:30:00Z").explanation()).contains("is a Sunday");
    Reason xmas =
        judge("2026-12-24T10:00:00Z", Map.of("window.holidays", "2026-12-24, 2026-12-25"));
    assertThat(xmas.call()).isEqualTo(Call.NO_GO);
    assertThat(xmas.explanation()).contains("2026-12-24 is a holiday");
    assertThat(judge("2026-12-23T10:00:00Z", Map.of("window.holidays", "2026-12-24")).call())
        .isEqualTo(Call.GO);
  }

  @Test
  void aPushCrossingTheEndOfTheWorkingWindowIsNoGo() {
    // 16:45 CET + 30m ends 17:15
    Reason r = judge("2026-11-02T15:45:00Z");
    assertThat(r.call()).isEqualTo(Call.NO_GO);
    assertThat(r.explanation())
        .contains("16:45-17:15", "ends after 17:00 (working hours 09:00-17:00; a push needs 30m)");
    // 16:30 + 30m ends exactly at 17:00: fits
    assertThat(judge("2026-11-02T15:30:00Z").call()).isEqualTo(Call.GO);
    // a longer push does not
    Inputs in = new Inputs("2026-11-02T15:30:00Z");
    in.duration = Duration.ofMinutes(45);
    assertThat(new CalendarRule().judge(in.build(), WindowSettings.defaults()).call())
        .isEqualTo(Call.NO_GO);
    assertThat(judge("2026-11-02T17:00:00Z").explanation()).contains("starts after 17:00");
    assertThat(judge("2026-11-02T07:59:00Z").explanation()).contains("starts before 09:00");
    assertThat(judge("2026-11-02T08:00:00Z").call()).isEqualTo(Call.GO);
  }

  @Test
  void aPushPastMidnightTouchesTheNextDay() {
    Map<String, String> late = new HashMap<>();
    late.put("window.hours", "00:00-23:59");
    // Friday 23:40 CET + 30m: into Saturday
    Reason r = judge("2026-11-06T22:40:00Z", late);
    assertThat(r.call()).isEqualTo(Call.NO_GO);
    assertThat(r.explanation()).contains("2026-11-06 is a Friday", "2026-11-07 is a Saturday");
  }

  @Test
  void theWorkingWindowFollowsDaylightSavingTime() {
    // Berlin: CET (+01:00) until Sunday 2026-03-29 02:00, CEST (+02:00) from then
    Reason friday = judge("2026-03-27T07:30:00Z", Map.of("window.friday", "go")); // 08:30 CET
    assertThat(friday.call()).isEqualTo(Call.NO_GO);
    assertThat(friday.explanation()).contains("(+01:00)", "starts before 09:00");
    Reason monday = judge("2026-03-30T07:30:00Z"); // 09:30 CEST
    assertThat(monday.call()).isEqualTo(Call.GO);
    assertThat(monday.explanation()).contains("09:30-10:00 Europe/Berlin (+02:00)");
    // on the change day itself the hours are taken on its local date (a weekend too)
    Map<String, String> everyDay = Map.of("window.time-zone", "Europe/Berlin");
    Reason change = judge("2026-03-29T07:30:00Z", everyDay); // 09:30 CEST, 08:30 had it been CET
    assertThat(change.explanation()).doesNotContain("starts before").contains("(+02:00)");
    assertThat(judge("2026-03-29T14:45:00Z", everyDay).explanation())
        .contains("16:45-17:15", "ends after 17:00");
    // autumn: Sunday 2026-10-25 03:00 CEST becomes 02:00 CET; Monday 08:30Z is 09:30 CET
    assertThat(judge("2026-10-26T08:30:00Z").call()).isEqualTo(Call.GO);
    assertThat(judge("2026-10-23T07:30:00Z", Map.of("window.friday", "go")).call())
        .isEqualTo(Call.GO); // 09:30 CEST
    assertThat(judge("2026-10-26T07:30:00Z").explanation()).contains("starts before 09:00");
  }

  @Test
  void otherZonesAndHours() {
    Map<String, String> toronto =
        Map.of("window.time-zone", "America/Toronto", "window.hours", "08:00-18:00");
    // US/Canada DST ends Sunday 2026-11-01: Monday 13:00Z is 08:00 EST
    Reason r = judge("2026-11-02T13:00:00Z", toronto);
    assertThat(r.call()).isEqualTo(Call.GO);
    assertThat(r.explanation()).contains("08:00-08:30 America/Toronto (-05:00)", "08:00-18:00");
    // the Friday before, 12:00Z is 08:00 EDT
    assertThat(judge("2026-10-30T12:00:00Z", toronto).explanation())
        .contains("(-04:00)")
        .doesNotContain("starts before");
    assertThat(judge("2026-11-02T11:30:00Z", Map.of("window.time-zone", "UTC")).explanation())
        .contains("11:30-12:00 UTC (+00:00)");
  }
}
