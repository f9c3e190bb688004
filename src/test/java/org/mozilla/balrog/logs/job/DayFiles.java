package org.mozilla.balrog.logs.job;

import java.time.LocalDate;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputFile;

/** Input files of one day, for tests that look only at their sources and sizes. */
final class DayFiles {
  static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  private DayFiles() {}

  /** A file of {@code source} on {@link #DAY} of {@code size} bytes (never opened). */
  static InputFile file(LogSource source, long size) {
    return new InputFile("/logs/" + source.id() + "/" + size, source, source.format(), DAY, size);
  }
}
