package org.mozilla.balrog.logs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseActivityRuleTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  static Reason judge(Inputs in) {
    return new ReleaseActivityRule().judge(in.build(), WindowSettings.defaults());
  }

  @Test
  void routeClasses() {
    assertThat(new AdminWrite(DAY, "admin", "PUT", "/api/rules/{id}", 1, 1).routeClass())
        .isEqualTo("rules");
    assertThat(new AdminWrite(DAY, "admin", "PUT", "/api/v2/releases/{release}", 1, 1).routeClass())
        .isEqualTo("releases");
    assertThat(
            new AdminWrite(
                    DAY, "admin", "PUT", "/api/releases/{release}/builds/{platform}/{locale}", 1, 1)
                .routeClass())
        .isEqualTo("builds");
    assertThat(
            new AdminWrite(DAY, "agent", "POST", "/api/scheduled_changes/rules/{sc_id}/enact", 1, 0)
                .routeClass())
        .isEqualTo("enacted");
    assertThat(
            new AdminWrite(
                    DAY, "admin", "POST", "/api/scheduled_changes/rules/{sc_id}/signoffs", 1, 1)
                .routeClass())
        .isEqualTo("scheduled_changes");
    assertThat(new AdminWrite(DAY, "admin", "POST", "/api/emergency_shutoff", 1, 1).routeClass())
        .isEqualTo("emergency_shutoff");
    assertThat(new AdminWrite(DAY, "admin", "PUT", "/api/users/{username}", 1, 1).routeClass())
        .isEqualTo("other");
  }

  @Test
  void releaseWritesAreCautionWithClassesAndUserCounts() {
    Inputs in = new Inputs("2026-11-02T12:00:00Z");
    in.writes.add(new AdminWrite(DAY, "admin", "PUT", "/api/rules/{id}", 4, 2));
    in.writes.add(new AdminWrite(DAY, "admin", "POST", "/api/rules", 1, 1));
    in.writes.add(
        new AdminWrite(DAY, "agent", "POST", "/api/scheduled_changes/rules/{sc_id}/enact", 3, 0));
    in.writes.add(
        new AdminWrite(
            DAY, "admin", "PUT", "/api/releases/{release}/builds/{platform}/{locale}", 90, 1));
    Reason r = judge(in);
    assertThat(r.rule()).isEqualTo("release-activity");
    assertThat(r.call()).isEqualTo(Call.CAUTION);
    assertThat(r.explanation())
        .isEqualTo(
            "8 release writes in the last 6h (whole UTC day 2026-11-02: the table is daily): rules"
                + " 5 (>=2 users), enacted 3, builds 90 (>=1 user); no earlier day to compare with;"
                + " a release may be under way: check with release management");
    assertThat(r.evidence())
        .extracting(Evidence::toString)
        .containsExactly(
            "admin_activity 2026-11-02T00:00Z..2026-11-03T00:00Z (4 rows)",
            "admin_activity 2026-10-26T00:00Z..2026-11-02T00:00Z (0 rows)");
  }

  @Test
  void aReleaseDayLikeTheOthersIsRoutineAChemspillIsNot() {
    Inputs in = new Inputs("2026-11-02T12:00:00Z");
    // typical days: 10, 12, 8 release writes (and builds, which do not count)
    long[] typical = {10, 12, 8};
    for (int d = 1; d <= typical.length; d++) {
      in.writes.add(
          new AdminWrite(DAY.minusDays(d), "admin", "PUT", "/api/rules/{id}", typical[d - 1], 1));
      in.writes.add(
          new AdminWrite(
              DAY.minusDays(d), "admin", "PUT", "/api/releases/{r}/builds/{p}/{l}", 500, 1));
    }
    // more than the baseline days is ignored
    in.writes.add(new AdminWrite(DAY.minusDays(8), "admin", "PUT", "/api/rules/{id}", 1, 1));
    in.writes.add(new AdminWrite(DAY, "admin", "PUT", "/api/rules/{id}", 15, 2));
    Reason routine = judge(in);
    assertThat(routine.call()).isEqualTo(Call.GO);
    assertThat(routine.explanation())
        .contains(
            "15 release writes",
            "; a typical day has 10 (median of 3 earlier days), under 2.0x that: routine");
    assertThat(routine.evidence().get(1).toString())
        .isEqualTo("admin_activity 2026-10-26T00:00Z..2026-11-02T00:00Z (6 rows)");
    in.writes.add(new AdminWrite(DAY, "admin", "PUT", "/api/releases/{release}", 5, 3));
    Reason spill = judge(in);
    assertThat(spill.call()).isEqualTo(Call.CAUTION);
    assertThat(spill.explanation())
        .contains("20 release writes", "rules 15 (>=2 users), releases 5 (>=3 users)")
        .contains("a typical day has 10 (median of 3 earlier days); a release may be under way");
    assertThat(
            new ReleaseActivityRule()
                .judge(in.build(), WindowSettings.from(Map.of("window.release.caution-ratio", "3")))
                .call())
        .isEqualTo(Call.GO);
  }

  @Test
  void buildSubmissionsAloneAreRoutineAndTheThresholdIsASetting() {
    Inputs in = new Inputs("2026-11-02T12:00:00Z");
    in.writes.add(
        new AdminWrite(
            DAY, "admin", "PUT", "/api/releases/{release}/builds/{platform}/{locale}", 90, 1));
    assertThat(judge(in).call()).isEqualTo(Call.GO);
    in.writes.add(new AdminWrite(DAY, "admin", "PUT", "/api/rules/{id}", 4, 2));
    assertThat(
            new ReleaseActivityRule()
                .judge(
                    in.build(), WindowSettings.from(Map.of("window.release.caution-writes", "5")))
                .call())
        .isEqualTo(Call.GO);
    assertThat(judge(new Inputs("2026-11-02T12:00:00Z")).explanation())
        .isEqualTo("no admin writes in the last 6h (whole UTC day 2026-11-02: the table is daily)");
  }

  @Test
  void earlyInTheDayTheWindowReachesIntoYesterday() {
    Instant at = Instant.parse("2026-11-02T03:00:00Z");
    assertThat(ReleaseActivityRule.days(at, WindowSettings.defaults()))
        .containsExactly(DAY.minusDays(1), DAY);
    assertThat(
            ReleaseActivityRule.days(
                Instant.parse("2026-11-03T00:00:00Z"), WindowSettings.defaults()))
        .containsExactly(DAY);
    Inputs in = new Inputs("2026-11-02T03:00:00Z");
    in.writes.add(new AdminWrite(DAY.minusDays(1), "admin", "PUT", "/api/rules/{id}", 2, 1));
    Reason r = judge(in);
    assertThat(r.call()).isEqualTo(Call.CAUTION);
    assertThat(r.explanation()).contains("whole UTC days 2026-11-01..2026-11-02");
  }
}
