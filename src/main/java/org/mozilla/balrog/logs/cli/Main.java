package org.mozilla.balrog.logs.cli;

import java.io.PrintWriter;
import org.mozilla.balrog.logs.sink.OutputLockedException;
import org.mozilla.balrog.logs.source.NoInputException;
import picocli.CommandLine;

/** Entry point of {@code bin/balrog-logs} and of {@code spark-submit --class}; returns the same exit codes. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return createCommandLine(
            new PrintWriter(System.out, true), new PrintWriter(System.err, true))
        .execute(args);
  }

  /** The configured command line; tests pass their own writers. */
  public static CommandLine createCommandLine(PrintWriter out, PrintWriter err) {
    BalrogLogsCommand root = new BalrogLogsCommand();
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          int code = exitCode(ex);
          String msg = message(ex);
          PrintWriter e = commandLine.getErr();
          e.println("balrog-logs " + commandLine.getCommandName() + ": " + (code == ExitCode.FAILURE
              && !(ex instanceof IllegalStateException) ? "error: " : "") + msg);
          if (code == ExitCode.USAGE) {
            e.println("Try 'balrog-logs " + commandLine.getCommandName() + " --help'.");
          }
          if (root.global.verbose) {
            ex.printStackTrace(e);
          } else if (code == ExitCode.FAILURE) {
            e.println("(run with --verbose for the stack trace)");
          }
          e.flush();
          return code;
        });
    return cl;
  }

  static int exitCode(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof DataQualityException) {
        return ExitCode.DATA_QUALITY;
      }
      if (t instanceof NoInputException) {
        return ExitCode.NO_INPUT;
      }
      if (t instanceof OutputLockedException) {
        return ExitCode.LOCKED;
      }
      if (t instanceof IllegalArgumentException && t == ex) {
        return ExitCode.USAGE;
      }
      if (t instanceof org.apache.spark.sql.AnalysisException) {
        return ExitCode.USAGE; // the user's SQL does not parse or names an unknown table/column
      }
    }
    return ExitCode.FAILURE;
  }

  /** The message a user sees for {@code ex}: its root cause's. */
  static String message(Throwable ex) {
    Throwable cause = rootCause(ex);
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  private static Throwable rootCause(Throwable ex) {
    Throwable t = ex;
    while (t.getCause() != null && t.getCause() != t && !(t instanceof NoInputException)) {
      t = t.getCause();
    }
    return t;
  }
}
