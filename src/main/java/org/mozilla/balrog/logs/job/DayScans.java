package org.mozilla.balrog.logs.job;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.mozilla.balrog.logs.metrics.IngestAudit;
import org.mozilla.balrog.logs.metrics.ScanProjection;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.SourceCounts;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.source.ScanProgress;

/**
 * One date's nginx and syslog inputs (the ELB sources' files are read by {@link ElbDay}), each file
 * read once for the audit and every table: every such source with files is scanned, narrowed to
 * what the tables and the audit read ({@link ScanProjection}: no raw address), persisted
 * (serialized, spilling to disk) and counted for the audit in one Spark job for all of them, which
 * materialises them. The tables then read the persisted rows. Driver only; close to unpersist.
 */
final class DayScans implements AutoCloseable {
  private final Map<LogSource, Dataset<Row>> scans = new EnumMap<>(LogSource.class);
  private final List<SourceCounts> counts = new ArrayList<>();

  private DayScans() {}

  /**
   * Scans every nginx and syslog source of {@code files} (the largest first: {@link
   * #largestFirst}), printing one line per source, in source order.
   */
  static DayScans scan(
      SparkSession spark,
      Map<LogSource, List<InputFile>> files,
      ScanProgress scanned,
      PrintStream progress) {
    DayScans d = new DayScans();
    try {
      Map<String, Dataset<Row>> narrowed = new LinkedHashMap<>();
      for (LogSource source : largestFirst(files)) {
        Dataset<Row> narrow =
            ScanProjection.narrow(
                    LogScan.scan(spark, source.format(), files.get(source), scanned), source)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        d.scans.put(source, narrow);
        narrowed.put(source.id(), narrow);
      }
      // one job reads, persists and counts them all; its tasks in the order of narrowed
      Map<String, SourceCounts> counted = IngestAudit.ofScans(narrowed);
      for (LogSource source : LogSource.values()) {
        if (ElbDay.reads(source)) {
          continue; // read by the day's ELB pass (ElbDay)
        }
        SourceCounts c = counted.getOrDefault(source.id(), SourceCounts.empty(source.id()));
        d.counts.add(c);
        print(progress, c);
      }
      return d;
    } catch (RuntimeException e) {
      d.close();
      throw e;
    }
  }

  /**
   * The nginx and syslog sources with files, those with the most bytes first (then in source
   * order): the audit job's tasks start in that order, so the longest start first rather than last
   * while the other task slots idle (the ELB pass waits for this job and the deploy markers).
   */
  static List<LogSource> largestFirst(Map<LogSource, List<InputFile>> files) {
    List<LogSource> out = new ArrayList<>();
    for (LogSource source : LogSource.values()) {
      if (!ElbDay.reads(source) && !files.getOrDefault(source, List.of()).isEmpty()) {
        out.add(source);
      }
    }
    out.sort(
        Comparator.comparingLong(
                (LogSource source) -> files.get(source).stream().mapToLong(InputFile::size).sum())
            .reversed());
    return out;
  }

  /** Prints the audit line of one source (and its damaged or unreadable files). */
  static void print(PrintStream progress, SourceCounts c) {
    progress.printf(
        Locale.ROOT,
        "  %-18s %5d files %,14d lines %,12d rejected%s%s%n",
        c.source(),
        c.files(),
        c.lines(),
        c.rejected(),
        c.damagedFiles() == 0
            ? ""
            : String.format(
                Locale.ROOT, ", %d damaged files (lines before the damage kept)", c.damagedFiles()),
        c.unreadableFiles() == 0
            ? ""
            : String.format(Locale.ROOT, ", %d UNREADABLE files", c.unreadableFiles()));
    for (String p : c.problems()) {
      progress.printf(Locale.ROOT, "      !! %s%n", p);
    }
  }

  /** The persisted scan rows (all {@code _kind}s) of each source that had files. */
  Map<LogSource, Dataset<Row>> bySource() {
    return Collections.unmodifiableMap(scans);
  }

  /** Audit counts of every nginx and syslog source, in source order. */
  List<SourceCounts> counts() {
    return List.copyOf(counts);
  }

  @Override
  public void close() {
    scans.values().forEach(Dataset::unpersist);
  }
}
