package org.mozilla.balrog.logs.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.QueryContext;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.trees.SQLQueryContext;
import org.mozilla.balrog.logs.job.Failures;

/**
 * The one-line message a user sees for a failed command, shared by the commands and {@link Main}.
 */
final class Messages {
  private static final Pattern SQL_POSITION =
      Pattern.compile("== SQL[^\\n]*\\(line (\\d+), position (\\d+)\\) ==");
  private static final Pattern SQLSTATE = Pattern.compile("\\s*SQLSTATE: \\w+.*$");

  /** The position Spark 3.5 appends to the message (Spark 4 leaves it to the context). */
  private static final Pattern SPARK35_POSITION = Pattern.compile(";\\s*line \\d+ pos \\d+$");

  private Messages() {}

  /**
   * The message a user sees for {@code ex}: that of its {@link Failures#userCause}; one line for an
   * error in SQL ({@link #sqlLine}).
   */
  static String of(Throwable ex) {
    Throwable cause = Failures.userCause(ex);
    if (isSql(cause)) {
      return sqlLine(cause);
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  /** True when {@code ex} is, at its {@link Failures#userCause}, Spark's error about some SQL. */
  static boolean isSqlError(Throwable ex) {
    return isSql(Failures.userCause(ex));
  }

  /**
   * Spark's error about a piece of SQL: analysis or parsing, or a runtime error that points into
   * the SQL.
   */
  private static boolean isSql(Throwable t) {
    if (t.getMessage() == null || !(t instanceof SparkThrowable st)) {
      return false;
    }
    if (t instanceof AnalysisException) {
      return true;
    }
    for (QueryContext c : st.getQueryContext()) {
      if (c instanceof SQLQueryContext) {
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
    text = SPARK35_POSITION.matcher(text).replaceFirst("");
    String position = null;
    if (t instanceof AnalysisException ae
        && ae.line().isDefined()
        && ae.startPosition().isDefined()) {
      position =
          "line " + ae.line().get() + ", position " + ((Integer) ae.startPosition().get() + 1);
    } else {
      for (QueryContext c : ((SparkThrowable) t).getQueryContext()) {
        // SQLQueryContext, not QueryContext.contextType() (Spark 4 only): the same in 3.5 and 4.x
        Matcher m = c instanceof SQLQueryContext s ? SQL_POSITION.matcher(s.summary()) : null;
        if (m != null && m.find()) {
          position = "line " + m.group(1) + ", position " + m.group(2);
          break;
        }
      }
    }
    return position == null ? text : text + " (" + position + ")";
  }
}
