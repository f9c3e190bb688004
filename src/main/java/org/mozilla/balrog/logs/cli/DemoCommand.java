package org.mozilla.balrog.logs.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.job.DailyOutcome;
import org.mozilla.balrog.logs.job.DemoJob;
import org.mozilla.balrog.logs.job.JobConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code demo}: the embedded default, on generated data. */
@Command(
    name = "demo",
    header =
        "Generate two days of sample logs, run daily and deploy-impact on them, print the results.",
    mixinStandardHelpOptions = true,
    description = {
      "Generate two days of sample logs (with a clean and a regression deploy) into --out, run"
          + " daily on them (summary tables in OUT/summary) and print the top versions per channel"
          + " with client estimates, rolling clients, update requests per product/channel and the"
          + " 5xx per hour around the bad deploy; run deploy-impact on both days (verdict tables of"
          + " the detected deploys); write the HTML report of the second day to OUT/report.html."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand BalrogLogsCommand root;

  @Option(
      names = "--out",
      defaultValue = "demo",
      paramLabel = "DIR",
      description =
          "Folder for the demo's logs, summary tables and report (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--clients",
      defaultValue = "20000",
      description = "Simulated installs (default: ${DEFAULT-VALUE}).")
  int clients;

  @Override
  public Integer call() throws Exception {
    PrintStream out = Commands.printStream(spec);
    PrintStream err = new PrintStream(System.err, true);
    out.println("Generating sample logs into " + dir.toAbsolutePath() + " ...");
    DemoJob.generate(dir, clients, err);
    JobConfig cfg =
        root.global
            .toConfig()
            .withInput(dir.toAbsolutePath().toString())
            .withOutput(dir.resolve(DemoJob.SUMMARY).toAbsolutePath().toString());
    try (SparkSession spark = Commands.session(cfg, "balrog-logs demo")) {
      out.println("Running daily over the generated days ...");
      // the generator writes a few malformed lines on purpose: show what daily says about them
      DailyOutcome.of(DemoJob.daily(spark, cfg, out)).report(out);
      DemoJob.report(spark, cfg, out);
      DemoJob.deployImpact(spark, cfg, out);
      DemoJob.htmlReport(spark, cfg, dir, out);
    }
    out.println();
    out.println("Data: " + dir.toAbsolutePath() + " (ground truth in manifest.json). Try:");
    out.println("  bin/balrog-logs inspect " + dir + "/elb");
    out.println(
        "  bin/balrog-logs query --output "
            + dir
            + "/summary --sql \"SELECT * FROM ingest_audit\"");
    out.println(
        "  bin/balrog-logs query --input "
            + dir
            + " --from 2026-11-02 --sql \"SELECT * FROM balrog_elb_logs_aus5 LIMIT 5\"");
    out.flush();
    return ExitCode.OK;
  }
}
