package org.mozilla.balrog.logs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NewErrorsRuleTest {
  static final String AT = "2026-11-02T12:00:00Z";

  static Inputs known() {
    Inputs in = new Inputs(AT);
    for (int d = 1; d <= 3; d++) {
      in.errors.add(new ErrorHour(in.at.minus(Duration.ofDays(d)), "web", "KeyError @ a.py:f", 3));
    }
    in.errors.add(
        new ErrorHour(Instant.parse("2026-11-02T09:00:00Z"), "web", "KeyError @ a.py:f", 2));
    return in;
  }

  static Reason judge(Inputs in) {
    return new NewErrorsRule().judge(in.build(), WindowSettings.defaults());
  }

  @Test
  void knownSignaturesAreGo() {
    Reason r = judge(known());
    assertThat(r.call()).isEqualTo(Call.GO);
    assertThat(r.explanation())
        .isEqualTo(
            "no new error signature in the last 6h (1 seen, all known from the 7 days before)");
    assertThat(r.evidence())
        .extracting(Evidence::toString)
        .containsExactly(
            "app_errors 2026-11-02T06:00Z..2026-11-02T12:00Z (1 row)",
            "app_errors 2026-10-26T06:00Z..2026-11-02T06:00Z (3 rows)");
  }

  @Test
  void aNewSignatureIsCautionWithItsEvents() {
    Inputs in = known();
    in.errors.add(
        new ErrorHour(Instant.parse("2026-11-02T10:00:00Z"), "web", "TypeError @ b.py:g", 7));
    in.errors.add(
        new ErrorHour(Instant.parse("2026-11-02T11:00:00Z"), "web", "TypeError @ b.py:g", 5));
    // the same signature of another app is new too
    in.errors.add(
        new ErrorHour(Instant.parse("2026-11-02T11:00:00Z"), "admin", "KeyError @ a.py:f", 1));
    Reason r = judge(in);
    assertThat(r.call()).isEqualTo(Call.CAUTION);
    assertThat(r.explanation())
        .isEqualTo(
            "2 new error signatures in the last 6h: 'web: TypeError @ b.py:g' (12 events),"
                + " 'admin: KeyError @ a.py:f' (1 events)");
  }

  @Test
  void atMostThreeAreListed() {
    Inputs in = known();
    for (int i = 0; i < 5; i++) {
      in.errors.add(new ErrorHour(Instant.parse("2026-11-02T10:00:00Z"), "agent", "E" + i, 10 - i));
    }
    assertThat(judge(in).explanation())
        .startsWith("5 new error signatures")
        .contains("'agent: E0' (10 events)", "'agent: E2' (8 events)")
        .doesNotContain("E3'")
        .endsWith(" and 2 more");
  }

  @Test
  void withoutErrorHistoryNothingIsNewAndLaterRowsDoNotCount() {
    Inputs in = new Inputs(AT);
    in.errors.add(new ErrorHour(Instant.parse("2026-11-02T10:00:00Z"), "web", "X", 1));
    in.errors.add(new ErrorHour(Instant.parse("2026-11-02T12:00:00Z"), "web", "Y", 1));
    Reason r = judge(in);
    assertThat(r.call()).isEqualTo(Call.GO);
    assertThat(r.explanation())
        .isEqualTo(
            "1 error signature in the last 6h; no error before 2026-11-02T06:00Z to compare with");
    Inputs later = known();
    later.errors.add(new ErrorHour(Instant.parse("2026-11-02T12:00:00Z"), "web", "Y", 1));
    assertThat(judge(later).call()).isEqualTo(Call.GO);
  }
}
