package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.job.DayFiles.file;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputFile;

class DayScansTest {
  /**
   * The audit job's tasks start with the source of the most bytes (summed over its files), so the
   * longest task does not start last; the ELB sources and sources without files are left out.
   */
  @Test
  void theSourcesWithTheMostBytesComeFirst() {
    Map<LogSource, List<InputFile>> files =
        Map.of(
            LogSource.ADMIN_NGINX_ACCESS,
            List.of(file(LogSource.ADMIN_NGINX_ACCESS, 300)),
            LogSource.ADMIN_NGINX_ERROR,
            List.of(file(LogSource.ADMIN_NGINX_ERROR, 10)),
            LogSource.SYSLOG_ADMIN,
            List.of(file(LogSource.SYSLOG_ADMIN, 10)),
            LogSource.SYSLOG_WEB,
            List.of(file(LogSource.SYSLOG_WEB, 200), file(LogSource.SYSLOG_WEB, 200)),
            LogSource.SYSLOG_AGENT,
            List.of(),
            LogSource.AUS5,
            List.of(file(LogSource.AUS5, 1 << 30)));

    assertThat(DayScans.largestFirst(files))
        .containsExactly(
            LogSource.SYSLOG_WEB,
            LogSource.ADMIN_NGINX_ACCESS,
            LogSource.ADMIN_NGINX_ERROR,
            LogSource.SYSLOG_ADMIN);
  }
}
