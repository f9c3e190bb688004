package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.deploy.SourceInput;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputFile;

class InputLedgerTest {
  static InputFile f(LogSource s, String name) {
    return new InputFile("file:/x/" + name, s, s.format(), LocalDate.of(2026, 11, 2), 1);
  }

  @Test
  void countsFilesFoundAndReadPerSourceOnce() {
    InputLedger l = new InputLedger();
    l.consider(
        LogSource.AUS5,
        List.of(f(LogSource.AUS5, "a"), f(LogSource.AUS5, "b"), f(LogSource.AUS5, "c")));
    l.read(LogSource.AUS5, List.of(f(LogSource.AUS5, "b")));
    l.consider(LogSource.AUS5, List.of(f(LogSource.AUS5, "a")));
    l.read(LogSource.SYSLOG_WEB, List.of(f(LogSource.SYSLOG_WEB, "w")));
    l.read(LogSource.SYSLOG_WEB, List.of(f(LogSource.SYSLOG_WEB, "w")));
    l.counted(LogSource.AUS5, 100, 2);
    l.counted(LogSource.AUS5, 50, 0);
    assertThat(l.summary())
        .containsExactly(
            new SourceInput("aus5", 3, 1, 150, 2), new SourceInput("syslog_web", 1, 1, 0, 0));
    assertThat(l.wasRead(LogSource.AUS5, f(LogSource.AUS5, "b"))).isTrue();
    assertThat(l.wasRead(LogSource.AUS5, f(LogSource.AUS5, "a"))).isFalse();
  }
}
