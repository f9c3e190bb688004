package org.mozilla.balrog.logs.cli;

import java.util.Locale;
import java.util.Map;
import org.mozilla.balrog.logs.gen.GeneratorResult;
import org.mozilla.balrog.logs.model.LogSource;

/** The text {@code generate} prints when it is done. */
final class GeneratorSummary {
  private GeneratorSummary() {}

  static String describe(GeneratorResult r) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<LogSource, Long> e : r.linesPerSource().entrySet()) {
      sb.append(
          String.format(Locale.ROOT, "%-40s %,12d lines%n", e.getKey().viewName(), e.getValue()));
    }
    double secs = r.elapsedMs() / 1000.0;
    sb.append(
        String.format(
            Locale.ROOT,
            "%,d lines in %.1f s (%,.0f lines/s); ground truth: %s",
            r.totalLines(),
            secs,
            secs > 0 ? r.totalLines() / secs : 0.0,
            r.manifest()));
    return sb.toString();
  }
}
