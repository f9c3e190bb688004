package org.mozilla.balrog.logs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreshnessRuleTest {
  static Reason judge(Inputs in, Map<String, String> s) {
    return new FreshnessRule().judge(in.build(), WindowSettings.from(s));
  }

  @Test
  void recentDataIsGo() {
    Inputs in = new Inputs("2026-11-03T09:00:00Z");
    in.newestRates = Instant.parse("2026-11-03T00:00:00Z");
    in.newestAudit = LocalDate.of(2026, 11, 2);
    Reason r = judge(in, Map.of());
    assertThat(r.call()).isEqualTo(Call.GO);
    assertThat(r.explanation())
        .isEqualTo(
            "newest request_rates data ends 2026-11-03T00:00Z, 9h before the push; newest"
                + " ingest_audit partition 2026-11-02");
    assertThat(r.evidence())
        .extracting(Evidence::toString)
        .containsExactly("request_rates 2026-11-02T23:55Z..2026-11-03T00:00Z (1 row)");
  }

  @Test
  void staleDataIsNoGo() {
    Inputs in = new Inputs("2026-11-04T03:00:00Z");
    in.newestRates = Instant.parse("2026-11-03T00:00:00Z");
    Reason r = judge(in, Map.of());
    assertThat(r.call()).isEqualTo(Call.NO_GO);
    assertThat(r.explanation())
        .isEqualTo(
            "newest request_rates data ends 2026-11-03T00:00Z, 27h before the push; no"
                + " ingest_audit partition; older than 26h: evidence too old to judge");
    // exactly the limit still passes; the limit is a setting
    in.at = Instant.parse("2026-11-04T02:00:00Z");
    assertThat(judge(in, Map.of()).call()).isEqualTo(Call.GO);
    assertThat(judge(in, Map.of("window.max-staleness", "2h")).call()).isEqualTo(Call.NO_GO);
  }

  @Test
  void noDataIsNoGo() {
    Inputs in = new Inputs("2026-11-04T03:00:00Z");
    in.newestRates = null;
    Reason r = judge(in, Map.of());
    assertThat(r.call()).isEqualTo(Call.NO_GO);
    assertThat(r.explanation())
        .isEqualTo(
            "no request_rates data at or before the push (no ingest_audit partition): nothing to"
                + " judge on");
  }
}
