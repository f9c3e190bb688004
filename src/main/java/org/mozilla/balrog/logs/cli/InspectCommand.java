package org.mozilla.balrog.logs.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.job.InspectJob;
import org.mozilla.balrog.logs.job.JobSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code inspect PATH...}: detect formats, count parsed/rejected lines, show rejected samples. */
@Command(
    name = "inspect",
    header = "Parse log files and report per file: lines, parsed, rejected per reason.",
    mixinStandardHelpOptions = true,
    description = {
      "Read log files (or folders, recursively; local or s3a://), detect each file's table from the"
          + " default layout or its format from its first lines, and print per file: lines, parsed,"
          + " rejected per reason with redacted samples. Damaged gzip files are reported and the"
          + " run goes on. Paths are taken literally (no glob patterns)."
    },
    footer = {"", "Example:", "  balrog-logs inspect demo/balrog_elb_logs_aus5"})
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand BalrogLogsCommand root;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to inspect.")
  List<String> paths;

  @Override
  public Integer call() throws Exception {
    JobSettings.Located located = JobSettings.withoutCredentials(root.global.toConfig(), paths);
    try (SparkSession spark = Commands.session(located.cfg(), "balrog-logs inspect")) {
      InspectJob.Result result = InspectJob.run(spark, located.paths());
      PrintStream out = Commands.printStream(spec);
      InspectJob.print(result, out);
      out.flush();
    }
    return ExitCode.OK;
  }
}
