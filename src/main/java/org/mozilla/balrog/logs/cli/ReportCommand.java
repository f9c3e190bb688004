package org.mozilla.balrog.logs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.ReportJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code report}: a self-contained HTML report of one date from the summary tables. */
@Command(
    name = "report",
    header = "Write a self-contained HTML report of one date from the summary tables.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write one self-contained HTML file (no network needed to view it) for a date, from the"
          + " summary tables under --output: update 5xx rate and latency over the day with deploy"
          + " markers, clients by version per channel, top and new error signatures, the deploy"
          + " verdicts and the ingest audit. The chart data is embedded as JSON (<script"
          + " id=\"report-data\">). Exit 4 when the daily job has not run for the date (no"
          + " ingest_audit partition)."
    },
    footer = {
      "",
      "Example:",
      "  balrog-logs report --output demo/summary --date 2026-11-02 --out report.html"
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand BalrogLogsCommand root;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "Date to report (default: the latest date with an ingest_audit partition).")
  LocalDate date;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.html",
      description = "HTML file to write (replaced).")
  Path out;

  @Override
  public Integer call() throws Exception {
    JobConfig cfg = root.global.toConfig();
    if (cfg.output() == null) {
      throw new IllegalArgumentException(
          "report reads the summary tables: give their root with --output ROOT");
    }
    ReportJob.checkOut(out);
    ReportJob.Result result;
    try (SparkSession spark = Commands.session(cfg, "balrog-logs report")) {
      result = ReportJob.run(spark, cfg, date, out);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println(result.file().toAbsolutePath());
    w.println(result.summaryLine());
    w.flush();
    return ExitCode.OK;
  }
}
