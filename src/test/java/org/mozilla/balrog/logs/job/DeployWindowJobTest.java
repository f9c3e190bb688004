package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.source.NoInputException;
import org.mozilla.balrog.logs.window.WindowSettings;

/** {@code deploy-window}'s options and what it reads, on a fake reader (no Spark, no DuckDB). */
class DeployWindowJobTest {
  static final JobConfig CFG = JobConfig.defaults().withOutput("/nowhere");

  /** Records the partitions asked for; has request_rates rows of 2026-11-02 only. */
  static final class FakeRows implements DeployWindowJob.Rows {
    final Map<String, List<LocalDate>> present;
    final List<String> asked = new ArrayList<>();

    FakeRows(Map<String, List<LocalDate>> present) {
      this.present = present;
    }

    @Override
    public String engine() {
      return "fake";
    }

    @Override
    public List<LocalDate> dates(String table) {
      return present.getOrDefault(table, List.of());
    }

    @Override
    public List<List<Object>> select(String table, List<LocalDate> days, String sql) {
      asked.add(table + " " + days.get(0) + ".." + days.get(days.size() - 1));
      if (table.equals("request_rates") && sql.contains("max(bucket_start)")) {
        return List.of(List.of(Instant.parse("2026-11-02T23:55:00Z")));
      }
      if (table.equals("request_rates")) {
        return List.of(
            List.of(Instant.parse("2026-11-02T23:55:00Z"), 10L, 0L, 80.0),
            java.util.Arrays.asList(Instant.parse("2026-11-02T23:50:00Z"), 10L, 1L, null));
      }
      return List.of();
    }
  }

  @Test
  void theTimeIsAnInstantAnOffsetTimeOrALocalTimeOfTheTeam() {
    WindowSettings s = WindowSettings.defaults();
    assertThat(DeployWindowJob.instant("2026-11-02T11:30Z", s))
        .isEqualTo(Instant.parse("2026-11-02T11:30:00Z"));
    assertThat(DeployWindowJob.instant("2026-11-02T12:30+01:00", s))
        .isEqualTo(Instant.parse("2026-11-02T11:30:00Z"));
    // Berlin: CET in November, CEST in July
    assertThat(DeployWindowJob.instant("2026-11-02T12:30", s))
        .isEqualTo(Instant.parse("2026-11-02T11:30:00Z"));
    assertThat(DeployWindowJob.instant("2026-07-02T12:30", s))
        .isEqualTo(Instant.parse("2026-07-02T10:30:00Z"));
    assertThat(DeployWindowJob.instant("now", s))
        .isBetween(Instant.now().minusSeconds(5), Instant.now());
    assertThatThrownBy(() -> DeployWindowJob.instant("tomorrow", s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--at: bad time 'tomorrow'")
        .hasNoCause();
  }

  @Test
  void optionsAreCheckedBeforeAnythingIsRead() {
    DeployWindowJob.Request r = DeployWindowJob.request(CFG, null, "45m", "JSON");
    assertThat(r.json()).isTrue();
    assertThat(r.duration()).hasMinutes(45);
    assertThat(r.at()).isNull();
    assertThatThrownBy(() -> DeployWindowJob.request(CFG, null, "30m", "csv"))
        .hasMessage("unknown --format 'csv' (use table or json)");
    assertThatThrownBy(() -> DeployWindowJob.request(CFG, null, "soon", "table"))
        .hasMessageStartingWith("--duration: bad duration 'soon'");
  }

  @Test
  void onlyThePartitionsOfTheDaysBeforeThePushAreRead() {
    List<LocalDate> days = List.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 2));
    FakeRows rows = new FakeRows(Map.of("request_rates", days, "ingest_audit", days));
    DeployWindowJob.Result r =
        DeployWindowJob.run(rows, DeployWindowJob.request(CFG, null, "30m", "table"));
    // the default push time: the end of the newest bucket
    assertThat(r.verdict().at()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
    assertThat(rows.asked)
        .containsExactly(
            "request_rates 2026-11-02..2026-11-02",
            "request_rates 2026-10-26..2026-11-02",
            "release_activity 2026-10-26..2026-11-02",
            "deploy_impact 2026-10-26..2026-11-02",
            "deploys 2026-10-26..2026-11-02",
            "app_errors 2026-10-26..2026-11-02");
    assertThat(r.days()).hasSize(8);
    assertThat(r.engine()).isEqualTo("fake");
    assertThat(r.jsonLine())
        .contains(
            "\"at\":\"2026-11-03T00:00:00Z\"", "\"engine\":\"fake\"", "\"rule\":\"freshness\"");
    // a push on a Tuesday at 01:00 Berlin is outside working hours
    assertThat(r.label()).isEqualTo("no-go");
    assertThat(r.kind()).isEqualTo(ExitKind.NO_GO);
    assertThat(r.reason()).isEqualTo("no-go: calendar");
  }

  @Test
  void noSummaryTableAtAllIsNoInput() {
    assertThatThrownBy(
            () ->
                DeployWindowJob.run(
                    new FakeRows(Map.of()), DeployWindowJob.request(CFG, null, "30m", "table")))
        .isInstanceOf(NoInputException.class)
        .hasMessageContaining("no summary tables");
    assertThat(Failures.kind(new NoInputException("x"))).isEqualTo(ExitKind.NO_INPUT);
  }
}
