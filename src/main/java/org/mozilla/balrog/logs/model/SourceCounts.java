package org.mozilla.balrog.logs.model;

import java.util.List;
import java.util.Map;

/**
 * What a run read of one source: the counts of an {@code ingest_audit} row. {@code parsed +
 * rejected = lines}. {@code damagedFiles} counts files whose data was damaged (their lines before
 * the damage are counted), {@code unreadableFiles} files that could not be opened or read at all;
 * {@code problems} names the first of both (path and what happened).
 */
public record SourceCounts(
    String source,
    long files,
    long bytes,
    long lines,
    long parsed,
    long rejected,
    Map<String, Long> rejectedByReason,
    long rows,
    long damagedFiles,
    long unreadableFiles,
    List<String> problems) {

  public SourceCounts {
    problems = List.copyOf(problems);
  }

  /** Counts without failed reads. */
  public SourceCounts(
      String source,
      long files,
      long bytes,
      long lines,
      long parsed,
      long rejected,
      Map<String, Long> rejectedByReason,
      long rows,
      long damagedFiles) {
    this(
        source,
        files,
        bytes,
        lines,
        parsed,
        rejected,
        rejectedByReason,
        rows,
        damagedFiles,
        0,
        List.of());
  }

  public double rejectRatio() {
    return rejectRatio(rejected, lines);
  }

  /**
   * Rejected lines as a fraction of lines, 0 without lines: the one definition of a source's reject
   * ratio ({@code --max-reject-ratio}, the summary JSON, the report).
   */
  public static double rejectRatio(long rejected, long lines) {
    return lines == 0 ? 0.0 : (double) rejected / lines;
  }

  public static SourceCounts empty(String source) {
    return new SourceCounts(source, 0, 0, 0, 0, 0, Map.of(), 0, 0);
  }
}
