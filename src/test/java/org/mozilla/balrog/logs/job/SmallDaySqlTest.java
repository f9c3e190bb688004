package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.job.DayFiles.file;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputFile;

class SmallDaySqlTest {
  @Test
  void aDateWithSmallNginxAndSyslogFilesRunsInterpretedWhateverItsElbFiles() {
    Map<LogSource, List<InputFile>> files =
        Map.of(
            LogSource.AUS5,
            List.of(file(LogSource.AUS5, 50L << 30)),
            LogSource.ADMIN_NGINX_ACCESS,
            List.of(file(LogSource.ADMIN_NGINX_ACCESS, SmallDaySql.MAX_BYTES / 2)),
            LogSource.SYSLOG_WEB,
            List.of(file(LogSource.SYSLOG_WEB, SmallDaySql.MAX_BYTES / 2)));
    assertThat(SmallDaySql.forDay(files, k -> false, 6))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "spark.sql.codegen.wholeStage", "false",
                "spark.sql.codegen.factoryMode", "NO_CODEGEN",
                "spark.sql.adaptive.enabled", "false",
                "spark.sql.shuffle.partitions", "6"));
    assertThat(SmallDaySql.forDay(Map.of(), k -> false, 2))
        .containsAllEntriesOf(SmallDaySql.INTERPRETED)
        .containsAllEntriesOf(SmallDaySql.notAdaptive(2))
        .hasSize(4);
    assertThat(SmallDaySql.notAdaptive(0)).containsEntry("spark.sql.shuffle.partitions", "1");
  }

  @Test
  void aDateWithMoreNginxAndSyslogBytesKeepsCompiledSql() {
    Map<LogSource, List<InputFile>> files =
        Map.of(
            LogSource.ADMIN_NGINX_ACCESS,
            List.of(file(LogSource.ADMIN_NGINX_ACCESS, SmallDaySql.MAX_BYTES / 2)),
            LogSource.SYSLOG_WEB,
            List.of(
                file(LogSource.SYSLOG_WEB, SmallDaySql.MAX_BYTES / 2),
                file(LogSource.SYSLOG_WEB, 1)));
    assertThat(SmallDaySql.forDay(files, k -> false, 2)).isEmpty();
  }

  @Test
  void aGroupWithASettingGivenByTheUserKeepsTheUsers() {
    for (String key : SmallDaySql.INTERPRETED.keySet()) {
      assertThat(SmallDaySql.forDay(Map.of(), Set.of(key)::contains, 2))
          .as(key)
          .isEqualTo(SmallDaySql.notAdaptive(2));
    }
    assertThat(SmallDaySql.forDay(Map.of(), Set.of("spark.sql.adaptive.enabled")::contains, 2))
        .isEqualTo(SmallDaySql.INTERPRETED);
    // local sessions are started with shuffle partitions set (SparkSessions): not a choice to keep
    // once adaptive execution is off
    assertThat(SmallDaySql.forDay(Map.of(), Set.of("spark.sql.shuffle.partitions")::contains, 2))
        .containsAllEntriesOf(SmallDaySql.INTERPRETED)
        .containsAllEntriesOf(SmallDaySql.notAdaptive(2));
  }
}
