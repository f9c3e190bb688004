package org.mozilla.balrog.logs.deploy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mozilla.balrog.logs.model.ElbWindowMinute;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.TimeWindow;

/**
 * What a {@link DeployAnalysis} reads, given by the job that runs it: the analysis decides which
 * days and windows it needs, the job finds, selects, opens and scans the files (or reuses scans it
 * already has) and counts what it considered and read. Scans have the bookkeeping columns of {@link
 * org.mozilla.balrog.logs.model.ScanRow} ({@code _kind} and the file counts), {@code log_date}, and
 * the event columns {@link DeployAnalysis#columns} names for the source's format.
 *
 * <p>{@link #elbMinutes} is called from a driver thread of its own while {@link #scan} is called
 * from another, so an input must take both at once.
 */
public interface DeployInput {
  /**
   * The scan of {@code source}'s files delivered on the days {@code from} to {@code to}, or null
   * when there are none.
   */
  Dataset<Row> scan(LogSource source, LocalDate from, LocalDate to);

  /**
   * The per-minute counts of an ELB source's files delivered on the days {@code from} to {@code to}
   * inside {@code windows} (window indexes are positions in this list), counted by the scan tasks;
   * only the files whose time range may overlap a window are read. Empty when there are none.
   */
  List<ElbWindowMinute> elbMinutes(
      LogSource source, LocalDate from, LocalDate to, List<TimeWindow> windows);

  /** Fails, as the job reports missing input, when no source has a file for {@code day}. */
  void requireSomeInput(LocalDate day);

  /** The delivery days of the files of {@code source} read so far. */
  Set<LocalDate> daysRead(LogSource source);

  /**
   * The error signatures of the earlier days {@code from} to {@code to} (earlier {@code app_errors}
   * partitions); empty when there are no earlier tables.
   */
  List<KnownSignature> knownSignatures(LocalDate from, LocalDate to);

  /** Counts the lines and rejected lines of every scan made (one Spark action). */
  void countLines();

  /**
   * Files considered and read per source, with the lines and rejected lines {@link #countLines}
   * counted.
   */
  List<SourceInput> summary();

  /** The files read and the files taken from scans made before, for the progress line. */
  String filesLine();

  /** A signature of a previous day's {@code app_errors}. */
  record KnownSignature(String app, String signature, LocalDate day) {}
}
