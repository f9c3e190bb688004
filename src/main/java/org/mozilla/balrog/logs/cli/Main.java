package org.mozilla.balrog.logs.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point of {@code bin/balrog-logs} and of {@code spark-submit --class}; returns the same exit
 * codes.
 */
public final class Main {
  /**
   * The system property in which {@code bin/balrog-logs} names the run's log file (its log4j2
   * configuration).
   */
  static final String LOG_FILE_PROPERTY = "balrog.logs.log-file";

  private Main() {}

  public static void main(String[] args) {
    RunLogging.setUp(args);
    AtomicBoolean finished = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!finished.get()) {
                    System.err.println(unfinished());
                    System.err.flush();
                  }
                },
                "balrog-logs-unfinished"));
    int code = execute(args);
    finished.set(true);
    System.exit(code);
  }

  /**
   * What a run says when the JVM ends before its command returned: stopped by a signal, or by
   * Spark, which exits the JVM on a fatal error in a task (exit 52 when the heap ran out) without
   * any exception reaching the command.
   */
  static String unfinished() {
    String file = System.getProperty(LOG_FILE_PROPERTY);
    return "balrog-logs: stopped before the command finished, by a signal or by a fatal error in"
        + " Spark (exit 52: the Java heap ran out; raise it with BALROG_LOGS_JAVA_OPTS=-Xmx4g, or"
        + " --driver-memory under spark-submit)"
        + (file == null || file.isBlank() ? "" : "; Spark's log: " + file);
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
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          int code = ExitCode.of(ex);
          String msg = Messages.of(ex);
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
              && !Messages.isSqlError(ex)) { // help would not help with the SQL
            e.println("Try 'balrog-logs " + commandLine.getCommandName() + " --help'.");
          }
          e.flush();
          return code;
        });
    HelpLayout.apply(cl);
    return cl;
  }

  /**
   * A command line that does not parse: one line naming the problem (with picocli's suggestions for
   * a mistyped option or command), then where the help is; not the whole help.
   */
  private static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine c = ex.getCommandLine();
    PrintWriter e = c.getErr();
    String name = c.getCommandSpec().qualifiedName();
    String line = name + ": " + ex.getMessage();
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      line += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
    }
    e.println(line);
    e.println("Try '" + name + " --help'.");
    e.flush();
    return ExitCode.USAGE;
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
}
