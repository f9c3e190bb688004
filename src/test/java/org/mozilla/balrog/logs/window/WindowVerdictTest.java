package org.mozilla.balrog.logs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowVerdictTest {
  static final Instant AT = Instant.parse("2026-11-02T11:30:00Z");

  static WindowVerdict of(Call... calls) {
    List<Reason> reasons = new java.util.ArrayList<>();
    for (int i = 0; i < calls.length; i++) {
      reasons.add(Reason.of("r" + i, calls[i], "because " + i));
    }
    return WindowVerdict.of(AT, Duration.ofMinutes(30), reasons);
  }

  @Test
  void noGoWinsOverCautionWhichWinsOverGo() {
    assertThat(of().call()).isEqualTo(Call.GO);
    assertThat(of(Call.GO, Call.GO).call()).isEqualTo(Call.GO);
    assertThat(of(Call.GO, Call.CAUTION, Call.GO).call()).isEqualTo(Call.CAUTION);
    assertThat(of(Call.CAUTION, Call.NO_GO, Call.GO).call()).isEqualTo(Call.NO_GO);
    assertThat(of(Call.NO_GO, Call.NO_GO).call()).isEqualTo(Call.NO_GO);
  }

  @Test
  void reasonsAreWorstFirstThenInTheRulesOrder() {
    assertThat(of(Call.GO, Call.CAUTION, Call.NO_GO, Call.CAUTION).reasons())
        .extracting(Reason::rule)
        .containsExactly("r2", "r1", "r3", "r0");
  }

  @Test
  void labels() {
    assertThat(Call.NO_GO.label()).isEqualTo("no-go");
    assertThat(Call.parse("k", " No-Go ")).isEqualTo(Call.NO_GO);
    assertThat(Call.GO.worst(Call.CAUTION)).isEqualTo(Call.CAUTION);
    assertThat(Call.NO_GO.worst(Call.CAUTION)).isEqualTo(Call.NO_GO);
  }

  @Test
  void theTextHasTheHeadlineAndOneLinePerReasonAndEvidence() {
    WindowVerdict v =
        WindowVerdict.of(
            AT,
            Duration.ofMinutes(30),
            List.of(
                Reason.of("calendar", Call.GO, "a working day"),
                Reason.of(
                    "open-regression",
                    Call.NO_GO,
                    "open regression v2",
                    new Evidence("deploy_impact", AT.minus(Duration.ofDays(3)), AT, 1))));
    assertThat(v.text())
        .isEqualTo(
            "deploy-window: no-go for a 30m push at 2026-11-02T11:30Z\n"
                + "  no-go    open-regression   open regression v2\n"
                + "                             evidence: deploy_impact"
                + " 2026-10-30T11:30Z..2026-11-02T11:30Z (1 row)\n"
                + "  go       calendar          a working day\n");
  }

  @Test
  void judgeAsksEveryRuleOnce() {
    Inputs in = new Inputs("2026-11-02T11:30:00Z");
    WindowVerdict v = WindowVerdict.judge(in.build(), WindowSettings.defaults());
    assertThat(v.reasons())
        .extracting(Reason::rule)
        .containsExactlyInAnyOrder(
            "freshness",
            "calendar",
            "open-regression",
            "health.5xx",
            "health.latency",
            "new-errors",
            "release-activity",
            "version-ramp");
    // no traffic at all: health cannot judge
    assertThat(v.call()).isEqualTo(Call.CAUTION);
  }

  @Test
  void aFullyGoodMomentIsGo() {
    Inputs in = new Inputs("2026-11-02T11:30:00Z");
    for (int d = 0; d <= 7; d++) {
      in.hour(d, 1000, 1, 80.0);
    }
    for (int h = 1; h <= 8 * 24; h++) {
      in.versions.add(
          new VersionCount(
              Instant.parse("2026-11-02T11:00:00Z").minus(Duration.ofHours(h)),
              "Firefox",
              "release",
              "145.0.2",
              400));
    }
    WindowVerdict v = WindowVerdict.judge(in.build(), WindowSettings.defaults());
    assertThat(v.call()).as(v.text()).isEqualTo(Call.GO);
  }
}
