package org.mozilla.balrog.logs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.AdminRouteClass;

class ReleaseActivityRuleTest {
  static final String AT = "2026-11-02T12:30:00Z";

  static Reason judge(Inputs in) {
    return new ReleaseActivityRule().judge(in.build(), WindowSettings.defaults());
  }

  static Instant hour(String t) {
    return Instant.parse("2026-11-02T" + t + ":00:00Z");
  }

  /** Update traffic in the hours of {@code daysBefore} days before: that day has data. */
  static void traffic(Inputs in, int daysBefore) {
    in.versions.add(
        new VersionCount(
            hour("09").minus(Duration.ofDays(daysBefore)), "Firefox", "release", "145.0.2", 100));
  }

  @Test
  void routeClasses() {
    assertThat(AdminRouteClass.of("/api/rules/{id}")).isEqualTo("rules");
    assertThat(AdminRouteClass.of("/api/v2/releases/{release}")).isEqualTo("releases");
    assertThat(AdminRouteClass.of("/api/releases/{release}/builds/{platform}/{locale}"))
        .isEqualTo("builds");
    assertThat(AdminRouteClass.of("/api/scheduled_changes/rules/{sc_id}/enact"))
        .isEqualTo("enacted");
    assertThat(AdminRouteClass.of("/api/scheduled_changes/rules/{sc_id}/signoffs"))
        .isEqualTo("scheduled_changes");
    assertThat(AdminRouteClass.of("/api/emergency_shutoff")).isEqualTo("emergency_shutoff");
    assertThat(AdminRouteClass.of("/api/users/{username}")).isEqualTo("other");
  }

  /**
   * The complete hours of the last 6h count (not the hour the push starts in, nor earlier ones),
   * per class with its largest hourly user count.
   */
  @Test
  void releaseWritesOfTheLastCompleteHoursAreCautionWithClassesAndUserCounts() {
    Inputs in = new Inputs(AT);
    in.writes.add(new AdminWrite(hour("10"), "rules", 4, 2));
    in.writes.add(new AdminWrite(hour("11"), "rules", 1, 1));
    in.writes.add(new AdminWrite(hour("11"), "enacted", 3, 0));
    in.writes.add(new AdminWrite(hour("06"), "builds", 90, 1));
    in.writes.add(new AdminWrite(hour("12"), "releases", 7, 1)); // after the complete hours
    in.writes.add(new AdminWrite(hour("05"), "rules", 50, 1)); // before them
    Reason r = judge(in);
    assertThat(r.rule()).isEqualTo("release-activity");
    assertThat(r.call()).isEqualTo(Call.CAUTION);
    assertThat(r.explanation())
        .isEqualTo(
            "8 release writes in 2026-11-02T06:00Z..2026-11-02T12:00Z: rules 5 (>=2 users),"
                + " enacted 3, builds 90 (>=1 user); no earlier day to compare with;"
                + " a release may be under way: check with release management");
    assertThat(r.evidence())
        .extracting(Evidence::toString)
        .containsExactly(
            "release_activity 2026-11-02T06:00Z..2026-11-02T12:00Z (4 rows; admin_write)",
            "release_activity 2026-10-26T06:00Z..2026-11-01T12:00Z (0 rows; admin_write, the same"
                + " hours of 0 earlier days with data)");
  }

  /**
   * Against the same hours of the earlier days with data: as many writes as usual is routine; a
   * release-only class (new release blobs) that at most one of those days wrote, or twice the usual
   * count, is not.
   */
  @Test
  void aDayLikeTheOthersIsRoutineAChemspillIsNot() {
    Inputs in = new Inputs(AT);
    long[] typical = {10, 12, 8};
    for (int d = 1; d <= typical.length; d++) {
      traffic(in, d);
      in.writes.add(
          new AdminWrite(hour("09").minus(Duration.ofDays(d)), "rules", typical[d - 1], 1));
      in.writes.add(new AdminWrite(hour("09").minus(Duration.ofDays(d)), "builds", 500, 1));
    }
    // a day without traffic rows is not a baseline day, whatever it wrote
    in.writes.add(new AdminWrite(hour("09").minus(Duration.ofDays(5)), "releases", 1, 1));
    in.writes.add(new AdminWrite(hour("09"), "rules", 15, 2));
    Reason routine = judge(in);
    assertThat(routine.call()).isEqualTo(Call.GO);
    assertThat(routine.explanation())
        .contains(
            "15 release writes", "; the same hours of 3 earlier days had 10 (median): routine");
    assertThat(routine.evidence().get(1).toString())
        .isEqualTo(
            "release_activity 2026-10-26T06:00Z..2026-11-01T12:00Z (6 rows; admin_write, the same"
                + " hours of 3 earlier days with data)");
    in.writes.add(new AdminWrite(hour("10"), "releases", 2, 1));
    Reason spill = judge(in);
    assertThat(spill.call()).isEqualTo(Call.CAUTION);
    assertThat(spill.explanation())
        .contains("17 release writes", "rules 15 (>=2 users), releases 2 (>=1 user)")
        .contains(
            "had 10 (median), and releases writes on at most one of them; a release may be under"
                + " way");
    // one earlier day with a new release blob then (an earlier release) does not hide this one;
    // two do: such writes are then a habit of those hours
    in.writes.add(new AdminWrite(hour("10").minus(Duration.ofDays(1)), "releases", 3, 1));
    assertThat(judge(in).call()).isEqualTo(Call.CAUTION);
    in.writes.add(new AdminWrite(hour("11").minus(Duration.ofDays(3)), "releases", 1, 1));
    assertThat(judge(in).call()).isEqualTo(Call.GO);
    Inputs many = new Inputs(AT);
    for (int d = 1; d <= typical.length; d++) {
      traffic(many, d);
      many.writes.add(
          new AdminWrite(hour("09").minus(Duration.ofDays(d)), "rules", typical[d - 1], 1));
    }
    many.writes.add(new AdminWrite(hour("09"), "rules", 20, 2));
    assertThat(judge(many).call()).isEqualTo(Call.CAUTION);
    assertThat(
            new ReleaseActivityRule()
                .judge(
                    many.build(), WindowSettings.from(Map.of("window.release.caution-ratio", "3")))
                .call())
        .isEqualTo(Call.GO);
  }

