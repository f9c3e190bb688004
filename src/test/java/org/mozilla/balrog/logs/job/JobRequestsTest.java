package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * The typed requests of {@code daily} built from what the command line collected, without Spark.
 */
class JobRequestsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  private static JobRequests.DailyArgs args(int lookbackDays) {
    return new JobRequests.DailyArgs(
        DAY,
        DAY,
        lookbackDays,
        0.01,
        0,
        List.of(" aus5"),
        new JobRequests.DeclaredDeploys(List.of("v1@2026-11-02T14:00Z"), null),
        true);
  }

  @Test
  void dailyOptionsCarryEverySetting() {
    JobConfig cfg =
        JobSettings.toConfig(
            Map.of(
                "population.lg-k", "12",
                "population.min-clients", "7",
                "lock.stale-after", "2m"),
            "/in",
            "/out",
            null,
            false);
    DailyJob.Options o = JobRequests.daily(cfg, args(2));
    assertThat(o.from()).isEqualTo(DAY.minusDays(2));
    assertThat(o.to()).isEqualTo(DAY);
    assertThat(o.lgK()).isEqualTo(12);
    assertThat(o.minClients()).isEqualTo(7);
    assertThat(o.requiredSources()).containsExactly(LogSource.byName("aus5"));
    assertThat(o.declared()).extracting(d -> d.id()).containsExactly("v1");
    assertThat(o.lock().staleAfter()).hasMinutes(2);
    assertThat(o.lock().breakStale()).isTrue();
  }

  @Test
  void aLocationForEverySourceStandsInForTheInputRoot() {
    Map<String, String> settings = new HashMap<>();
    for (LogSource s : LogSource.values()) {
      settings.put("source." + s.id() + ".location", "/logs/" + s.id() + "/{date}/");
    }
    JobConfig all = JobSettings.toConfig(settings, null, "/out", null, false);
    assertThat(JobRequests.daily(all, args(0)).from()).isEqualTo(DAY);
    settings.remove("source." + LogSource.values()[0].id() + ".location");
    JobConfig some = JobSettings.toConfig(settings, null, "/out", null, false);
    assertThatThrownBy(() -> JobRequests.daily(some, args(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("daily needs --input ROOT (or a source.<id>.location for every source)");
  }

  @Test
  void failuresAreClassifiedForTheExitCode() {
    assertThat(Failures.kind(new IllegalArgumentException("bad"))).isEqualTo(ExitKind.USAGE);
    assertThat(Failures.kind(new RuntimeException(new IllegalArgumentException("deep"))))
        .isEqualTo(ExitKind.FAILURE);
    assertThat(
            Failures.kind(
                new RuntimeException(new org.mozilla.balrog.logs.source.NoInputException("none"))))
        .isEqualTo(ExitKind.NO_INPUT);
    assertThat(Failures.kind(new DataQualityException("rejects"))).isEqualTo(ExitKind.DATA_QUALITY);
    RuntimeException noInput = new org.mozilla.balrog.logs.source.NoInputException("no input");
    noInput.initCause(new IllegalStateException("inner"));
    RuntimeException wrapped = new RuntimeException("outer", noInput);
    assertThat(Failures.userCause(wrapped).getMessage()).isEqualTo("no input");
  }
}
