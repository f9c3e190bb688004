package org.mozilla.balrog.logs.job;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mozilla.balrog.logs.model.SourceCounts;

/**
 * How a {@code daily} run ended, from its {@link DailyJob.DayResult}s: {@link ExitKind#NO_INPUT}
 * when some date had no input (nothing was written for it); else {@link ExitKind#DATA_QUALITY} when
 * a date had too many damaged files or a source over the reject threshold (their partitions were
 * written anyway); else {@link ExitKind#OK}.
 *
 * @param problems one line per date over a threshold, for the user
 * @param reason why the run ended so, for the summary ({@code ok} when it did not fail)
 */
public record DailyOutcome(ExitKind kind, List<String> problems, String reason) {
  public DailyOutcome {
    problems = List.copyOf(problems);
  }

  public static DailyOutcome of(List<DailyJob.DayResult> results) {
    ExitKind kind = ExitKind.OK;
    List<String> problems = new ArrayList<>();
    List<String> why = new ArrayList<>();
    for (DailyJob.DayResult r : results) {
      if (r.noInput() != null) {
        kind = ExitKind.NO_INPUT;
        why.add(r.day() + ": " + r.noInput());
        continue;
      }
      if (r.tooManyDamaged()) {
        problems.add(
            String.format(
                Locale.ROOT,
                "%s: %d damaged files, over --max-damaged-files %d (their lines before the damage"
                    + " were counted and the tables written): %s",
                r.day(),
                r.damagedFiles(),
                r.maxDamagedFiles(),
                r.sources().stream().flatMap(s -> s.problems().stream()).limit(3).toList()));
        why.add(r.day() + ": " + r.damagedFiles() + " damaged files");
        kind = kind == ExitKind.NO_INPUT ? kind : ExitKind.DATA_QUALITY;
      }
      for (SourceCounts s : r.overThreshold()) {
        problems.add(
            String.format(
                Locale.ROOT,
                "%s: %s rejected %d of %d lines (%.3f %%), over --max-reject-ratio %.3f %%: %s",
                r.day(),
                s.source(),
                s.rejected(),
                s.lines(),
                100 * s.rejectRatio(),
                100 * r.maxRejectRatio(),
                s.rejectedByReason()));
        why.add(r.day() + ": " + s.source() + " rejected-line ratio over threshold");
        kind = kind == ExitKind.NO_INPUT ? kind : ExitKind.DATA_QUALITY;
      }
    }
    return new DailyOutcome(kind, problems, kind == ExitKind.OK ? "ok" : String.join("; ", why));
  }

  /** Prints {@link #problems}, one a line. */
  public void report(PrintStream out) {
    problems.forEach(out::println);
    out.flush();
  }
}