  /**
   * A burst in the last hours is unusual even when the six hours are not; the longest unusual span
   * is shown.
   */
  @Test
  void aBurstInTheLastHourIsCaution() {
    Inputs in = new Inputs(AT);
    String[] hours = {"06", "07", "08", "09", "10", "11"};
    for (int d = 1; d <= 7; d++) {
      traffic(in, d);
      for (String h : hours) {
        in.writes.add(new AdminWrite(hour(h).minus(Duration.ofDays(d)), "rules", 5, 1));
      }
    }
    for (String h : hours) {
      in.writes.add(new AdminWrite(hour(h), "rules", h.equals("11") ? 25 : 4, 1));
    }
    Reason r = judge(in);
    assertThat(r.call()).isEqualTo(Call.CAUTION);
    assertThat(r.explanation())
        .startsWith(
            "33 release writes in 2026-11-02T09:00Z..2026-11-02T12:00Z: rules 33 (>=1 user); the"
                + " same hours of 7 earlier days had 15 (median); a release may be under way");
  }

  /** A few more writes than the usual few are chance, not a release. */
  @Test
  void aFewMoreThanAFewIsNoise() {
    Inputs in = new Inputs(AT);
    for (int d = 1; d <= 7; d++) {
      traffic(in, d);
      in.writes.add(
          new AdminWrite(hour("08").minus(Duration.ofDays(d)), "scheduled_changes", 3, 1));
    }
    in.writes.add(new AdminWrite(hour("08"), "scheduled_changes", 7, 1));
    Reason r = judge(in);
    assertThat(r.call()).as(r.explanation()).isEqualTo(Call.GO);
    in.writes.add(new AdminWrite(hour("09"), "scheduled_changes", 5, 1));
    assertThat(judge(in).call()).isEqualTo(Call.CAUTION);
  }

  @Test
  void buildSubmissionsAloneAreRoutineAndTheThresholdIsASetting() {
    Inputs in = new Inputs(AT);
    in.writes.add(new AdminWrite(hour("09"), "builds", 90, 1));
    assertThat(judge(in).call()).isEqualTo(Call.GO);
    in.writes.add(new AdminWrite(hour("09"), "rules", 4, 2));
    assertThat(judge(in).call()).isEqualTo(Call.GO); // fewer than 5
    assertThat(
            new ReleaseActivityRule()
                .judge(
                    in.build(), WindowSettings.from(Map.of("window.release.caution-writes", "3")))
                .call())
        .isEqualTo(Call.CAUTION);
    // a release-only class the earlier days never wrote is enough on its own
    in.writes.add(new AdminWrite(hour("09"), "releases", 1, 1));
    assertThat(judge(in).call()).isEqualTo(Call.CAUTION);
    assertThat(judge(new Inputs(AT)).explanation())
        .isEqualTo("no admin writes in 2026-11-02T06:00Z..2026-11-02T12:00Z");
  }

  /** Early in a UTC day the hours reach into the day before; the window length is a setting. */
  @Test
  void theHoursReachIntoYesterday() {
    Inputs in = new Inputs("2026-11-02T03:00:00Z");
    in.writes.add(new AdminWrite(hour("00").minus(Duration.ofHours(2)), "rules", 6, 1));
    Reason r = judge(in);
    assertThat(r.call()).isEqualTo(Call.CAUTION);
    assertThat(r.explanation()).contains("in 2026-11-01T21:00Z..2026-11-02T03:00Z");
    assertThat(
            new ReleaseActivityRule()
                .judge(in.build(), WindowSettings.from(Map.of("window.release.hours", "2h")))
                .call())
        .isEqualTo(Call.GO);
  }
}
