package org.mozilla.balrog.logs.cli;

import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.QueryContext;
import org.apache.spark.QueryContextType;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.mozilla.balrog.logs.sink.OutputLockedException;
import org.mozilla.balrog.logs.source.NoInputException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point of {@code bin/balrog-logs} and of {@code spark-submit --class}; returns the same exit
 * codes.
 */
public final class Main {
  private static final Pattern SQL_POSITION =
      Pattern.compile("== SQL[^\\n]*\\(line (\\d+), position (\\d+)\\) ==");
  private static final Pattern SQLSTATE = Pattern.compile("\\s*SQLSTATE: \\w+.*$");

  /**
   * The system property in which {@code bin/balrog-logs} names the run's log file (its log4j2
   * configuration).
   */
  static final String LOG_FILE_PROPERTY = "balrog.logs.log-file";

  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return createCommandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
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
          String line =
              "balrog-logs "
                  + commandLine.getCommandName()
                  + ": "
                  + (code == ExitCode.FAILURE && !(ex instanceof IllegalStateException)
                      ? "error: "
                      : "")
                  + msg;
          if (root.global.verbose) {
            e.println(line);
            ex.printStackTrace(e);
          } else if (code == ExitCode.FAILURE) {
            e.println(line + " " + whereTheTraceIs(ex));
          } else {
            e.println(line);
          }
          if (code == ExitCode.USAGE
              && !isSqlError(rootCause(ex))) { // help would not help with the SQL
            e.println("Try 'balrog-logs " + commandLine.getCommandName() + " --help'.");
          }
          e.flush();
          return code;
        });
    return cl;
  }

  /**
   * Where a failure's stack trace is, for the end of its one line: the run's log file when {@code
   * bin/balrog-logs} named one ({@value #LOG_FILE_PROPERTY}; the trace is logged there, with
   * Spark's own lines), else {@code --verbose}.
   */
  private static String whereTheTraceIs(Throwable ex) {
    String file = System.getProperty(LOG_FILE_PROPERTY);
    if (file == null || file.isBlank()) {
      return "(run with --verbose for the stack trace)";
    }
    LoggerFactory.getLogger(Main.class).error("the command failed", ex);
    return "(stack trace and Spark's log: " + file + "; --verbose prints them here)";
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

  /**
   * The message a user sees for {@code ex}: its root cause's; one line for an error in SQL ({@link
   * #sqlLine}).
   */
  static String message(Throwable ex) {
    Throwable cause = rootCause(ex);
    if (isSqlError(cause)) {
      return sqlLine(cause);
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  /**
   * Spark's error about a piece of SQL: analysis or parsing, or a runtime error that points into
   * the SQL.
   */
  private static boolean isSqlError(Throwable t) {
    if (t.getMessage() == null || !(t instanceof SparkThrowable st)) {
      return false;
    }
    if (t instanceof AnalysisException) {
      return true;
    }
    for (QueryContext c : st.getQueryContext()) {
      if (c.contextType() == QueryContextType.SQL) {
        return true;
      }
    }
    return false;
  }

  /**
   * A Spark SQL error as one line: the error class and the first line of its message, then the line
   * and position in the SQL when Spark gives them. Spark's message may go on with the logical plan
   * ({@code ;\n'Project ...}), an excerpt of the SQL with a caret line, or advice; those stay out
   * (they are in the {@code --verbose} stack trace).
   */
  static String sqlLine(Throwable t) {
    String text = t instanceof AnalysisException ae ? ae.getSimpleMessage() : t.getMessage();
    text = text.strip();
    int nl = text.indexOf('\n');
    if (nl >= 0) {
      text = text.substring(0, nl).strip();
    }
    text = SQLSTATE.matcher(text).replaceFirst("");
    String position = null;
    if (t instanceof AnalysisException ae
        && ae.line().isDefined()
        && ae.startPosition().isDefined()) {
      position =
          "line " + ae.line().get() + ", position " + ((Integer) ae.startPosition().get() + 1);
    } else {
      for (QueryContext c : ((SparkThrowable) t).getQueryContext()) {
        Matcher m =
            c.contextType() == QueryContextType.SQL ? SQL_POSITION.matcher(c.summary()) : null;
        if (m != null && m.find()) {
          position = "line " + m.group(1) + ", position " + m.group(2);
          break;
        }
      }
    }
    return position == null ? text : text + " (" + position + ")";
  }

  private static Throwable rootCause(Throwable ex) {
    Throwable t = ex;
    while (t.getCause() != null && t.getCause() != t && !(t instanceof NoInputException)) {
      t = t.getCause();
    }
    return t;
  }
}
