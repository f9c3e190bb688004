package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputFile;

class InterpretedSqlTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  private static InputFile file(LogSource source, long size) {
    return new InputFile("/logs/" + source.id() + "/" + size, source, source.format(), DAY, size);
  }

  @Test
  void aDateWithSmallNginxAndSyslogFilesRunsInterpretedWhateverItsElbFiles() {
    Map<LogSource, List<InputFile>> files =
        Map.of(
            LogSource.AUS5,
            List.of(file(LogSource.AUS5, 50L << 30)),
            LogSource.ADMIN_NGINX_ACCESS,
            List.of(file(LogSource.ADMIN_NGINX_ACCESS, InterpretedSql.MAX_BYTES / 2)),
            LogSource.SYSLOG_WEB,
            List.of(file(LogSource.SYSLOG_WEB, InterpretedSql.MAX_BYTES / 2)));
    assertThat(InterpretedSql.forDay(files, k -> false))
        .isEqualTo(InterpretedSql.SETTINGS)
        .containsEntry("spark.sql.codegen.wholeStage", "false")
        .containsEntry("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    assertThat(InterpretedSql.forDay(Map.of(), k -> false)).isEqualTo(InterpretedSql.SETTINGS);
  }

  @Test
  void aDateWithMoreNginxAndSyslogBytesKeepsCompiledSql() {
    Map<LogSource, List<InputFile>> files =
        Map.of(
            LogSource.ADMIN_NGINX_ACCESS,
            List.of(file(LogSource.ADMIN_NGINX_ACCESS, InterpretedSql.MAX_BYTES / 2)),
            LogSource.SYSLOG_WEB,
            List.of(
                file(LogSource.SYSLOG_WEB, InterpretedSql.MAX_BYTES / 2),
                file(LogSource.SYSLOG_WEB, 1)));
    assertThat(InterpretedSql.forDay(files, k -> false)).isEmpty();
  }

  @Test
  void eitherSettingGivenByTheUserHolds() {
    for (String key : InterpretedSql.SETTINGS.keySet()) {
      assertThat(InterpretedSql.forDay(Map.of(), Set.of(key)::contains)).as(key).isEmpty();
    }
    assertThat(InterpretedSql.forDay(Map.of(), Set.of("spark.sql.shuffle.partitions")::contains))
        .isEqualTo(InterpretedSql.SETTINGS);
  }
}
