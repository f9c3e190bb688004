package org.mozilla.balrog.logs.job;

import org.apache.spark.sql.AnalysisException;
import org.mozilla.balrog.logs.sink.OutputLockedException;
import org.mozilla.balrog.logs.source.NoInputException;

/**
 * What a failed run's exception means for its exit ({@link #kind}) and which exception in its cause
 * chain speaks to the user ({@link #userCause}). The one place that knows the exception types of
 * the packages below {@code job/}.
 */
public final class Failures {
  private Failures() {}

  /**
   * The kind of failure {@code ex} is, from the first exception of its cause chain that says one:
   * {@link DataQualityException}, {@link NoInputException}, {@link OutputLockedException}, an
   * {@link IllegalArgumentException} thrown as such (a bad option or setting: usage), or Spark's
   * {@link AnalysisException} (the user's SQL does not parse or names an unknown table or column:
   * usage); anything else is {@link ExitKind#FAILURE}.
   */
  public static ExitKind kind(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof DataQualityException) {
        return ExitKind.DATA_QUALITY;
      }
      if (t instanceof NoInputException) {
        return ExitKind.NO_INPUT;
      }
      if (t instanceof OutputLockedException) {
        return ExitKind.LOCKED;
      }
      if (t instanceof IllegalArgumentException && t == ex) {
        return ExitKind.USAGE;
      }
      if (t instanceof AnalysisException) {
        return ExitKind.USAGE;
      }
    }
    return ExitKind.FAILURE;
  }

  /**
   * The exception whose message the user sees: the root cause of {@code ex}, or the first {@link
   * NoInputException} on the way there (its message says which input is missing).
   */
  public static Throwable userCause(Throwable ex) {
    Throwable t = ex;
    while (t.getCause() != null && t.getCause() != t && !(t instanceof NoInputException)) {
      t = t.getCause();
    }
    return t;
  }
}
