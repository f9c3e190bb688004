package org.mozilla.balrog.logs.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.SparkSessions;
import picocli.CommandLine.Model.CommandSpec;

/** Small helpers shared by the commands. */
final class Commands {
  private Commands() {}

  static SparkSession session(JobConfig cfg, String appName) {
    SparkSession spark = SparkSessions.create(cfg, appName);
    if (cfg.verbose()) {
      spark.sparkContext().setLogLevel("INFO");
    }
    return spark;
  }

  /** A PrintStream over the command's out writer (jobs print with printf). */
  static PrintStream printStream(CommandSpec spec) {
    return printStream(spec.commandLine().getOut());
  }

  /**
   * A PrintStream over the command's err writer (progress when out carries machine-readable
   * output).
   */
  static PrintStream errStream(CommandSpec spec) {
    return printStream(spec.commandLine().getErr());
  }

  private static PrintStream printStream(PrintWriter w) {
    return new PrintStream(
        new OutputStream() {
          @Override
          public void write(int b) {
            w.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            w.write(new String(b, off, len, StandardCharsets.UTF_8));
          }

          @Override
          public void flush() {
            w.flush();
          }
        },
        true,
        StandardCharsets.UTF_8);
  }
}
