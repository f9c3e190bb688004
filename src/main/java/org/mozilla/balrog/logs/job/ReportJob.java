package org.mozilla.balrog.logs.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.report.HtmlReport;
import org.mozilla.balrog.logs.report.ReportData;
import org.mozilla.balrog.logs.report.ReportData.PushWindow;
import org.mozilla.balrog.logs.report.ReportLoader;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.NoInputException;
import org.mozilla.balrog.logs.window.Call;
import org.mozilla.balrog.logs.window.Reason;
import org.mozilla.balrog.logs.window.WindowVerdict;

/**
 * {@code report}: one date of the summary tables (from the output root) as a self-contained HTML
 * file. The date must have an {@code ingest_audit} partition (the daily job ran for it); the other
 * tables may be missing or empty, their sections then say so. The push windows of the last days are
 * judged with {@code deploy-window}'s rules ({@link DeployWindowJob#grid}).
 */
public final class ReportJob {
  /** How long each push of the push-window grid takes. */
  static final String PUSH_DURATION = "30m";

  /** One push of the grid every this. */
  static final Duration PUSH_STEP = Duration.ofHours(1);

  private ReportJob() {}

  /** The written file and the data in it. */
  public record Result(Path file, ReportData data) {
    /** One line on what the report shows, for the console. */
    public String summaryLine() {
      return data.summaryLine();
    }
  }

  /**
   * @param date the date to report; null for the latest date with an {@code ingest_audit} partition
   * @param out the HTML file, replaced atomically (written next to it, then renamed)
   * @throws NoInputException when there is no {@code ingest_audit} partition for the date (or none
   *     at all)
   */
  public static Result run(SparkSession spark, JobConfig cfg, LocalDate date, Path out) {
    if (cfg.output() == null) {
      throw new IllegalArgumentException(
          "report reads the summary tables: give their root with --output ROOT");
    }
    checkOut(out);
    String root = cfg.output();
    LocalDate day =
        date != null
            ? date
            : ReportLoader.latestAuditDate(spark, root)
                .orElseThrow(
                    () ->
                        new NoInputException(
                            "no "
                                + SummaryTables.INGEST_AUDIT.name()
                                + " partition under "
                                + root
                                + ": the daily job has not run there (run 'balrog-logs daily'"
                                + " first)"));
    if (!ReportLoader.hasAudit(spark, root, day)) {
      throw new NoInputException(
          "no "
              + SummaryTables.INGEST_AUDIT.name()
              + " partition for "
              + day
              + " under "
              + root
              + ": nothing ran that day (run 'balrog-logs daily --date "
              + day
              + "' first)");
    }
    ReportData data =
        ReportLoader.load(spark, root, day, JobVersion.get())
            .withPushWindows(pushWindows(spark, cfg, day));
    write(out, HtmlReport.render(data));
    return new Result(out, data);
  }

  /**
   * The deploy-window verdict of a {@link #PUSH_DURATION} push every {@link #PUSH_STEP} of the
   * {@link ReportData#PUSH_WINDOW_DAYS} UTC days ending on {@code day}, each table read once:
   * through the embedded DuckDB when {@link DeployWindowJob#embeddable}, else through Spark.
   */
  static List<PushWindow> pushWindows(SparkSession spark, JobConfig cfg, LocalDate day) {
    Instant from =
        day.minusDays(ReportData.PUSH_WINDOW_DAYS - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    DeployWindowJob.Request req =
        DeployWindowJob.request(cfg, from.toString(), PUSH_DURATION, "table");
    List<DeployWindowJob.Result> results =
        DeployWindowJob.embeddable(cfg)
            ? DeployWindowJob.gridEmbedded(cfg, req, to, PUSH_STEP)
            : DeployWindowJob.grid(spark, cfg, req, to, PUSH_STEP);
    return results.stream().map(r -> pushWindow(r.verdict())).toList();
  }

  /** A verdict as the report shows it: go, caution or no-go, and the rules that were not go. */
  static PushWindow pushWindow(WindowVerdict v) {
    return new PushWindow(
        v.at(),
        v.call().label(),
        v.reasons().stream().filter(r -> r.call() != Call.GO).map(Reason::rule).toList());
  }

  /** Rejects an output path that is a folder (before any Spark work). */
  public static void checkOut(Path out) {
    if (Files.isDirectory(out)) {
      throw new IllegalArgumentException(
          "--out " + out + " is a folder; give a file name such as report.html");
    }
  }

  /**
   * Writes {@code text} to a new file next to {@code out}, then renames it over {@code out}: a
   * reader sees the old file or the new one, never half a report. Creates missing parent folders.
   */
  static void write(Path out, String text) {
    Path target = out.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(dir);
      try (Writer w =
          Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
        w.write(text);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the report to " + out + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // the rename failed and so does the clean-up: the error above is the one to report
      }
    }
  }
}
