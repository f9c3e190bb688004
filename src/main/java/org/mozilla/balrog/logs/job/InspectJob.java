package org.mozilla.balrog.logs.job;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.source.FormatDetector;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.source.NoInputException;

/**
 * {@code inspect PATH...}: per file, lines read, lines parsed, lines rejected per reason with a few
 * redacted samples, rows produced, and whether the file was damaged (e.g. truncated gzip: the lines
 * before the damage are counted and the run goes on). Every line read is parsed or rejected: {@code
 * parsed + rejected = lines} per file.
 */
public final class InspectJob {
  private InspectJob() {}

  /** What inspect found in one file. */
  public record FileReport(
      String source,
      String path,
      long lines,
      long parsedLines,
      long rejected,
      long rows,
      long bytes,
      String damage,
      Map<String, Long> rejectedByReason,
      List<Sample> samples) {}

  /** A rejected line (IP addresses redacted, truncated). */
  public record Sample(long line, String reason, String text) {}

  public record Result(List<FileReport> files, List<String> unknownFiles) {
    public long lines() {
      return files.stream().mapToLong(FileReport::lines).sum();
    }

    public long parsedLines() {
      return files.stream().mapToLong(FileReport::parsedLines).sum();
    }

    public long rejected() {
      return files.stream().mapToLong(FileReport::rejected).sum();
    }
  }

  public static Result run(SparkSession spark, List<String> paths) {
    List<String> unknown = new ArrayList<>();
    List<InputFile> files =
        new InputDiscovery(spark.sparkContext().hadoopConfiguration())
            .explicitFiles(paths, new FormatDetector(), unknown);
    if (files.isEmpty() && unknown.isEmpty()) {
      throw new NoInputException("no files under " + String.join(", ", paths));
    }
    Map<String, FileReport> byPath = new TreeMap<>();
    Map<String, Map<String, Long>> reasons = new HashMap<>();
    Map<String, List<Sample>> samples = new HashMap<>();
    for (Map.Entry<LogFormat, Dataset<Row>> e : LogScan.scanByFormat(spark, files).entrySet()) {
      Dataset<Row> meta =
          e.getValue()
              .where(col(ScanRow.KIND).notEqual(ScanRow.KIND_EVENT))
              .select(
                  ScanRow.KIND,
                  ScanRow.FILE,
                  ScanRow.SOURCE,
                  ScanRow.LINE,
                  ScanRow.REASON,
                  ScanRow.SAMPLE,
                  ScanRow.LINES,
                  ScanRow.PARSED_LINES,
                  ScanRow.REJECTED,
                  ScanRow.EVENTS,
                  ScanRow.BYTES,
                  ScanRow.DAMAGE)
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        for (Row r :
            meta.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_REJECT))
                .groupBy(ScanRow.FILE, ScanRow.REASON)
                .count()
                .collectAsList()) {
          reasons
              .computeIfAbsent(r.getString(0), k -> new TreeMap<>())
              .put(r.getString(1), r.getLong(2));
        }
        for (Row r :
            meta.where(col(ScanRow.SAMPLE).isNotNull())
                .orderBy(ScanRow.FILE, ScanRow.LINE)
                .collectAsList()) {
          samples
              .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
              .add(new Sample(r.getLong(3), r.getString(4), r.getString(5)));
        }
        for (Row r : meta.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_FILE)).collectAsList()) {
          String path = r.getString(1);
          byPath.put(
              path,
              new FileReport(
                  r.getString(2),
                  path,
                  r.getLong(6),
                  r.getLong(7),
                  r.getLong(8),
                  r.getLong(9),
                  r.getLong(10),
                  r.getString(11),
                  reasons.getOrDefault(path, Map.of()),
                  samples.getOrDefault(path, List.of())));
        }
      } finally {
        meta.unpersist();
      }
    }
    return new Result(new ArrayList<>(byPath.values()), unknown);
  }

  /** Prints the report: one line per file, then rejected samples, then totals per source. */
  public static void print(Result result, PrintStream out) {
    String fmt = "%-20s %12s %12s %10s %12s  %s%n";
    out.printf(Locale.ROOT, fmt, "SOURCE", "LINES", "PARSED", "REJECTED", "ROWS", "FILE");
    Map<String, long[]> perSource = new TreeMap<>();
    for (FileReport f : result.files()) {
      out.printf(
          Locale.ROOT,
          fmt,
          f.source(),
          f.lines(),
          f.parsedLines(),
          f.rejected(),
          f.rows(),
          f.path());
      if (f.damage() != null) {
        out.printf(
            Locale.ROOT,
            "%20s   !! %s; %d lines before the damage were counted%n",
            "",
            f.damage(),
            f.lines());
      }
      if (!f.rejectedByReason().isEmpty()) {
        StringBuilder sb = new StringBuilder();
        f.rejectedByReason()
            .forEach(
                (k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        out.printf(Locale.ROOT, "%20s   rejected: %s%n", "", sb);
        for (Sample s : f.samples()) {
          out.printf(Locale.ROOT, "%20s     line %d [%s] %s%n", "", s.line(), s.reason(), s.text());
        }
      }
      long[] t = perSource.computeIfAbsent(f.source(), k -> new long[5]);
      t[0]++;
      t[1] += f.lines();
      t[2] += f.parsedLines();
      t[3] += f.rejected();
      t[4] += f.damage() != null ? 1 : 0;
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "%-20s %6s %12s %12s %10s %8s %8s%n",
        "SOURCE",
        "FILES",
        "LINES",
        "PARSED",
        "REJECTED",
        "REJ %",
        "DAMAGED");
    perSource.forEach(
        (s, t) ->
            out.printf(
                Locale.ROOT,
                "%-20s %6d %12d %12d %10d %7.3f%% %8d%n",
                s,
                t[0],
                t[1],
                t[2],
                t[3],
                t[1] == 0 ? 0.0 : 100.0 * t[3] / t[1],
                t[4]));
    out.printf(
        Locale.ROOT,
        "total: %d files, %d lines = %d parsed + %d rejected%n",
        result.files().size(),
        result.lines(),
        result.parsedLines(),
        result.rejected());
    for (String u : result.unknownFiles()) {
      out.printf(Locale.ROOT, "skipped (format not recognised): %s%n", u);
    }
  }
}
