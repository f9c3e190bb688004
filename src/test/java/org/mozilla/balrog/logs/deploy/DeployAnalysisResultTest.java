package org.mozilla.balrog.logs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.impact.ImpactCalculator;
import org.mozilla.balrog.logs.impact.ImpactWindows;
import org.mozilla.balrog.logs.impact.MinuteCount;
import org.mozilla.balrog.logs.impact.WindowSide;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.sink.ImpactRow;

class DeployAnalysisResultTest {
  static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

  static Deploy deploy(String id, BalrogApp app) {
    return new Deploy(id, app, T, T.plusSeconds(200), 2, 2, false, Deploy.Source.DETECTED, "x");
  }

  /** The rows of {@code d} with the counts {@link ImpactCalculator} makes of {@code minutes}. */
  static List<ImpactRow> rows(
      Deploy d, List<MinuteCount> minutes, ImpactCalculator.Coverage coverage) {
    return new ImpactCalculator()
        .rows(
            d,
            ImpactWindows.of(d, Duration.ofHours(1), Duration.ofHours(1)),
            minutes,
            List.of(),
            Map.of(),
            Map.of(),
            coverage);
  }

  @Test
  void deploysWithoutRequestsOrLoggedMinutesAfterTheRolloutHaveNoAfterInput() {
    Deploy web = deploy("w", BalrogApp.WEB);
    Deploy webWithRequests = deploy("w2", BalrogApp.WEB);
    Deploy agent = deploy("a", BalrogApp.AGENT);
    List<ImpactRow> impact =
        new ArrayList<>(
            rows(
                web,
                List.of(
                    new MinuteCount(
                        "w", WindowSide.BEFORE, "update_5xx_rate:aus5", 0, 0, 100, null)),
                ImpactCalculator.Coverage.full()));
    impact.addAll(
        rows(
            webWithRequests,
            List.of(new MinuteCount("w2", WindowSide.AFTER, "lb_5xx_rate", 0, 0, 100, null)),
            ImpactCalculator.Coverage.full()));
    // the agent's syslog has no file for the after window
    impact.addAll(
        rows(
            agent,
            List.of(),
            (metric, from, to) -> from.isAfter(T) ? Duration.ZERO : Duration.between(from, to)));
    DeployAnalysis.Result r =
        new DeployAnalysis.Result(
            List.of(web, webWithRequests, agent), Map.of(), impact, List.of(), List.of());
    // the web deploy's error rate had (day-file) minutes after, but no request: its ELB logs are
    // not there yet
    assertThat(r.withoutAfterInput()).containsExactly("w", "a");
    assertThat(r.regressions()).isEmpty();
  }
}
