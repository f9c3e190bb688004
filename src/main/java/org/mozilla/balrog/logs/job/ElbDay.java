package org.mozilla.balrog.logs.job;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.model.ElbWindowMinute;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.SourceCounts;
import org.mozilla.balrog.logs.model.TimeWindow;
import org.mozilla.balrog.logs.source.ElbPass;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.ScanProgress;

/**
 * One date's ELB files, read once by one {@link ElbPass} for every table and the audit. The pass
 * starts when first needed: by the day's deploy analysis, with the windows of its web deploys (so
 * their minutes are counted in the same pass), or else by the tables. Driver only; the pass is read
 * by one thread at a time (the analysis reads it from a thread of its own: another thread asking
 * meanwhile waits for it). The tables' writes, which run beside the analysis, ask for it with
 * {@link #afterWindows}: that waits until the analysis has read it or has said it will not ({@link
 * #windowsSettled}). Close to drop the pass's tallies.
 */
final class ElbDay implements AutoCloseable {
  private final SparkSession spark;
  private final LocalDate day;
  private final Map<LogSource, List<InputFile>> files = new EnumMap<>(LogSource.class);
  private final ScanProgress scanned;
  private final long totalFiles;
  private final PrintStream progress;
  private ElbPass.Result result;
  private List<TimeWindow> windows;
  // set by windowsSettled: the deploy analysis asks for no windows any more (or failed)
  private boolean settled;
  private boolean abandoned;

  /** The ELB sources' files among {@code all} (the day's files of every source). */
  ElbDay(
      SparkSession spark,
      LocalDate day,
      Map<LogSource, List<InputFile>> all,
      ScanProgress scanned,
      long totalFiles,
      PrintStream progress) {
    this.spark = spark;
    this.day = day;
    all.forEach(
        (s, fs) -> {
          if (s.format() == LogFormat.ELB && !fs.isEmpty()) {
            files.put(s, List.copyOf(fs));
          }
        });
    this.scanned = scanned;
    this.totalFiles = totalFiles;
    this.progress = progress;
  }

  /** Whether {@code source} is an ELB source (whose files this day reads). */
  static boolean reads(LogSource source) {
    return source.format() == LogFormat.ELB;
  }

  /** The paths of {@code source}'s files of the day. */
  Set<String> paths(LogSource source) {
    Set<String> out = new HashSet<>();
    files.getOrDefault(source, List.of()).forEach(f -> out.add(f.path()));
    return out;
  }

  /** The pass, read now if it has not been (without windows). */
  ElbPass.Result result() {
    return result(List.of());
  }

  /**
   * The pass, read now with {@code w} if it has not been.
   *
   * @throws IllegalStateException when it was read with other windows than a non-empty {@code w}
   */
  synchronized ElbPass.Result result(List<TimeWindow> w) {
    if (result == null) {
      windows = List.copyOf(w);
      try (ProgressPrinter p =
          new ProgressPrinter(
              day.toString(), scanned, totalFiles, progress, DailyJob.PROGRESS_SECONDS)) {
        result = ElbPass.run(spark, files, day, windows, scanned).read();
      }
      notifyAll(); // a thread in afterWindows
      counts().forEach(c -> DayScans.print(progress, c));
    } else if (!w.isEmpty() && !w.equals(windows)) {
      throw new IllegalStateException(
          "the day's ELB files were counted for other windows: " + windows + ", not " + w);
    }
    return result;
  }

  /**
   * Says that the day's deploy analysis has ended: it will ask for no (more) windows, so {@link
   * #afterWindows} may read the pass without them.
   *
   * @param failed whether the analysis failed: then {@link #afterWindows} does not read the pass
   */
  synchronized void windowsSettled(boolean failed) {
    settled = true;
    abandoned = failed;
    notifyAll();
  }

  /**
   * The pass once its windows are settled: waits until the deploy analysis has read it (with its
   * windows) or has ended ({@link #windowsSettled}), and reads it now, without windows, if the
   * analysis did not.
   *
   * @return null when the analysis failed before the pass was read (the pass is not read then)
   */
  synchronized ElbPass.Result afterWindows() {
    boolean interrupted = false;
    while (result == null && !settled) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return result == null && abandoned ? null : result();
  }

  /** The minute counts of {@code source}'s files of the day inside {@code w}. */
  List<ElbWindowMinute> minutes(LogSource source, List<TimeWindow> w) {
    return result(w).windowMinutes().stream().filter(m -> m.source().equals(source.id())).toList();
  }

  /** The audit counts of every ELB source (none for a source without files), in source order. */
  List<SourceCounts> counts() {
    Map<LogSource, SourceCounts> audit = result().audit();
    List<SourceCounts> out = new ArrayList<>();
    for (LogSource s : LogSource.values()) {
      if (reads(s)) {
        out.add(audit.getOrDefault(s, SourceCounts.empty(s.id())));
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (result != null) {
      result.close();
    }
  }
}
