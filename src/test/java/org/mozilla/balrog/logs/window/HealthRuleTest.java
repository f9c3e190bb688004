package org.mozilla.balrog.logs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthRuleTest {
  static final String AT = "2026-11-02T11:30:00Z";

  /** Seven earlier days at 1 % (10 of 1000 per bucket), 100 ms. */
  static Inputs withBaseline() {
    Inputs in = new Inputs(AT);
    for (int d = 1; d <= 7; d++) {
      in.hour(d, 1000, 10, 100.0);
    }
    return in;
  }

  static Reason rate(Inputs in) {
    return HealthRule.FIVE_XX.judge(in.build(), WindowSettings.defaults());
  }

  static Reason latency(Inputs in) {
    return HealthRule.LATENCY.judge(in.build(), WindowSettings.defaults());
  }

  @Test
  void theSameRateAsTheBaselineIsGo() {
    Reason r = rate(withBaseline().hour(0, 1000, 10, 100.0));
    assertThat(r.rule()).isEqualTo("health.5xx");
    assertThat(r.call()).isEqualTo(Call.GO);
    assertThat(r.explanation())
        .isEqualTo(
            "update 5xx rate 1.00% in the last 1h (12000 requests), median of the same hours on 7"
                + " earlier days: 1.00%");
    assertThat(r.evidence()).hasSize(2);
    assertThat(r.evidence().get(0).toString())
        .isEqualTo("request_rates 2026-11-02T10:30Z..2026-11-02T11:30Z (12 rows)");
    assertThat(r.evidence().get(1).toString())
        .isEqualTo(
            "request_rates 2026-10-26T10:30Z..2026-11-01T11:30Z (84 rows; the same 1h of each"
                + " day)");
  }

  @Test
  void cautionFromOneAndAHalfTimesNoGoFromThree() {
    assertThat(rate(withBaseline().hour(0, 1000, 14, 100.0)).call()).isEqualTo(Call.GO);
    Reason caution = rate(withBaseline().hour(0, 1000, 20, 100.0));
    assertThat(caution.call()).isEqualTo(Call.CAUTION);
    assertThat(caution.explanation()).contains("2.00%", "; 1.5x the baseline or more");
    Reason noGo = rate(withBaseline().hour(0, 1000, 30, 100.0));
    assertThat(noGo.call()).isEqualTo(Call.NO_GO);
    assertThat(noGo.explanation()).contains("3.00%", "; 3.0x the baseline or more");
  }

  /** Three 5xx on a quiet hour whose baseline had none: a rate, but too few errors to mean much. */
  @Test
  void aFewErrorsOnAQuietHourAreNoise() {
    Inputs in = new Inputs(AT);
    for (int d = 1; d <= 7; d++) {
      in.hour(d, 100, 0, 100.0);
    }
    assertThat(rate(in.hour(0, 100, 0, 100.0)).call()).isEqualTo(Call.GO);
    Inputs noisy = new Inputs(AT);
    for (int d = 1; d <= 7; d++) {
      noisy.hour(d, 100, 0, 100.0);
    }
    noisy.hour(0, 100, 0, 100.0);
    noisy.updates.add(new UpdateBucket(Instant.parse(AT).minusSeconds(600), 0, 3, null));
    assertThat(rate(noisy).call()).isEqualTo(Call.GO);
    noisy.updates.add(new UpdateBucket(Instant.parse(AT).minusSeconds(900), 0, 9, null));
    assertThat(rate(noisy).call()).isEqualTo(Call.NO_GO);
  }

  @Test
  void aSmallIncreaseNeverCounts() {
    Inputs in = new Inputs(AT);
    for (int d = 1; d <= 7; d++) {
      in.hour(d, 10_000, 1, 100.0); // 0.01 %
    }
    // 0.1 %: ten times the baseline but only 0.09 points more (< 0.2)
    assertThat(rate(in.hour(0, 10_000, 10, 100.0)).call()).isEqualTo(Call.GO);
  }

  @Test
  void theBaselineIsTheMedianOfTheDays() {
    Inputs in = new Inputs(AT);
    in.hour(1, 1000, 10, 100.0).hour(2, 1000, 10, 100.0).hour(3, 1000, 200, 900.0);
    Reason r = rate(in.hour(0, 1000, 10, 100.0));
    assertThat(r.call()).isEqualTo(Call.GO);
    assertThat(r.explanation()).contains("on 3 earlier days: 1.00%");
    assertThat(latency(in).explanation()).contains("on 3 earlier days: 100 ms");
  }

  @Test
  void withoutBaselineOnlyTheAbsoluteLimitApplies() {
    Reason ok = rate(new Inputs(AT).hour(0, 1000, 40, 100.0));
    assertThat(ok.call()).isEqualTo(Call.GO);
    assertThat(ok.explanation())
        .contains("4.00%", "no earlier day to compare with (only the absolute limit applies)");
    Reason bad = rate(new Inputs(AT).hour(0, 1000, 50, 100.0));
    assertThat(bad.call()).isEqualTo(Call.NO_GO);
    assertThat(bad.explanation()).contains("5.00%", "at or above the limit 5.00%");
    // the limit applies with a baseline too, and as set
    assertThat(
            HealthRule.FIVE_XX
                .judge(
                    new Inputs(AT).hour(0, 1000, 20, 100.0).build(),
                    WindowSettings.from(Map.of("window.health.5xx-max", "0.01")))
                .call())
        .isEqualTo(Call.NO_GO);
  }

  @Test
  void tooFewRequestsIsCaution() {
    Reason r = rate(withBaseline().hour(0, 5, 0, 100.0));
    assertThat(r.call()).isEqualTo(Call.CAUTION);
    assertThat(r.explanation())
        .isEqualTo(
            "only 60 update requests in the last 1h (fewer than 100): cannot judge the update 5xx"
                + " rate");
    Reason none = latency(withBaseline());
    assertThat(none.call()).isEqualTo(Call.CAUTION);
    assertThat(none.explanation()).startsWith("only 0 update requests");
    // a baseline day with too few requests is left out
    Inputs sparse = new Inputs(AT).hour(1, 5, 5, 100.0).hour(0, 1000, 10, 100.0);
    assertThat(rate(sparse).explanation()).contains("no earlier day to compare with");
  }

  @Test
  void latencyAgainstItsBaseline() {
    assertThat(latency(withBaseline().hour(0, 1000, 10, 140.0)).call()).isEqualTo(Call.GO);
    Reason caution = latency(withBaseline().hour(0, 1000, 10, 160.0));
    assertThat(caution.rule()).isEqualTo("health.latency");
    assertThat(caution.call()).isEqualTo(Call.CAUTION);
    assertThat(caution.explanation())
        .isEqualTo(
            "update latency p95 160 ms in the last 1h (12000 requests), median of the same hours on"
                + " 7 earlier days: 100 ms; 1.5x the baseline or more");
    assertThat(latency(withBaseline().hour(0, 1000, 10, 300.0)).call()).isEqualTo(Call.NO_GO);
    // 10 ms to 40 ms: four times, but below the 50 ms minimum increase
    Inputs fast = new Inputs(AT);
    for (int d = 1; d <= 7; d++) {
      fast.hour(d, 1000, 0, 10.0);
    }
    assertThat(latency(fast.hour(0, 1000, 0, 40.0)).call()).isEqualTo(Call.GO);
  }

  @Test
  void onlyTheHoursBeforeThePushCount() {
    Inputs in = withBaseline().hour(0, 1000, 10, 100.0);
    // a bad bucket right at the push (and after it) is not part of the window
    in.updates.add(new UpdateBucket(in.at, 1000, 900, 5000.0));
    assertThat(rate(in).call()).isEqualTo(Call.GO);
    assertThat(latency(in).call()).isEqualTo(Call.GO);
    // a longer window
    Reason two =
        HealthRule.FIVE_XX.judge(
            in.build(), WindowSettings.from(Map.of("window.health.hours", "2h")));
    assertThat(two.explanation()).contains("in the last 2h (12000 requests)");
  }
}
